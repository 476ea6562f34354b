using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>One Inception-v3 block: its branches run on the same input and are concatenated on the channel axis.</summary>
    internal sealed class InceptionV3BlockModule : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        [ComponentName(Name = "branches")]
        private readonly ModuleList<InceptionV3BranchModule> _branches;

        public InceptionV3BlockModule(InceptionV3Branch[] branches, int inChannels, bool reduce, bool readsSpectrogram = false)
            : base(nameof(InceptionV3BlockModule))
        {
            _branches = nn.ModuleList(branches.Select(b => new InceptionV3BranchModule(b, inChannels, reduce, readsSpectrogram)).ToArray());
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var outputs = _branches.Select(b => b.call(input)).ToArray();
            return (outputs.Length == 1 ? outputs[0] : torch.cat(outputs, 1)).MoveToOuterDisposeScope();
        }

        public string ExportOnnx(OnnxGraph graph, string input)
            => graph.ConcatChannels(_branches.Select(b => b.ExportOnnx(graph, input)).ToArray());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _branches.Dispose();
            base.Dispose(disposing);
        }
    }
}
