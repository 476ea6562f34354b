using System;
using System.IO;
using System.Linq;
using Mono.Cecil;

namespace MusicEmotion.MLNet.Build
{
    /// <summary>
    /// Writes compile-time copies of ML.NET assemblies whose internal and protected-internal types and members are public and
    /// private-protected ones protected, so that our components can derive from ML.NET's own save/load and trainer bases.
    /// The runtime keeps loading the real, signed assemblies; the library carries
    /// <c>[assembly: IgnoresAccessChecksTo(...)]</c> so the CLR lets those calls through.
    /// </summary>
    /// <remarks>Usage: <c>MlNetPublicizer &lt;outputDirectory&gt; &lt;assembly.dll&gt;...</c></remarks>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: MlNetPublicizer <outputDirectory> <assembly.dll>...");
                return 2;
            }
            var outputDirectory = args[0];
            Directory.CreateDirectory(outputDirectory);
            var resolver = new DefaultAssemblyResolver();
            foreach (var directory in args.Skip(1).Select(p => Path.GetDirectoryName(Path.GetFullPath(p))).Distinct())
                resolver.AddSearchDirectory(directory);

            foreach (var path in args.Skip(1))
            {
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"MlNetPublicizer: assembly {path} does not exist.");
                    return 1;
                }
                using var assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters { AssemblyResolver = resolver });
                int opened = assembly.MainModule.GetTypes().Sum(Publicize);
                var destination = Path.Combine(outputDirectory, Path.GetFileName(path));
                assembly.Write(destination);
                Console.WriteLine($"MlNetPublicizer: {Path.GetFileName(path)}: {opened} members made public -> {destination}");
            }
            return 0;
        }

        private static int Publicize(TypeDefinition type)
        {
            // Compiler-generated types (closures, state machines) stay as they are.
            if (type.Name.StartsWith("<", StringComparison.Ordinal))
                return 0;
            int opened = 0;
            var visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (!type.IsNested && visibility == TypeAttributes.NotPublic)
            {
                type.IsPublic = true;
                opened++;
            }
            else if (type.IsNested && (visibility == TypeAttributes.NestedAssembly
                                       || visibility == TypeAttributes.NestedFamANDAssem
                                       || visibility == TypeAttributes.NestedFamORAssem))
            {
                // Nested types (RowToRowTransformerBase.MapperBase, ...) become public so that a mapper can be a class
                // of its own; only members are opened to protected, since those are what our overrides show.
                type.IsNestedPublic = true;
                opened++;
            }
            // private protected becomes protected, not public: our overrides of ML.NET's hooks (MakeRowMapper,
            // TrainModelCore, ...) stay protected, so they do not show on our public types.
            foreach (var method in type.Methods)
                opened += Open(method.IsFamilyAndAssembly, () => method.IsFamily = true, method.IsAssembly || method.IsFamilyOrAssembly, () => method.IsPublic = true);
            foreach (var field in type.Fields)
                opened += Open(field.IsFamilyAndAssembly, () => field.IsFamily = true, field.IsAssembly || field.IsFamilyOrAssembly, () => field.IsPublic = true);
            return opened;
        }

        private static int Open(bool privateProtected, Action makeProtected, bool internalOrProtectedInternal, Action makePublic)
        {
            if (privateProtected)
                makeProtected();
            else if (internalOrProtectedInternal)
                makePublic();
            else
                return 0;
            return 1;
        }
    }
}
