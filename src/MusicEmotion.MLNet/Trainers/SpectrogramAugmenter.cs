using System;
using TorchSharp;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Audio-suited augmentation of a training batch of [bins, frames] dB spectrograms: a random gain (a dB offset,
    /// what a louder or quieter recording gives), the per-bin standardisation, a random circular shift along time (the
    /// clip starting elsewhere in the song), SpecAugment frequency and time masks (Park et al. 2019; masked values set
    /// to the standardised mean, 0) and mixup (Zhang et al. 2018: a convex mix of the batch with a permutation of
    /// itself, λ ~ Beta(α, α)). Every random draw comes from one <see cref="Random"/> seeded by the trainer, so a seed
    /// gives the same batches on any device.
    /// </summary>
    internal sealed class SpectrogramAugmenter
    {
        private readonly RecipeSettings _settings;
        private readonly Random _random;

        public SpectrogramAugmenter(RecipeSettings settings, int seed)
        {
            _settings = settings;
            _random = new Random(seed);
        }

        /// <summary>The augmented, standardised batch (N, bins, frames); <paramref name="mix"/> describes the mixup of it.</summary>
        public Tensor Augment(Tensor raw, InputNormalization normalization, out MixupBatch mix)
        {
            using var scope = torch.NewDisposeScope();
            long n = raw.shape[0], bins = raw.shape[1], frames = raw.shape[2];
            var x = raw;
            if (_settings.GainDb > 0)
            {
                var gains = new float[n];
                for (int i = 0; i < n; i++)
                    gains[i] = (float)((_random.NextDouble() * 2 - 1) * _settings.GainDb);
                x = x.add(torch.tensor(gains, new long[] { n, 1, 1 }).to(x.device));
            }
            if (normalization != null)
                x = normalization.Apply(x);
            if (_settings.TimeShiftFraction > 0)
            {
                int widest = (int)Math.Min(frames - 1, Math.Round(_settings.TimeShiftFraction * frames));
                if (widest > 0)
                {
                    var rows = new Tensor[n];
                    for (int i = 0; i < n; i++)
                        rows[i] = x[i].roll(_random.Next(-widest, widest + 1), 1);
                    x = torch.stack(rows);
                }
            }
            if (_settings.FrequencyMasks > 0 || _settings.TimeMasks > 0)
            {
                var keepBins = Masks(n, bins, _settings.FrequencyMasks, _settings.FrequencyMaskFraction);
                var keepFrames = Masks(n, frames, _settings.TimeMasks, _settings.TimeMaskFraction);
                var keep = torch.tensor(keepBins, new long[] { n, bins, 1 }).mul(torch.tensor(keepFrames, new long[] { n, 1, frames }))
                    .to(x.device);
                // Standardised input: the mean is 0. Raw dB: each clip's own mean.
                x = normalization != null
                    ? x.mul(keep)
                    : x.mul(keep).add(x.mean(new long[] { 1, 2 }, keepdim: true).mul(keep.neg().add(1)));
            }
            mix = null;
            if (_settings.MixupAlpha > 0 && n > 1)
            {
                double lambda = Beta(_settings.MixupAlpha);
                var permutation = new long[n];
                for (int i = 0; i < n; i++)
                    permutation[i] = i;
                _random.Shuffle(permutation);
                var index = torch.tensor(permutation).to(x.device);
                x = x.mul(lambda).add(x.index_select(0, index).mul(1 - lambda));
                mix = new MixupBatch(permutation, lambda);
            }
            return (ReferenceEquals(x, raw) ? x.alias() : x).MoveToOuterDisposeScope();
        }

        /// <summary>1 where kept, 0 inside each of <paramref name="count"/> masks of width uniform in
        /// [0, fraction·size] at a uniform start (SpecAugment's F and T parameters).</summary>
        private float[] Masks(long n, long size, int count, double fraction)
        {
            var keep = new float[n * size];
            Array.Fill(keep, 1f);
            int widest = (int)Math.Round(fraction * size);
            if (count <= 0 || widest <= 0)
                return keep;
            for (long i = 0; i < n; i++)
            {
                for (int m = 0; m < count; m++)
                {
                    int width = _random.Next(widest + 1);
                    int start = _random.Next((int)(size - width + 1));
                    for (int k = start; k < start + width; k++)
                        keep[i * size + k] = 0f;
                }
            }
            return keep;
        }

        /// <summary>A Beta(α, α) draw as X / (X + Y) of two Gamma(α) draws.</summary>
        private double Beta(double alpha)
        {
            double a = Gamma(alpha), b = Gamma(alpha);
            return a + b > 0 ? a / (a + b) : 0.5;
        }

        // Marsaglia and Tsang (2000); shape below 1 through Gamma(shape + 1) · U^(1/shape).
        private double Gamma(double shape)
        {
            if (shape < 1)
                return Gamma(shape + 1) * Math.Pow(1.0 - _random.NextDouble(), 1.0 / shape);
            double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
            while (true)
            {
                double z, v;
                do
                {
                    double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
                    z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                    v = 1 + c * z;
                }
                while (v <= 0);
                v = v * v * v;
                double u = 1.0 - _random.NextDouble();
                if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
                    return d * v;
            }
        }
    }

    /// <summary>How a batch was mixed: row i is λ·row i + (1 − λ)·row Permutation[i].</summary>
    internal sealed record MixupBatch(long[] Permutation, double Lambda);
}
