using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// A small comma-separated table with a header row: UTF-8 with or without BOM, double-quoted fields (a doubled
    /// quote inside quotes is one quote), blank lines skipped. A quoted field may not span lines. Every row remembers
    /// its line number so errors can point at it.
    /// </summary>
    internal sealed class CsvTable
    {
        private readonly Dictionary<string, int> _columns;

        private CsvTable(string path, string[] header, List<Row> rows)
        {
            FilePath = path;
            FileName = Path.GetFileName(path);
            Header = header;
            Rows = rows;
            _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < header.Length; i++)
            {
                if (!_columns.TryAdd(header[i], i))
                    throw new InvalidDataException($"{FileName} line 1: column '{header[i]}' appears more than once.");
            }
        }

        public string FilePath { get; }

        public string FileName { get; }

        public string[] Header { get; }

        public List<Row> Rows { get; }

        public static CsvTable Read(string path)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"File {path} not found.", path);
            var name = Path.GetFileName(path);
            string[] header = null;
            var rows = new List<Row>();
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            int lineNumber = 0;
            string line;
            while ((line = reader.ReadLine()) != null)
            {
                lineNumber++;
                if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
                    line = line.Substring(1);
                if (line.Trim().Length == 0)
                    continue;
                var fields = Split(line, name, lineNumber);
                if (header == null)
                {
                    for (int i = 0; i < fields.Length; i++)
                        fields[i] = fields[i].Trim();
                    header = fields;
                    continue;
                }
                if (fields.Length != header.Length)
                    throw new InvalidDataException($"{name} line {lineNumber}: expected {header.Length} fields, got {fields.Length}.");
                rows.Add(new Row(lineNumber, fields));
            }
            if (header == null)
                throw new InvalidDataException($"{name} is empty: expected a header row.");
            return new CsvTable(path, header, rows);
        }

        /// <summary>Index of the first of <paramref name="names"/> present (case-insensitive), or -1.</summary>
        public int Find(params string[] names)
        {
            foreach (var n in names)
            {
                if (_columns.TryGetValue(n, out int index))
                    return index;
            }
            return -1;
        }

        /// <summary>Index of the first of <paramref name="names"/> present; throws naming the header otherwise.</summary>
        public int Require(params string[] names)
        {
            int index = Find(names);
            if (index < 0)
            {
                throw new InvalidDataException(
                    $"{FileName} line 1: missing column '{string.Join("' or '", names)}' (header: {string.Join(",", Header)}).");
            }
            return index;
        }

        public float ParseSingle(Row row, int column)
        {
            var text = row.Fields[column].Trim();
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                throw new InvalidDataException($"{FileName} line {row.Line}: {Header[column]}='{text}' is not a finite number.");
            return value;
        }

        /// <summary>A number, or NaN for an empty cell.</summary>
        public float ParseOptionalSingle(Row row, int column)
        {
            if (column < 0 || row.Fields[column].Trim().Length == 0)
                return float.NaN;
            return ParseSingle(row, column);
        }

        public int ParseInt32(Row row, int column)
        {
            var text = row.Fields[column].Trim();
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
                return value;
            // Spreadsheet exports sometimes write whole numbers as "17.0".
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
                return (int)d;
            throw new InvalidDataException($"{FileName} line {row.Line}: {Header[column]}='{text}' is not a whole number.");
        }

        private static string[] Split(string line, string name, int lineNumber)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c != '"')
                        field.Append(c);
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                        quoted = false;
                }
                else if (c == '"')
                    quoted = true;
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                    field.Append(c);
            }
            if (quoted)
                throw new InvalidDataException($"{name} line {lineNumber}: unterminated quoted field.");
            fields.Add(field.ToString());
            return fields.ToArray();
        }

        public readonly struct Row
        {
            public Row(int line, string[] fields)
            {
                Line = line;
                Fields = fields;
            }

            public int Line { get; }

            public string[] Fields { get; }
        }
    }
}
