using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;


namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A disk-backed store of spectrogram rows: one file of fixed-size records, each clip's dB spectrogram quantised
    /// over its own range (<see cref="SpectrogramQuantizer"/>), other float vectors (a spectral summary) as float32,
    /// and text and float scalar columns (Path, Label, Song, ...) in a small table at the end of the file. Written in
    /// one streaming pass; read back by <see cref="SpectrogramCacheDataView"/> with positioned reads, in order or in a
    /// seeded random permutation, so training and evaluation hold one row per cursor instead of the data set.
    /// </summary>
    /// <remarks>
    /// Layout (little-endian): a <see cref="HeaderBytes"/>-byte header (magic, version, code width, record size, row
    /// count, offset of the table), then one record per row written (the source may yield fewer rows than it was
    /// given clips), then the table: the column list and each row's text and scalar values. A record holds the
    /// spectrogram's minimum and step (two float32) and its codes, then each float vector column. The row count and
    /// table offset are written last, into a temporary file (<see cref="OutputFile"/>) that is moved onto the target only when complete.
    /// </remarks>
    internal static class SpectrogramCache
    {
        internal const int HeaderBytes = 64;
        internal const int FormatVersion = 1;
        private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("MERSPEC\0");

        /// <summary>A new path for a process-private cache file, <c>&lt;temp&gt;/MusicEmotion.MLNet/&lt;prefix&gt;-&lt;pid&gt;-&lt;guid&gt;.spc</c>.
        /// A process that was killed (SIGKILL, out of memory) cannot delete its cache, and one is about 1.3 MB per
        /// 30-s clip (4 GB for 3,000 clips), so the files of processes that no longer run are deleted here first.</summary>
        public static string NewTemporaryPath(string prefix)
        {
            var folder = Path.Combine(Path.GetTempPath(), "MusicEmotion.MLNet");
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.EnumerateFiles(folder, prefix + "-*-*.spc"))
            {
                var parts = Path.GetFileNameWithoutExtension(stale).Split('-');
                if (parts.Length == 3 && int.TryParse(parts[1], out int pid) && pid != Environment.ProcessId && !IsRunning(pid))
                {
                    try
                    {
                        File.Delete(stale);
                    }
                    catch (IOException)
                    {
                    }
                    catch (UnauthorizedAccessException)
                    {
                    }
                }
            }
            return Path.Combine(folder, $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}.spc");
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>Code width for a spectrogram whose clips span at most <paramref name="topDb"/> dB: one byte up to
        /// 80 dB (error ≤ 0.157 dB), else two bytes (error ≤ range / 131070, 0.0015 dB for a 200-dB clip).</summary>
        public static int CodeBytesFor(float? topDb) => topDb.HasValue && topDb.Value <= 80f ? 1 : 2;

        /// <summary>
        /// Writes every row of <paramref name="source"/> to <paramref name="path"/>: <paramref name="spectrogramColumn"/>
        /// quantised, the other Text, Single and known-size Vector&lt;Single&gt; columns as they are (hidden and other
        /// columns are not kept). The file appears at <paramref name="path"/> only once complete.
        /// </summary>
        public static SpectrogramCacheWriteResult Write(IHostEnvironment env, IDataView source, string spectrogramColumn,
            string path, int codeBytes, Action<int> rowWritten = null)
        {
            Contracts.CheckValue(env, nameof(env));
            Contracts.CheckValue(source, nameof(source));
            if (codeBytes != 1 && codeBytes != 2)
                throw new ArgumentOutOfRangeException(nameof(codeBytes), codeBytes, $"codeBytes={codeBytes} must be 1 or 2.");
            var columns = Describe(source.Schema, spectrogramColumn);
            var spectrogram = columns.Single(c => c.Kind == SpectrogramCacheDataView.ColumnKind.Spectrogram);
            long recordBytes = SpectrogramCacheDataView.Layout(columns, codeBytes);

            var watch = Stopwatch.StartNew();
            long rows = 0;
            double maxError = 0;
            var storing = new Stopwatch();
            // Through a temporary name (another run, or an interrupted one, never leaves or replaces a half-written cache).
            OutputFile.Write(path, temporary =>
            {
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None,
                    bufferSize: 1 << 16, FileOptions.SequentialScan))
                {
                    stream.Write(new byte[HeaderBytes]);
                    var active = columns.Select(c => source.Schema[c.Name]).ToArray();
                    var texts = new List<string>[columns.Length];
                    var scalars = new List<float>[columns.Length];
                    var record = new byte[recordBytes];
                    var dense = new float[columns.Max(c => c.Size)];
                    using (var cursor = source.GetRowCursor(active))
                    {
                        var getters = new Delegate[columns.Length];
                        for (int c = 0; c < columns.Length; c++)
                        {
                            var column = active[c];
                            switch (columns[c].Kind)
                            {
                                case SpectrogramCacheDataView.ColumnKind.Text:
                                    getters[c] = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                                    texts[c] = new List<string>();
                                    break;
                                case SpectrogramCacheDataView.ColumnKind.Scalar:
                                    getters[c] = cursor.GetGetter<float>(column);
                                    scalars[c] = new List<float>();
                                    break;
                                default:
                                    getters[c] = cursor.GetGetter<VBuffer<float>>(column);
                                    break;
                            }
                        }
                        ReadOnlyMemory<char> text = default;
                        float scalar = 0;
                        VBuffer<float> vector = default;
                        while (cursor.MoveNext())
                        {
                            for (int c = 0; c < columns.Length; c++)
                            {
                                var column = columns[c];
                                switch (column.Kind)
                                {
                                    case SpectrogramCacheDataView.ColumnKind.Text:
                                        ((ValueGetter<ReadOnlyMemory<char>>)getters[c])(ref text);
                                        texts[c].Add(text.ToString());
                                        break;
                                    case SpectrogramCacheDataView.ColumnKind.Scalar:
                                        ((ValueGetter<float>)getters[c])(ref scalar);
                                        scalars[c].Add(scalar);
                                        break;
                                    case SpectrogramCacheDataView.ColumnKind.Vector:
                                        ((ValueGetter<VBuffer<float>>)getters[c])(ref vector);
                                        var raw = Dense(vector, column, dense);
                                        MemoryMarshal.AsBytes(raw).CopyTo(record.AsSpan((int)column.Offset, column.Size * sizeof(float)));
                                        break;
                                    case SpectrogramCacheDataView.ColumnKind.Spectrogram:
                                        ((ValueGetter<VBuffer<float>>)getters[c])(ref vector);
                                        var values = Dense(vector, column, dense);
                                        storing.Start();
                                        var (min, max) = SpectrogramQuantizer.MinMax(values);
                                        if (!float.IsFinite(min) || !float.IsFinite(max))
                                            throw new InvalidDataException(
                                                $"Column '{column.Name}' of row {rows} holds a value that is not finite; the spectrogram cache {path} stores finite dB values only.");
                                        float step = SpectrogramQuantizer.Step(min, max, codeBytes);
                                        maxError = Math.Max(maxError, step / 2.0);
                                        var target = record.AsSpan((int)column.Offset, 8 + column.Size * codeBytes);
                                        BinaryPrimitives.WriteSingleLittleEndian(target, min);
                                        BinaryPrimitives.WriteSingleLittleEndian(target.Slice(4), step);
                                        if (codeBytes == 1)
                                            SpectrogramQuantizer.Quantize(values, min, step, target.Slice(8));
                                        else
                                            SpectrogramQuantizer.Quantize(values, min, step, MemoryMarshal.Cast<byte, ushort>(target.Slice(8)));
                                        storing.Stop();
                                        break;
                                }
                            }
                            storing.Start();
                            stream.Write(record);
                            storing.Stop();
                            rows++;
                            rowWritten?.Invoke((int)rows);
                        }
                    }

                    long tableOffset = stream.Position;
                    using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                    {
                        writer.Write(columns.Length);
                        foreach (var column in columns)
                        {
                            writer.Write(column.Name);
                            writer.Write((int)column.Kind);
                            writer.Write(column.Dimensions.Length);
                            foreach (int d in column.Dimensions)
                                writer.Write(d);
                        }
                        for (int c = 0; c < columns.Length; c++)
                        {
                            for (int r = 0; r < rows; r++)
                            {
                                if (texts[c] != null)
                                    writer.Write(texts[c][r]);
                                else if (scalars[c] != null)
                                    writer.Write(scalars[c][r]);
                            }
                        }
                    }
                    var header = new byte[HeaderBytes];
                    s_magic.CopyTo(header, 0);
                    BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
                    BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), codeBytes);
                    BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), recordBytes);
                    BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), rows);
                    BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(32), tableOffset);
                    BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(40), maxError);
                    stream.Position = 0;
                    stream.Write(header);
                }
            });
            return new SpectrogramCacheWriteResult(path, rows, new FileInfo(path).Length, watch.Elapsed.TotalSeconds,
                storing.Elapsed.TotalSeconds, maxError, spectrogram.Size);
        }

        /// <summary>Opens a file written by <see cref="Write"/>.</summary>
        public static SpectrogramCacheDataView Open(IHostEnvironment env, string path)
        {
            Contracts.CheckValue(env, nameof(env));
            var header = new byte[HeaderBytes];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Read(header) != HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(s_magic))
                throw new InvalidDataException($"File {path} is not a spectrogram cache.");
            int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            if (version != FormatVersion)
                throw new InvalidDataException($"Spectrogram cache {path} has format version {version}; this build reads version {FormatVersion}.");
            int codeBytes = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
            long recordBytes = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
            long rows = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
            long tableOffset = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(32));
            double maxError = BinaryPrimitives.ReadDoubleLittleEndian(header.AsSpan(40));
            if (rows < 0 || tableOffset != HeaderBytes + rows * recordBytes || tableOffset > stream.Length)
                throw new InvalidDataException($"Spectrogram cache {path} is incomplete or damaged: {rows} rows of {recordBytes} bytes do not end at the table offset {tableOffset}.");
            SpectrogramCacheDataView.StoredColumn[] columns;
            string[][] texts;
            float[][] scalars;
            try
            {
                stream.Position = tableOffset;
                using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
                columns = new SpectrogramCacheDataView.StoredColumn[reader.ReadInt32()];
                for (int c = 0; c < columns.Length; c++)
                {
                    var name = reader.ReadString();
                    var kind = (SpectrogramCacheDataView.ColumnKind)reader.ReadInt32();
                    var dims = new int[reader.ReadInt32()];
                    for (int d = 0; d < dims.Length; d++)
                        dims[d] = reader.ReadInt32();
                    columns[c] = new SpectrogramCacheDataView.StoredColumn(name, kind, dims);
                }
                if (SpectrogramCacheDataView.Layout(columns, codeBytes) != recordBytes)
                    throw new InvalidDataException($"Spectrogram cache {path} is damaged: its columns do not add up to its record size {recordBytes}.");
                texts = new string[columns.Length][];
                scalars = new float[columns.Length][];
                for (int c = 0; c < columns.Length; c++)
                {
                    if (columns[c].Kind == SpectrogramCacheDataView.ColumnKind.Text)
                    {
                        texts[c] = new string[rows];
                        for (long r = 0; r < rows; r++)
                            texts[c][r] = reader.ReadString();
                    }
                    else if (columns[c].Kind == SpectrogramCacheDataView.ColumnKind.Scalar)
                    {
                        scalars[c] = new float[rows];
                        for (long r = 0; r < rows; r++)
                            scalars[c][r] = reader.ReadSingle();
                    }
                }
            }
            catch (EndOfStreamException)
            {
                throw new InvalidDataException($"Spectrogram cache {path} is incomplete or damaged: its column table ends early.");
            }
            return new SpectrogramCacheDataView(env, path, columns, codeBytes, recordBytes, rows, maxError, texts, scalars);
        }

        private static SpectrogramCacheDataView.StoredColumn[] Describe(DataViewSchema schema, string spectrogramColumn)
        {
            var spectrogram = schema.GetColumnOrNull(spectrogramColumn)
                ?? throw new ArgumentOutOfRangeException(nameof(spectrogramColumn), $"Could not find input column '{spectrogramColumn}'");
            if (!(spectrogram.Type is VectorDataViewType sv && sv.ItemType == NumberDataViewType.Single && sv.IsKnownSize))
                throw new ArgumentOutOfRangeException(nameof(spectrogramColumn),
                    $"Schema mismatch for input column '{spectrogramColumn}': expected known-size Vector<Single>, got {spectrogram.Type}");
            var columns = new List<SpectrogramCacheDataView.StoredColumn>();
            foreach (var column in schema)
            {
                if (column.IsHidden)
                    continue;
                if (column.Index == spectrogram.Index)
                    columns.Add(new SpectrogramCacheDataView.StoredColumn(column.Name, SpectrogramCacheDataView.ColumnKind.Spectrogram, sv.Dimensions.ToArray()));
                else if (column.Type is TextDataViewType)
                    columns.Add(new SpectrogramCacheDataView.StoredColumn(column.Name, SpectrogramCacheDataView.ColumnKind.Text, Array.Empty<int>()));
                else if (column.Type == NumberDataViewType.Single)
                    columns.Add(new SpectrogramCacheDataView.StoredColumn(column.Name, SpectrogramCacheDataView.ColumnKind.Scalar, Array.Empty<int>()));
                else if (column.Type is VectorDataViewType v && v.ItemType == NumberDataViewType.Single && v.IsKnownSize)
                    columns.Add(new SpectrogramCacheDataView.StoredColumn(column.Name, SpectrogramCacheDataView.ColumnKind.Vector, v.Dimensions.ToArray()));
                else
                    throw new ArgumentOutOfRangeException(nameof(schema),
                        $"Column '{column.Name}' of type {column.Type} cannot be stored in the spectrogram cache; drop it first (Text, Single and known-size Vector<Single> columns can).");
            }
            return columns.ToArray();
        }

        /// <summary>The vector's values densely: its own array when dense, else expanded into <paramref name="scratch"/>.</summary>
        private static ReadOnlySpan<float> Dense(in VBuffer<float> vector, SpectrogramCacheDataView.StoredColumn column, float[] scratch)
        {
            if (vector.Length != column.Size)
                throw new InvalidOperationException(
                    $"Column '{column.Name}' has a row of {vector.Length} values; its type says {column.Size}.");
            if (vector.IsDense)
                return vector.GetValues();
            var span = scratch.AsSpan(0, column.Size);
            vector.CopyTo(span);
            return span;
        }
    }
}
