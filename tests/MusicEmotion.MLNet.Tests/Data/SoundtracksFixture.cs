using System.Globalization;

namespace MusicEmotion.MLNet.Tests.Data
{
    /// <summary>
    /// A 12-clip stand-in for the Soundtracks set 1 ratings, designed so each label strategy gives known counts:
    /// MaxRating happy 4 / angry 3 / sad 3 / tender 2 (clip 5: fear is highest → angry; clip 6: anger = happy tie →
    /// angry; clip 7: sad = tender tie → sad), Target 5 clips (happy 2, angry 1, sad 1, tender 1; clip 11's target is
    /// lower case), Quadrant 3 each (clip 6 sits on the midpoint 5/5 → happy; clip 8 energy 4.999 → tender).
    /// </summary>
    internal static class SoundtracksFixture
    {
        public const string Set1Header = "number,valence,energy,tension,anger,fear,happy,sad,tender,TARGET";

        public static readonly string[] Set1Rows =
        {
            "1,7.0,7.5,3,1.2,1.1,6.5,1.0,3.0,HAPPY",
            "2,2.0,8.0,8,6.8,5.0,1.0,2.0,1.0,ANGER",
            "3,2.5,2.0,3,1.0,2.0,1.0,6.0,3.0,SAD",
            "4,6.5,2.5,2,1.0,1.0,3.0,2.0,6.2,TENDER",
            "5,3.0,6.0,8,3.0,7.5,1.0,2.0,1.0,FEAR",
            "6,5.0,5.0,4,4.0,1.0,4.0,2.0,2.0,VALENCE-POS",
            "7,4.0,4.0,4,1.0,1.0,2.0,5.0,5.0,VALENCE-NEG",
            "8,6.0,4.999,3,1.0,1.0,5.0,1.0,4.0,ENERGY-NEG",
            "9,4.9,7.0,6,2.0,3.0,5.5,1.0,1.0,ENERGY-POS",
            "10,7.0,3.0,2,1.0,1.0,2.0,2.0,7.0,TENSION-NEG",
            "11,6.0,6.0,3,1.0,1.0,6.0,1.0,2.0,happy",
            "12,2.0,3.0,7,2.0,6.0,1.0,6.5,1.0,TENSION-POS",
        };

        public static string Set1Csv(params string[] rows) => Set1Header + "\n" + string.Join("\n", rows) + "\n";

        /// <summary>The original archive's layout: ratings at the top (UTF-8 with BOM), audio under set1/mp3/.</summary>
        public static void WriteSet1(TempFolder folder, int clips = 12)
        {
            folder.Write("mean_ratings_set1.csv", Set1Csv(Set1Rows), bom: true);
            for (int i = 1; i <= clips; i++)
                folder.Touch($"set1/mp3/Soundtrack360_mp3/{i.ToString("000", CultureInfo.InvariantCulture)}.mp3");
        }
    }
}
