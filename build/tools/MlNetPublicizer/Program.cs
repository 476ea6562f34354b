using System;
using System.IO;
using System.Linq;
using Mono.Cecil;

namespace MusicEmotion.MLNet.Build
{
    /// <summary>
    /// Writes compile-time copies of ML.NET assemblies whose internal, protected-internal and private-protected types
    /// and members are public, so that our components can derive from ML.NET's own save/load and trainer bases.
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
                type.IsNestedPublic = true;
                opened++;
            }
            foreach (var method in type.Methods.Where(m => m.IsAssembly || m.IsFamilyAndAssembly || m.IsFamilyOrAssembly))
            {
                method.IsPublic = true;
                opened++;
            }
            foreach (var field in type.Fields.Where(f => f.IsAssembly || f.IsFamilyAndAssembly || f.IsFamilyOrAssembly))
            {
                field.IsPublic = true;
                opened++;
            }
            return opened;
        }
    }
}
