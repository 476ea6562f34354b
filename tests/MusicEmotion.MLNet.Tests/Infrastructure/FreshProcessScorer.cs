using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Infrastructure
{
    /// <summary>
    /// Scores a saved model in a separate process (tests/MusicEmotion.MLNet.ModelCheck) so that save/load tests prove
    /// what an application sees: a fresh runtime, no registration call, only the zip.
    /// </summary>
    public static class FreshProcessScorer
    {
        /// <summary>Transforms <paramref name="input"/> with the model at <paramref name="modelPath"/> in a new process and
        /// returns the values of the Single column <paramref name="column"/>, all rows concatenated.</summary>
        /// <param name="float32">Score the network in Float32 (the fixtures' scores are Float32 ones) instead of the
        /// process's automatic choice.</param>
        public static float[] Score(MLContext ml, string modelPath, IDataView input, string column, bool float32 = false)
        {
            var work = Path.Combine(Path.GetTempPath(), "mer-modelcheck-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                var inputPath = Path.Combine(work, "input.idv");
                using (var stream = File.Create(inputPath))
                    ml.Data.SaveAsBinary(input, stream, keepHidden: false);
                var outputPath = Path.Combine(work, "output.bin");
                var tool = Path.Combine(AppContext.BaseDirectory, "MusicEmotion.MLNet.ModelCheck.dll");
                Assert.True(File.Exists(tool), $"ModelCheck tool not found at {tool}");
                var start = new ProcessStartInfo("dotnet")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                if (float32)
                    start.Environment[MixedPrecision.EnvironmentVariable] = "0";
                foreach (var arg in new[] { tool, modelPath, inputPath, column, outputPath })
                    start.ArgumentList.Add(arg);
                using var process = Process.Start(start);
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"ModelCheck exited with {process.ExitCode}: {stderr}{stdout.Result}");
                var bytes = File.ReadAllBytes(outputPath);
                var values = new float[bytes.Length / sizeof(float)];
                Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
                return values;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }

        /// <summary>The values of a Single (scalar or vector) column in this process, all rows concatenated.</summary>
        public static float[] ReadColumn(IDataView data, string column)
        {
            var col = data.Schema[column];
            if (col.Type is VectorDataViewType)
                return data.GetColumn<VBuffer<float>>(col).SelectMany(v => v.DenseValues()).ToArray();
            return data.GetColumn<float>(col).ToArray();
        }
    }
}
