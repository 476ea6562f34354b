using System.IO;
using System.Text.Json;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>Writes the one JSON document a command prints with <c>--json</c> (camelCase, indented; NaN as null).</summary>
    internal static class Json
    {
        private static readonly JsonSerializerOptions s_options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };

        public static void Write(TextWriter writer, object value)
            => writer.WriteLine(JsonSerializer.Serialize(value, s_options));

        /// <summary>NaN and infinities become null so every JSON reader accepts the document.</summary>
        public static double? Number(double value) => double.IsFinite(value) ? value : null;
    }
}
