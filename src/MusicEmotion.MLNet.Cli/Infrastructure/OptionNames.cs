using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>
    /// The one place where the library's parameter names become <c>mer</c>'s option names: a library check
    /// (<see cref="ArgumentException"/> whose parameter is <c>FftSize</c>, <c>folds</c>, ...) on a value the command
    /// line gave is reported as a usage error under the option (<c>--fft-size=1000 must be ...</c>), and the parser's
    /// .NET type names become words.
    /// </summary>
    internal static class OptionNames
    {
        private static readonly Dictionary<string, string> s_options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["SampleRate"] = "--sample-rate",
            ["Duration"] = "--duration",
            ["Offset"] = "--offset",
            ["FftSize"] = "--fft-size",
            ["HopLength"] = "--hop-length",
            ["BatchSize"] = "--batch-size",
            ["Epochs"] = "--epochs",
            ["LearningRate"] = "--learning-rate",
            ["ValidationFraction"] = "--validation-fraction",
            ["Folds"] = "--folds",
            ["Repeats"] = "--repeats",
            ["HopSeconds"] = "--hop",
        };

        private static readonly Regex s_assignment = new Regex(
            @"\b(" + string.Join("|", s_options.Keys) + @")=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex s_typeName = new Regex(@"as expected type '(?:System\.Nullable`1\[)?(System\.\w+)\]?'", RegexOptions.CultureInvariant);

        /// <summary>The <c>mer</c> option of a library parameter name, or null.</summary>
        public static string Option(string parameter)
            => parameter != null && s_options.TryGetValue(parameter, out var option) ? option : null;

        /// <summary>When <paramref name="exception"/> (unwrapped from reflection and task wrappers) is a library
        /// check of a parameter an option sets, its message with option names instead of parameter names and without
        /// .NET's "(Parameter ...)" and "Actual value was ..." tails.</summary>
        public static bool TryTranslate(Exception exception, out string message)
        {
            message = null;
            var e = exception;
            while ((e is TargetInvocationException || e is AggregateException) && e.InnerException != null)
                e = e.InnerException;
            if (!(e is ArgumentException argument) || Option(argument.ParamName) == null)
                return false;
            var text = ErrorMessages.OwnMessage(argument);
            text = s_assignment.Replace(text, m => Option(m.Groups[1].Value) + "=");
            if (!text.Contains(Option(argument.ParamName), StringComparison.Ordinal))
                text = $"{Option(argument.ParamName)}: {text}";
            message = text;
            return true;
        }

        /// <summary>A parser message with .NET type names (<c>as expected type 'System.Nullable`1[System.Double]'</c>) as
        /// words (<c>as a number</c>).</summary>
        public static string DescribeParseError(string message)
            => s_typeName.Replace(message, m => "as " + Word(m.Groups[1].Value));

        private static string Word(string type) => type switch
        {
            "System.Int32" or "System.Int64" => "an integer",
            "System.Double" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            _ => "a " + type.Substring("System.".Length),
        };
    }
}
