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
                if (e is TargetInvocationException || e is AggregateException && e.InnerException != null)
                    continue;
                var message = e.Message.Trim();
                if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                    messages.Add(message);
            }
            var text = messages.Count == 0 ? exception.GetType().Name : string.Join(" ", messages.Select(EndSentence));
            return text.Replace(Environment.NewLine, " ", StringComparison.Ordinal).Replace('\n', ' ');
        }

        private static string EndSentence(string message)
            => message.EndsWith('.') || message.EndsWith(')') || message.EndsWith(':') ? message : message + ".";
    }
}
