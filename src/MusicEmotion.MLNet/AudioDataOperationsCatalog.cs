using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MusicEmotion.MLNet.Data;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// Extensions on <see cref="DataOperationsCatalog"/> for audio data: <see cref="ExpandToClips"/> cuts whole songs
    /// into consecutive clips, one row per clip, for <c>LoadAudio</c> with an offset column.
    /// </summary>
    public static class AudioDataOperationsCatalog
    {
        /// <summary>Name of the Int32 column that <see cref="ExpandToClips"/> adds: the clip's index in its file,
        /// from 0.</summary>
        public const string ClipIndexColumnName = "ClipIndex";

        /// <summary>Name of the Double column that <see cref="ExpandToClips"/> adds: the clip's start in seconds.</summary>
        public const string ClipOffsetColumnName = "ClipOffset";

        /// <summary>
        /// Repeats each row of <paramref name="input"/> once per clip of <paramref name="duration"/> seconds in the
        /// audio file named by <paramref name="pathColumnName"/>, adding <see cref="ClipIndexColumnName"/> (Int32) and
        /// <see cref="ClipOffsetColumnName"/> (Double, seconds). Feed the result to
        /// <c>LoadAudio(..., duration: duration, offsetColumnName: "ClipOffset")</c> to decode each clip.
        /// </summary>
        /// <remarks>
        /// Clips start at <c>k × hop</c> for every <c>k</c> whose clip lies wholly inside the file; a file no longer
        /// than <paramref name="duration"/> gives one clip at 0 (which <c>LoadAudio</c> loops). With
        /// <paramref name="includePartialClip"/> a last clip starting before the end but running past it is added
        /// (<c>LoadAudio</c> loops its remainder). File lengths come from the headers (libsndfile, or ffprobe for
        /// containers libsndfile cannot open); no audio is decoded. The files are probed lazily, as rows are read, and
        /// a missing or unreadable file throws then, naming the file.
        /// </remarks>
        /// <param name="catalog">The data operations catalog.</param>
        /// <param name="input">Rows with a text column of audio file paths.</param>
        /// <param name="pathColumnName">Name of the text column of file paths.</param>
        /// <param name="duration">Clip length in seconds, greater than 0.</param>
        /// <param name="hop">Seconds between clip starts, greater than 0; <see langword="null"/> means
        /// <paramref name="duration"/> (consecutive, non-overlapping clips).</param>
        /// <param name="includePartialClip">Whether to add a last clip that runs past the end of the file.</param>
        /// <returns>The input's columns followed by <c>ClipIndex</c> and <c>ClipOffset</c>, one row per clip.</returns>
        public static IDataView ExpandToClips(this DataOperationsCatalog catalog, IDataView input, string pathColumnName,
            double duration = Transforms.AudioLoadingEstimator.Defaults.Duration, double? hop = null, bool includePartialClip = false)
        {
            var env = Contracts.CheckRef(catalog, nameof(catalog)).GetEnvironment();
            env.CheckValue(input, nameof(input));
            if (string.IsNullOrEmpty(pathColumnName))
                throw new ArgumentException("pathColumnName must be a non-empty column name.", nameof(pathColumnName));
            if (!(duration > 0) || double.IsInfinity(duration))
                throw new ArgumentOutOfRangeException(nameof(duration), duration,
                    $"Duration={duration} must be a finite number of seconds greater than 0.");
            double step = hop ?? duration;
            if (!(step > 0) || double.IsInfinity(step))
                throw new ArgumentOutOfRangeException(nameof(hop), hop,
                    $"Hop={step} must be a finite number of seconds greater than 0.");
            var column = input.Schema.GetColumnOrNull(pathColumnName)
                ?? throw env.ExceptSchemaMismatch(nameof(input), "path", pathColumnName);
            if (!(column.Type is TextDataViewType))
                throw env.ExceptSchemaMismatch(nameof(input), "path", pathColumnName,
                    "Text", column.Type.ToString());
            return new ClipExpandingDataView(env, input, column.Index, duration, step, includePartialClip);
        }
    }
}
