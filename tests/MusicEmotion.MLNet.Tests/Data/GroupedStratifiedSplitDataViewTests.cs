using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace MusicEmotion.MLNet.Tests.Data
{
    public class GroupedStratifiedSplitDataViewTests
    {
        private sealed class Row
        {
            public string Label { get; set; }

            public string Song { get; set; }

            public float Id { get; set; }
        }

        private static Row[] Rows() => Enumerable.Range(0, 40).Select(i => new Row
        {
            Label = EmotionLabels.FromQuadrant(1 + (i / 2) % 4),
            Song = "song" + (i / 2),
            Id = i,
        }).ToArray();

        [Fact]
        public void SplitsMatchTheListSplitAndKeepSongsTogether()
        {
            var ml = new MLContext(seed: 1);
            var rows = Rows();
            var data = ml.Data.LoadFromEnumerable(rows);
            var splits = ml.Data.GroupedStratifiedCrossValidationSplit(data, numberOfFolds: 4, seed: 5);
            var folds = GroupedStratifiedKFold.Split(rows.Select(r => r.Label).ToArray(), rows.Select(r => r.Song).ToArray(), 4, 5);
            Assert.Equal(4, splits.Count);
            for (int f = 0; f < 4; f++)
            {
                var test = splits[f].TestSet.GetColumn<float>("Id").Select(x => (int)x).ToArray();
                var train = splits[f].TrainSet.GetColumn<float>("Id").Select(x => (int)x).ToArray();
                Assert.Equal(folds[f].TestRows, test);
                Assert.Equal(folds[f].TrainRows, train);
                Assert.Empty(train.Select(r => rows[r].Song).Intersect(test.Select(r => rows[r].Song)));
                Assert.Equal(new[] { "Label", "Song", "Id" }, splits[f].TestSet.Schema.Select(c => c.Name));
            }
        }

        [Fact]
        public void MissingColumnsAreNamed()
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(Rows());
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.GroupedStratifiedCrossValidationSplit(data, samplingKeyColumnName: "Group"));
            Assert.StartsWith("Could not find input column 'Group'", e.Message);
            e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.GroupedStratifiedCrossValidationSplit(data, samplingKeyColumnName: "Id"));
            Assert.StartsWith("Schema mismatch for input column 'Id': expected String, got Single", e.Message);
        }
    }
}
