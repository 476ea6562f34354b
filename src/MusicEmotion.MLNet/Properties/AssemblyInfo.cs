using System.Runtime.CompilerServices;
using MusicEmotion.MLNet;

// The library is compiled against publicized copies of these assemblies (build/MlNetPublicizer.targets);
// at run time the CLR honours these attributes and allows the same non-public access.
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Data")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Transforms")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.StandardTrainers")]
[assembly: InternalsVisibleTo("MusicEmotion.MLNet.Tests")]
[assembly: InternalsVisibleTo("MusicEmotion.MLNet.Benchmarks")]
// The `mer` command line (src/MusicEmotion.MLNet.Cli) reaches the spectrogram cache, the front-end limits and the output writer.
[assembly: InternalsVisibleTo("mer")]
[assembly: InternalsVisibleTo("MusicEmotion.MLNet.Cli.Tests")]
// The experiments package (comparison, plots, demo corpus) builds on the spectrogram cache and the output writer.
[assembly: InternalsVisibleTo("MusicEmotion.MLNet.Experiments")]
