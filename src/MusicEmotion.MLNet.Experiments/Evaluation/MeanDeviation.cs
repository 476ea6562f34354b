using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Mean and sample standard deviation (n − 1 in the denominator, as <c>np.std(ddof=1)</c>) of per-fold values.</summary>
    public readonly struct MeanDeviation
    {
        /// <summary>Creates a value from its parts.</summary>
        /// <param name="mean">The mean.</param>
        /// <param name="standardDeviation">The sample standard deviation.</param>
        /// <param name="count">The number of values.</param>
        public MeanDeviation(double mean, double standardDeviation, int count)
        {
            Mean = mean;
            StandardDeviation = standardDeviation;
            Count = count;
        }

        /// <summary>The arithmetic mean; NaN for no values.</summary>
        public double Mean { get; }

        /// <summary>The sample standard deviation; 0 for a single value, NaN for none.</summary>
        public double StandardDeviation { get; }

        /// <summary>The number of values.</summary>
        public int Count { get; }

        /// <summary>Mean and sample standard deviation of <paramref name="values"/>.</summary>
        /// <param name="values">The per-fold values.</param>
        public static MeanDeviation Of(IEnumerable<double> values)
        {
            if (values == null)
                throw new ArgumentNullException(nameof(values));
            var list = values.ToArray();
            if (list.Length == 0)
                return new MeanDeviation(double.NaN, double.NaN, 0);
            double mean = list.Average();
            double sd = list.Length > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Length - 1)) : 0;
            return new MeanDeviation(mean, sd, list.Length);
        }

        /// <summary>Formats as percentages, e.g. <c>84.2 ± 3.1</c>.</summary>
        public string ToPercentString()
            => string.Create(CultureInfo.InvariantCulture, $"{100 * Mean:F1} ± {100 * StandardDeviation:F1}");

        /// <summary>Formats with the given .NET format, e.g. <c>12.34 ± 0.56</c> for <c>F2</c>.</summary>
        /// <param name="format">A numeric format string.</param>
        public string ToString(string format)
            => $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {StandardDeviation.ToString(format, CultureInfo.InvariantCulture)}";

        /// <inheritdoc/>
        public override string ToString() => ToString("G4");
    }
}
