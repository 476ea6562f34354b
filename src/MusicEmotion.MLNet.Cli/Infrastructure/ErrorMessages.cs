using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>Turns an exception (often wrapped by ML.NET cursors or reflection) into one readable line.</summary>
    internal static class ErrorMessages
    {
        public static string Describe(Exception exception)
        {
            var messages = new List<string>();
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is TargetInvocationException || e is AggregateException && e.InnerException != null || IsMlNetWrapper(e))
                    continue;
                var message = OwnMessage(e).Trim();
                if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                    messages.Add(message);
            }
            var text = messages.Count == 0 ? exception.GetType().Name : string.Join(" ", messages.Select(EndSentence));
            return text.Replace(Environment.NewLine, " ", StringComparison.Ordinal).Replace('\n', ' ');
        }

        /// <summary>The message without .NET's " (Parameter 'x')" and "Actual value was ..." tails, which name
        /// internals rather than anything the user gave.</summary>
        internal static string OwnMessage(Exception e)
        {
            var text = e.Message;
            if (e is ArgumentException argument && argument.ParamName != null)
            {
                int tail = text.IndexOf($" (Parameter '{argument.ParamName}')", StringComparison.Ordinal);
                if (tail >= 0)
                    text = text.Substring(0, tail);
                int actual = text.IndexOf("Actual value was", StringComparison.Ordinal);
                if (actual >= 0)
                    text = text.Substring(0, actual);
            }
            return string.Join(" ", text.Split('\n', '\r').Select(l => l.Trim()).Where(l => l.Length > 0));
        }
        // ML.NET's DataViewUtils splitter and the CacheDataView waiter rethrow a worker's exception inside one of theirs;
        // the package's own message (naming the file and the cause) is the inner one.
        private static readonly string[] s_wrapperMessages =
        {
            "Splitter/consolidator worker encountered exception while consuming source data",
            "Event we were waiting on was subject to an exception",
        };

        /// <summary>Whether <paramref name="e"/> only wraps the exception of a worker thread of ML.NET's cursors.</summary>
        internal static bool IsMlNetWrapper(Exception e)
            => e.InnerException != null && s_wrapperMessages.Any(m => e.Message.StartsWith(m, StringComparison.Ordinal));

        private static string EndSentence(string message)
            => message.EndsWith('.') || message.EndsWith(')') || message.EndsWith(':') ? message : message + ".";
    }
}
