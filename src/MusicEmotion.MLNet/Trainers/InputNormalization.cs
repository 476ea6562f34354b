using System;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Per-frequency-bin standardisation of the network input, <c>(x − mean[bin]) / sd[bin]</c>, with the mean and
    /// (population) standard deviation of every training row's values of that bin over all frames. Stored in the model
    /// so that scoring applies exactly what training saw.
    /// </summary>
    internal sealed class InputNormalization
    {
        // A bin whose values barely vary (silence at −80 dB everywhere) is only centred, not blown up.
        internal const float MinimumDeviation = 1e-3f;

        public InputNormalization(float[] mean, float[] deviation)
        {
            if (mean == null || deviation == null || mean.Length != deviation.Length || mean.Length == 0)
                throw new ArgumentException("The normalisation needs one mean and one deviation per bin.", nameof(mean));
            Mean = mean;
            Deviation = deviation;
        }

        /// <summary>Mean of each bin over the training rows and frames.</summary>
        public float[] Mean { get; }

        /// <summary>Standard deviation of each bin (at least <see cref="MinimumDeviation"/>).</summary>
        public float[] Deviation { get; }

        public int Bins => Mean.Length;

        /// <summary>Computes the statistics of the rows <paramref name="reader"/> yields (one pass, in double precision).</summary>
        public static InputNormalization Compute(BatchReader reader, int bins, int frames, Action checkAlive = null)
        {
            using var sum = torch.zeros(bins, ScalarType.Float64);
            using var squares = torch.zeros(bins, ScalarType.Float64);
            long count = 0;
            foreach (int rows in reader.ReadBatches(null))
            {
                checkAlive?.Invoke();
                using var scope = torch.NewDisposeScope();
                var x = reader.Features.narrow(0, 0, rows).view(rows, bins, frames).to(ScalarType.Float64);
                sum.add_(x.sum(new long[] { 0, 2 }));
                squares.add_(x.square().sum(new long[] { 0, 2 }));
                count += (long)rows * frames;
            }
            if (count == 0)
                throw new InvalidOperationException("The normalisation statistics need at least one training row.");
            var s = sum.data<double>().ToArray();
            var q = squares.data<double>().ToArray();
            var mean = new float[bins];
            var deviation = new float[bins];
            for (int b = 0; b < bins; b++)
            {
                double m = s[b] / count;
                double variance = Math.Max(0, q[b] / count - m * m);
                mean[b] = (float)m;
                deviation[b] = Math.Max((float)Math.Sqrt(variance), MinimumDeviation);
            }
            return new InputNormalization(mean, deviation);
        }

        /// <summary>(N, bins, frames) → standardised copy.</summary>
        public Tensor Apply(Tensor x)
        {
            using var scope = torch.NewDisposeScope();
            var mean = torch.tensor(Mean, new long[] { 1, Bins, 1 }).to(x.device);
            var deviation = torch.tensor(Deviation, new long[] { 1, Bins, 1 }).to(x.device);
            return x.sub(mean).div_(deviation).MoveToOuterDisposeScope();
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(Bins);
            foreach (var m in Mean)
                writer.Write(m);
            foreach (var d in Deviation)
                writer.Write(d);
        }

        public static InputNormalization Read(BinaryReader reader, int expectedBins)
        {
            int bins = reader.ReadInt32();
            if (bins != expectedBins)
                throw new InvalidDataException($"The input normalisation has {bins} bins; the network reads {expectedBins}.");
            var mean = new float[bins];
            var deviation = new float[bins];
            for (int b = 0; b < bins; b++)
                mean[b] = reader.ReadSingle();
            for (int b = 0; b < bins; b++)
            {
                deviation[b] = reader.ReadSingle();
                if (!(deviation[b] > 0) || float.IsInfinity(deviation[b]) || float.IsNaN(mean[b]))
                    throw new InvalidDataException($"The input normalisation of bin {b} is invalid (mean {mean[b]}, deviation {deviation[b]}).");
            }
            return new InputNormalization(mean, deviation);
        }
    }
}
