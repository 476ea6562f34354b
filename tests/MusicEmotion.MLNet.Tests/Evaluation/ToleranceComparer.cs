using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet.Tests.Evaluation
{
    /// <summary>Compares doubles within an absolute tolerance.</summary>
    internal sealed class ToleranceComparer : IEqualityComparer<double>
    {
        private readonly double _tolerance;

        public ToleranceComparer(double tolerance) => _tolerance = tolerance;

        public bool Equals(double x, double y) => Math.Abs(x - y) <= _tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
