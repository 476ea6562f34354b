using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using MusicEmotion.MLNet.Cli.Infrastructure;

namespace MusicEmotion.MLNet.Cli.Commands
{
    /// <summary>
    /// <c>mer setup</c>: restores the libtorch package the tool needs into the NuGet global packages folder (once per
    /// machine), through <c>dotnet restore</c> of a throw-away project, so that it comes from the same feeds and
    /// cache as every other package.
    /// </summary>
    internal static class SetupCommand
    {
        public static Command Create(CliContext context)
        {
            var cuda = new Option<bool>("--cuda") { Description = $"Restore the CUDA build ({LibTorchRuntime.CudaPackage}) instead of the CPU one." };
            var command = new Command("setup", $"Install libtorch {LibTorchRuntime.Version} for mer's networks (not bundled: " +
                "NuGet limits a package to 250 MB): restores the libtorch package into the NuGet packages folder with 'dotnet restore'.");
            command.Add(cuda);
            command.SetAction(parse =>
            {
                var package = parse.GetValue(cuda) ? LibTorchRuntime.CudaPackage : LibTorchRuntime.CpuPackage;
                if (LibTorchRuntime.LoadedFrom != null && !parse.GetValue(cuda))
                {
                    context.Out.WriteLine($"libtorch is already available: {LibTorchRuntime.LoadedFrom}");
                    return MerApp.Success;
                }
                var project = Directory.CreateTempSubdirectory("mer-setup-");
                try
                {
                    File.WriteAllText(Path.Combine(project.FullName, "libtorch.csproj"),
                        "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>" +
                        $"<ItemGroup><PackageReference Include=\"{package}\" Version=\"{LibTorchRuntime.Version}\" /></ItemGroup></Project>");
                    context.Out.WriteLine($"Restoring {package} {LibTorchRuntime.Version} into {LibTorchRuntime.PackagesFolder} (about 200 MB to download, once)...");
                    var start = new ProcessStartInfo("dotnet", new[] { "restore", project.FullName, "--nologo", "-v", "quiet" })
                    {
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                    };
                    Process process;
                    try
                    {
                        process = Process.Start(start);
                    }
                    catch (System.ComponentModel.Win32Exception e)
                    {
                        throw new InvalidOperationException($"'dotnet' could not be started ({e.Message}); mer setup needs the .NET SDK on PATH.", e);
                    }
                    using (process)
                    {
                        var output = process.StandardOutput.ReadToEndAsync();
                        var errors = process.StandardError.ReadToEndAsync();
                        process.WaitForExit();
                        if (process.ExitCode != 0)
                        {
                            throw new InvalidOperationException($"dotnet restore of {package} {LibTorchRuntime.Version} failed (exit {process.ExitCode}): "
                                + (output.Result + " " + errors.Result).Trim());
                        }
                    }
                }
                finally
                {
                    project.Delete(recursive: true);
                }
                LibTorchRuntime.Prepare();
                if (LibTorchRuntime.LoadedFrom == null)
                    throw new InvalidOperationException($"{package} {LibTorchRuntime.Version} was restored but its libraries could not be loaded from {LibTorchRuntime.PackagesFolder}.");
                context.Out.WriteLine($"libtorch ready: {LibTorchRuntime.LoadedFrom}");
                return MerApp.Success;
            });
            return command;
        }
    }
}
