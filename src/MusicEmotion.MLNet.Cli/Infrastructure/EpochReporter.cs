using System;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace MusicEmotion.MLNet.Cli.Infrastructure
{
    /// <summary>Shows each finished epoch: on a Spectre progress task when interactive, else as one plain line.</summary>
    internal sealed class EpochReporter : IProgress<TrainingProgress>
    {
        private readonly ProgressTask _task;
        private readonly TextWriter _lines;
        private Action _beforeFirst;

        /// <param name="task">The progress task.</param>
        /// <param name="beforeFirst">Runs once, before the first epoch is shown (to close the feature pass's task).</param>
        public EpochReporter(ProgressTask task, Action beforeFirst = null)
        {
            _task = task;
            _beforeFirst = beforeFirst;
        }

        public EpochReporter(TextWriter lines) => _lines = lines;

        public void Report(TrainingProgress value)
        {
            _beforeFirst?.Invoke();
            _beforeFirst = null;
            if (_task != null)
            {
                _task.Description = Markup.Escape(Describe(value, compact: true));
                _task.Value = value.Epoch;
            }
            else
            {
                _lines.WriteLine(Describe(value, compact: false));
                _lines.Flush();
            }
        }

        public static string Describe(TrainingProgress p, bool compact)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch,3}/{p.Epochs}  loss {p.Loss:F4}  accuracy {p.Accuracy * 100,5:F1} %");
            if (!double.IsNaN(p.ValidationAccuracy))
                text += string.Create(CultureInfo.InvariantCulture, $"  validation {p.ValidationAccuracy * 100,5:F1} %");
            if (!compact)
                text += $"  elapsed {Format(p.Elapsed)}  eta {Format(p.EstimatedRemaining)}";
            return text;
        }

        private static string Format(TimeSpan t)
            => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
    }
}
