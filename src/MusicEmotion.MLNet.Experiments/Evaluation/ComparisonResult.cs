using System;
using System.Collections.Generic;

namespace MusicEmotion.MLNet.Experiments
{
    /// <summary>Everything <see cref="ComparisonExperiment.Run"/> measured, and where it wrote its files.</summary>
    public sealed class ComparisonResult
    {
        /// <summary>The options of the run.</summary>
        public ComparisonOptions Options { get; init; }

        /// <summary>Number of clips compared (those whose file could be read): the entries of the input list, one per
        /// file.</summary>
        public int Clips { get; init; }

        /// <summary>Rows the methods learn from and are scored on: up to <see cref="ComparisonOptions.ClipsPerFile"/>
        /// clips cut from each compared file.</summary>
        public long ClipRows { get; init; }

        /// <summary>Clips left out because their audio file could not be read (with
        /// <see cref="ComparisonOptions.SkipUnreadableFiles"/>), one per path, with the cause.</summary>
        public IReadOnlyList<AudioFileError> RejectedFiles { get; init; } = Array.Empty<AudioFileError>();

        /// <summary>Number of distinct songs (groups).</summary>
        public int Songs { get; init; }

        /// <summary>Sorted class names.</summary>
        public IReadOnlyList<string> ClassNames { get; init; }

        /// <summary>Clips per class, in <see cref="ClassNames"/> order.</summary>
        public IReadOnlyList<int> ClassCounts { get; init; }

        /// <summary>The binary IDataView file holding the features.</summary>
        public string FeatureCachePath { get; init; }

        /// <summary>True when the features came from an earlier run's cache.</summary>
        public bool FeatureCacheReused { get; init; }

        /// <summary>Seconds to compute (or open) the features.</summary>
        public double FeatureSeconds { get; init; }

        /// <summary>Frequency bins and frames of each spectrogram.</summary>
        public int Bins { get; init; }

        /// <summary>Frames of each spectrogram.</summary>
        public int Frames { get; init; }

        /// <summary>Length of the summary vector.</summary>
        public int SummaryLength { get; init; }

        /// <summary>One result per method, in the order run.</summary>
        public IReadOnlyList<MethodResult> Methods { get; init; }

        /// <summary>Start of the run (UTC).</summary>
        public DateTime StartedUtc { get; init; }

        /// <summary>End of the run (UTC).</summary>
        public DateTime FinishedUtc { get; init; }

        /// <summary>The Markdown report (Table 3 and one Table 2 per method), as written to <c>comparison.md</c>.</summary>
        public string Markdown { get; internal set; }

        /// <summary>Files written into <see cref="ComparisonOptions.OutputDirectory"/>; empty when it is null.</summary>
        public IReadOnlyList<string> OutputFiles { get; internal set; }
    }
}
