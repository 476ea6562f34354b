using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class GroupedStratifiedKFoldTests
    {
        /// <summary>
        /// 60 songs of 1 to 4 clips each; songs 0-44 are single-class (class = song % 4), songs 45-59 mix two classes,
        /// as EMOPIA's songs do.
        /// </summary>
        private static (string[] Labels, string[] Groups) Songs()
        {
            var labels = new List<string>();
            var groups = new List<string>();
            var classes = EmotionLabels.All;
            for (int s = 0; s < 60; s++)
            {
                int clips = 1 + (s * 7) % 4;
                for (int i = 0; i < clips; i++)
                {
                    labels.Add(classes[(s + (s >= 45 ? i : 0)) % 4]);
                    groups.Add("song" + s);
                }
            }
            return (labels.ToArray(), groups.ToArray());
        }

        [Theory]
        [InlineData(2)]
        [InlineData(5)]
        public void NoSongIsOnBothSidesAndEveryRowIsTestedOnce(int k)
        {
            var (labels, groups) = Songs();
            var folds = GroupedStratifiedKFold.Split(labels, groups, k, seed: 7);
            Assert.Equal(k, folds.Count);
            Assert.Equal(Enumerable.Range(0, labels.Length), folds.SelectMany(f => f.TestRows).OrderBy(r => r));
            foreach (var fold in folds)
            {
                Assert.Equal(labels.Length, fold.TrainRows.Count + fold.TestRows.Count);
                var testSongs = fold.TestRows.Select(r => groups[r]).ToHashSet();
                Assert.DoesNotContain(fold.TrainRows, r => testSongs.Contains(groups[r]));
            }
        }

        [Fact]
        public void EveryFoldHasEveryClassAndBalancedProportions()
        {
            var (labels, groups) = Songs();
            var assignment = GroupedStratifiedKFold.AssignFolds(labels, groups, 5, seed: 3);
            foreach (var label in EmotionLabels.All)
            {
                int total = labels.Count(l => l == label);
                for (int f = 0; f < 5; f++)
                {
                    int inFold = Enumerable.Range(0, labels.Length).Count(r => assignment[r] == f && labels[r] == label);
                    Assert.True(inFold > 0, $"fold {f} has no {label}");
                    // Each fold should hold about a fifth of every class; songs of up to 4 clips limit how close.
                    Assert.InRange(inFold / (double)total, 0.2 - 0.1, 0.2 + 0.1);
                }
            }
            var sizes = Enumerable.Range(0, 5).Select(f => assignment.Count(a => a == f)).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 4, string.Join(",", sizes));
        }

        [Fact]
        public void SameSeedSameFoldsOtherSeedOtherFolds()
        {
            var (labels, groups) = Songs();
            var a = GroupedStratifiedKFold.AssignFolds(labels, groups, 5, seed: 11);
            Assert.Equal(a, GroupedStratifiedKFold.AssignFolds(labels, groups, 5, seed: 11));
            Assert.NotEqual(a, GroupedStratifiedKFold.AssignFolds(labels, groups, 5, seed: 12));
        }

        [Fact]
        public void ClipsAreGroupedBySong()
        {
            var clips = Enumerable.Range(0, 12).Select(i => new MusicClip
            {
                Path = $"/a/{i}.wav",
                Label = EmotionLabels.FromQuadrant(1 + i % 4),
                Song = "s" + (i / 2),
            }).ToArray();
            var folds = GroupedStratifiedKFold.Split(clips, 3, seed: 1);
            foreach (var fold in folds)
            {
                var songs = fold.TestRows.Select(r => clips[r].Song).ToHashSet();
                Assert.All(fold.TrainRows, r => Assert.DoesNotContain(clips[r].Song, songs));
                Assert.Equal(4, fold.TestRows.Count);
            }
        }

        [Fact]
        public void BadArgumentsAreNamed()
        {
            var labels = new[] { "a", "b", "a" };
            var groups = new[] { "x", "y", "z" };
            Assert.StartsWith("folds=1 must be at least 2.",
                Assert.Throws<ArgumentOutOfRangeException>(() => GroupedStratifiedKFold.AssignFolds(labels, groups, 1)).Message);
            Assert.StartsWith("folds=4 must not exceed the number of groups, 3.",
                Assert.Throws<ArgumentOutOfRangeException>(() => GroupedStratifiedKFold.AssignFolds(labels, groups, 4)).Message);
            Assert.StartsWith("labels has 3 rows but groups has 2; they must match.",
                Assert.Throws<ArgumentException>(() => GroupedStratifiedKFold.AssignFolds(labels, new[] { "x", "y" }, 2)).Message);
        }
    }
}
