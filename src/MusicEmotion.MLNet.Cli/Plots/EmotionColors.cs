using ScottPlot;

namespace MusicEmotion.MLNet.Cli.Plots
{
    /// <summary>One colour per emotion, the same in every picture (other labels get the category-10 palette).</summary>
    internal static class EmotionColors
    {
        private static readonly IPalette s_fallback = new ScottPlot.Palettes.Category10();

        public static Color For(string label, int index) => label?.ToLowerInvariant() switch
        {
            "happy" => Color.FromHex("#E69F00"),
            "angry" => Color.FromHex("#D55E00"),
            "sad" => Color.FromHex("#0072B2"),
            "tender" => Color.FromHex("#009E73"),
            _ => s_fallback.GetColor(index),
        };
    }
}
