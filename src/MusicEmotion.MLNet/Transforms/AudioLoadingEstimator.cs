using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// <see cref="IEstimator{TTransformer}"/> that decodes the audio files named in a text column into fixed-length
    /// mono clips, as librosa's <c>load(path, sr=SampleRate, mono=True, offset, duration)</c> does, with the clip
    /// policy of Han, Chen and Ban (2023) §3.1.
    /// </summary>
    /// <remarks>
    /// <format type="text/markdown"><![CDATA[
    /// To create this estimator, use [LoadAudio](xref:MusicEmotion.MLNet.AudioTransformsCatalog.LoadAudio*).
    ///
    /// ###  Estimator Characteristics
    /// |  |  |
    /// | -- | -- |
    /// | Does this estimator need to look at the data to train its parameters? | No |
    /// | Input column data type | <xref:Microsoft.ML.Data.TextDataViewType> (file path); optional offset column <xref:System.Double> or <xref:System.Single> (seconds) |
    /// | Output column data type | Known-sized vector of <xref:System.Single>, `SampleRate × Duration` values (661,500 for 22,050 Hz and 30 s) |
    /// | Exportable to ONNX | No |
    ///
    /// Files are decoded in process by libsndfile (wav, flac, ogg/vorbis, opus, mp3, …) and resampled by libsoxr at
    /// `soxr_hq`, librosa's default; containers libsndfile cannot open (m4a/AAC, …) are decoded by the `ffmpeg`
    /// executable. Where libsndfile or libsoxr is not installed, the managed backend reads WAV/AIFF (NAudio) and mp3
    /// (NLayer) and resamples with a managed Kaiser-windowed sinc of the same response (see
    /// <xref:MusicEmotion.MLNet.AudioDecoderBackend>; `DecoderBackend` forces one). Channels are averaged (librosa `to_mono`). A file longer than `Duration` is cut from `Offset`
    /// seconds (or centred, see `CenterClip`); a shorter one, or the part left
    /// after the offset, is repeated until the clip is full. Use `ExpandToClips` on
    /// <xref:Microsoft.ML.DataOperationsCatalog> with `OffsetColumnName` to cut a whole song into consecutive clips.
    ///
    /// The length of a file is what decodes, as in librosa (soundfile) and ffmpeg. An mp3 without a Xing/Info header
    /// carries no length, and the one libsndfile reports is estimated from the bitrate (60-s Emotify files are off by
    /// up to 0.3 s); such mp3s are read by libmpg123 directly, which counts their frames without decoding them
    /// (about 2 ms per minute of audio), so a read to the end, a centred clip and the segment count of `ExpandToClips`
    /// use the true end, and a clip longer than what is left is looped as for any short file. An `Offset` at or
    /// beyond that end throws <xref:System.ArgumentOutOfRangeException>. libmpg123 runs quiet, so its notes on
    /// odd frames do not reach standard error; problems come back as the exceptions below.
    ///
    /// A file is rejected, with an <xref:System.IO.InvalidDataException> whose one-line message names the file and
    /// the cause, when its row is read, if it is missing (<xref:System.IO.FileNotFoundException>) or empty; if neither
    /// libsndfile nor ffmpeg can read it ("is not an audio file libsndfile or ffmpeg can read", "has an unsupported
    /// WAV format tag 0x…"); if its header declares a source rate outside 1,000–768,000 Hz (1 kHz is below every
    /// audio format in use, 768 kHz the highest PCM rate) or no channels; if it is truncated: a WAV/AIFF data chunk,
    /// a FLAC or Ogg stream, or an mp3's Xing/Info frame count that the file does not reach; if its MPEG stream breaks
    /// off, that is, mpg123 loses sync in bytes that are not MPEG audio, or the format changes mid-file (ffmpeg would
    /// skip such bytes, soundfile stops or fails there; either way part of the song would be lost silently); or if it
    /// decodes to no samples or to non-finite values. An mp3 without a Xing/Info header that ends inside its last
    /// frame is not rejected: its whole frames are read, as soundfile reads them (ffmpeg also decodes the partial
    /// frame, at most 1,152 samples more). Trailing ID3v1/APE tags and zero padding are not part of the stream.
    ///
    /// The managed backend keeps this contract for WAV/AIFF (the same truncation and header checks) and for mp3s that
    /// NLayer cannot parse; it does not see an MPEG stream that breaks off (NLayer skips bytes that are not frames) or
    /// a Xing/Info frame count the stream does not reach. Its mp3 lengths equal libmpg123's on all 400 Emotify files.
    ///
    /// With `SkipUnreadableFiles` the row of such a file is left out instead (only these rejections; a bad offset or a
    /// missing native library still throws), and the file and cause are listed in
    /// <xref:MusicEmotion.MLNet.AudioLoadingTransformer.RejectedFiles>.
    /// ]]></format>
    /// </remarks>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.LoadAudio("Audio", "Path", sampleRate: 22050, duration: 30);
    /// var clips = pipeline.Fit(files).Transform(files);   // Audio: Vector&lt;Single, 661500&gt;
    /// </code>
    /// </example>
    public sealed class AudioLoadingEstimator : TrivialEstimator<AudioLoadingTransformer>
    {
        /// <summary>Default values of the parameters, as librosa's and the paper's.</summary>
        internal static class Defaults
        {
            /// <summary>Target sample rate in Hz (librosa <c>sr</c>).</summary>
            public const int SampleRate = 22050;

            /// <summary>Clip length in seconds (librosa <c>duration</c>; the paper's 30-s clips).</summary>
            public const double Duration = 30.0;

            /// <summary>Start of the clip in seconds (librosa <c>offset</c>).</summary>
            public const double Offset = 0;

            /// <summary>Where a clip is cut from a longer file.</summary>
            public const bool CenterClip = false;
        }

        /// <summary>All the parameters of <see cref="AudioLoadingEstimator"/>.</summary>
        public sealed class Options
        {
            /// <summary>Name of the output column: a known-sized vector of Single with
            /// <c>SampleRate × Duration</c> values.</summary>
            public string OutputColumnName;

            /// <summary>Name of the text column of file paths; <see langword="null"/> means
            /// <see cref="OutputColumnName"/>.</summary>
            public string InputColumnName;

            /// <summary>Target sample rate in Hz (librosa <c>sr</c>), from 1000 to 192,000.</summary>
            public int SampleRate = Defaults.SampleRate;

            /// <summary>Clip length in seconds (librosa <c>duration</c>), greater than 0 and at most 3600 (one hour).</summary>
            public double Duration = Defaults.Duration;

            /// <summary>Start of the clip in seconds (librosa <c>offset</c>), 0 or more; used with
            /// <see cref="CenterClip"/> false and <see cref="OffsetColumnName"/> not set.</summary>
            public double Offset = Defaults.Offset;

            /// <summary>Whether the clip is the middle of a file longer than <see cref="Duration"/> rather than the part
            /// from <see cref="Offset"/> (the paper takes 30 s of each excerpt; either is a reading of its §3.1). A file
            /// shorter than the clip is looped either way.</summary>
            public bool CenterClip = Defaults.CenterClip;

            internal ClipAlignment Alignment => CenterClip ? ClipAlignment.Center : ClipAlignment.Start;

            /// <summary>Optional name of a Double or Single column giving each row's offset in seconds (for example
            /// the <c>ClipOffset</c> column of <c>ExpandToClips</c>); overrides <see cref="Offset"/>.</summary>
            public string OffsetColumnName;

            /// <summary>
            /// What a cursor does with a row whose file cannot be read (missing, empty, truncated, corrupt, of a format
            /// no backend decodes, or not readable for the user). <see langword="false"/> (the default): the row's
            /// clip getter throws the decoder's exception, which names the file and the cause, so a single-file
            /// pipeline fails fast. <see langword="true"/>: the row is left out of the view, its file and cause are
            /// added to <see cref="AudioLoadingTransformer.RejectedFiles"/> and logged as a warning, and a job over a
            /// folder with a few broken files trains or evaluates on the readable ones.
            /// </summary>
            /// <remarks>
            /// A bad file is one whose decode throws <see cref="System.IO.InvalidDataException"/>,
            /// <see cref="NotSupportedException"/>, <see cref="System.IO.IOException"/> (among them
            /// <see cref="System.IO.FileNotFoundException"/>) or <see cref="UnauthorizedAccessException"/>; any other
            /// exception (a bad offset value, a missing native library) is still thrown. With skipping, every cursor
            /// of the view decodes its rows (even one that does not read the clip column) so that all cursors see the
            /// same rows, and the view's row count is unknown until it has been read. A prediction engine serves one row
            /// and cannot leave it out: its row mapper throws as without skipping.
            /// </remarks>
            public bool SkipUnreadableFiles;

            /// <summary>
            /// Which decoder and resampler read the files: <see cref="AudioDecoderBackend.Auto"/> (the default)
            /// uses libsndfile and libsoxr when they load and the managed decoders (NAudio, NLayer) and resampler
            /// otherwise, with ffmpeg for the formats either cannot read. Saved in the model, so a model trained with
            /// one backend scores with it.
            /// </summary>
            public AudioDecoderBackend DecoderBackend = AudioDecoderBackend.Auto;
        }

        private readonly Options _options;

        internal AudioLoadingEstimator(IHostEnvironment env, Options options)
            : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(AudioLoadingEstimator)),
                  new AudioLoadingTransformer(env, Validate(options)))
        {
            _options = options;
        }

        /// <summary>Checks that <paramref name="inputSchema"/> has the path column (and offset column) with the right
        /// types and returns it with the output column added.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type
        /// (parameter name <c>inputSchema</c>).</exception>
        public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            Host.CheckValue(inputSchema, nameof(inputSchema));
            var inputName = _options.InputColumnName ?? _options.OutputColumnName;
            if (!inputSchema.TryFindColumn(inputName, out var input))
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", inputName);
            if (input.Kind != SchemaShape.Column.VectorKind.Scalar || !(input.ItemType is TextDataViewType))
                throw Host.ExceptSchemaMismatch(nameof(inputSchema), "input", inputName,
                    "Text", input.GetTypeString());
            if (_options.OffsetColumnName != null)
            {
                if (!inputSchema.TryFindColumn(_options.OffsetColumnName, out var offset))
                    throw Host.ExceptSchemaMismatch(nameof(inputSchema), "offset", _options.OffsetColumnName);
                if (offset.Kind != SchemaShape.Column.VectorKind.Scalar ||
                    !(offset.ItemType == NumberDataViewType.Double || offset.ItemType == NumberDataViewType.Single))
                    throw Host.ExceptSchemaMismatch(nameof(inputSchema), "offset", _options.OffsetColumnName,
                        "Double or Single", offset.GetTypeString());
            }
            var columns = inputSchema.ToDictionary(c => c.Name);
            columns[_options.OutputColumnName] = new SchemaShape.Column(_options.OutputColumnName,
                SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false);
            return new SchemaShape(columns.Values);
        }

        /// <summary>Number of samples in a clip: <c>round(sampleRate × duration)</c>.</summary>
        internal static int ClipLength(int sampleRate, double duration) => (int)Math.Round(sampleRate * duration);

        internal static Options Validate(Options options)
        {
            if (options == null)
                throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(options.OutputColumnName))
                throw new ArgumentException("OutputColumnName must be a non-empty column name.", nameof(options));
            if (options.SampleRate < FrontEndLimits.MinSampleRate || options.SampleRate > FrontEndLimits.MaxSampleRate)
                throw new ArgumentOutOfRangeException("sampleRate", options.SampleRate,
                    $"SampleRate={options.SampleRate} must be between {FrontEndLimits.MinSampleRate} Hz (a 500-Hz band, below which no music is left) and {FrontEndLimits.MaxSampleRate} Hz (the highest studio rate).");
            if (!(options.Duration > 0) || !(options.Duration <= FrontEndLimits.MaxDuration))
                throw new ArgumentOutOfRangeException("duration", options.Duration,
                    $"Duration={options.Duration} must be a number of seconds greater than 0 and at most {FrontEndLimits.MaxDuration} (one hour).");
            if (!(options.Offset >= 0) || double.IsInfinity(options.Offset))
                throw new ArgumentOutOfRangeException("offset", options.Offset,
                    $"Offset={options.Offset} must be a finite number of seconds, 0 or more.");
            double samples = Math.Round(options.SampleRate * options.Duration);
            if (samples < 1 || samples > int.MaxValue / 4)
                throw new ArgumentOutOfRangeException("duration", options.Duration,
                    $"SampleRate={options.SampleRate} × Duration={options.Duration} = {samples} samples must be between 1 and {int.MaxValue / 4}.");
            if (!Enum.IsDefined(typeof(AudioDecoderBackend), options.DecoderBackend))
                throw new ArgumentOutOfRangeException("decoderBackend", options.DecoderBackend,
                    $"DecoderBackend={options.DecoderBackend} is not an AudioDecoderBackend value (Auto, Native, Managed or Ffmpeg).");
            if (options.Alignment == ClipAlignment.Center && (options.Offset != 0 || options.OffsetColumnName != null))
                throw new ArgumentException(
                    $"CenterClip=true takes the middle of the file and cannot be combined with Offset={options.Offset} " +
                    $"or OffsetColumnName={options.OffsetColumnName ?? "null"}.", nameof(options));
            return options;
        }
    }
}
