using System;
using System.Runtime.Intrinsics.X86;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MusicEmotion.MLNet
{
    /// <summary>
    /// BFloat16 for the convolutions that read the spectrogram, Float32 for everything else (a narrower
    /// <c>torch.autocast</c>, which TorchSharp lacks): inside <see cref="Enter"/> on a thread, the networks' input-layer
    /// convolutions cast their input, weight and bias to BFloat16, run (oneDNN's AVX512_BF16 kernels multiply at twice
    /// the Float32 rate, accumulating in Float32) and cast the output back to Float32. Those read all 1025 bins and
    /// carry 80 % of the paper network's multiply-adds. Deeper convolutions stay in Float32: their outputs round to
    /// BFloat16 (0.4 %) before batch normalisation subtracts an offset often larger than their spread, and with them in
    /// BFloat16 the paper recipe trained visibly worse on small data (synthetic bands: 0.88 mean held-out accuracy over
    /// six seeds against 1.00; 0.95 with the input layer alone). Parameters, batch normalisation, pooling, the GRU, the
    /// loss and the optimiser stay in Float32, and the casts are inside autograd, so training keeps Float32 master
    /// weights and receives Float32 gradients. Outside a scope every convolution is the module's own Float32 call.
    /// </summary>
    internal static class MixedPrecision
    {
        [ThreadStatic]
        private static bool t_bfloat16;

        /// <summary>Environment variable that decides every automatic choice of the process: <c>0</c>/<c>false</c>
        /// for Float32, <c>1</c>/<c>true</c> for BFloat16 (read once, at the first choice).</summary>
        public const string EnvironmentVariable = "MUSICEMOTION_BFLOAT16";

        private static readonly Lazy<bool> s_cpuHasBFloat16 = new Lazy<bool>(DetectBFloat16);

        private static readonly Lazy<bool?> s_environment = new Lazy<bool?>(() =>
            Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() switch
            {
                "0" or "false" or "off" => false,
                "1" or "true" or "on" => true,
                _ => null,
            });

        /// <summary>
        /// Whether this CPU multiplies BFloat16 natively (x86 AVX512_BF16, reported by CPUID leaf 7 subleaf 1, with the
        /// AVX-512 state enabled by the OS). Without it oneDNN emulates BFloat16, slower than Float32, so the automatic
        /// choice is Float32 there.
        /// </summary>
        public static bool CpuHasBFloat16 => s_cpuHasBFloat16.Value;

        /// <summary>Whether the calling thread is inside a BFloat16 scope.</summary>
        public static bool IsBFloat16 => t_bfloat16;

        /// <summary>The setting a <c>UseBFloat16</c> option asks for: <c>null</c> follows <see cref="EnvironmentVariable"/>
        /// when it is set, else <see cref="CpuHasBFloat16"/>.</summary>
        public static bool Resolve(bool? useBFloat16) => useBFloat16 ?? s_environment.Value ?? CpuHasBFloat16;

        /// <summary>Runs the calling thread's convolutions in BFloat16 (when <paramref name="bfloat16"/>) until the
        /// returned scope is disposed; scopes nest and restore the previous setting.</summary>
        public static Scope Enter(bool bfloat16)
        {
            var scope = new Scope(t_bfloat16);
            t_bfloat16 = bfloat16;
            return scope;
        }

        /// <summary><paramref name="conv"/> applied to <paramref name="input"/> with the module's own stride and
        /// <paramref name="padding"/> zeros on each side (the padding the module was built with).</summary>
        public static Tensor Conv1d(Conv1d conv, Tensor input, long padding, long stride = 1)
        {
            if (!t_bfloat16)
                return conv.call(input);
            return Conv1d(input, conv.weight, conv.bias, padding, stride);
        }

        /// <summary><paramref name="conv"/> with 'same' padding: length kept, for odd and even kernel sizes
        /// (an even kernel pads one zero more on the right, as PyTorch's <c>padding="same"</c>).</summary>
        public static Tensor Conv1dSame(Conv1d conv, Tensor input, long kernelSize)
        {
            if (!t_bfloat16)
                return conv.call(input);
            long left = (kernelSize - 1) / 2, right = kernelSize - 1 - left;
            if (left == right)
                return Conv1d(input, conv.weight, conv.bias, left, 1);
            using var scope = NewDisposeScope();
            var padded = nn.functional.pad(input, new[] { left, right });
            return Conv1d(padded, conv.weight, conv.bias, 0, 1).MoveToOuterDisposeScope();
        }

        /// <summary>A functional convolution under the calling thread's setting.</summary>
        /// <remarks>
        /// In BFloat16 the input is first centred per channel: y = conv(x − c) + conv(c) with c a per-channel constant
        /// (the channel's mean over the batch and every 16th frame, not differentiated). conv(x − c) runs in BFloat16;
        /// conv(c), a constant signal, is Σ_t u[o, t] over the taps that fall inside the input, u = Σ_i w[o, i, :]·c_i,
        /// which is a convolution of a ones signal with u, exact in Float32 and cheap (o·k per output step). Without it
        /// a spectrogram in dB (values around −50 with a spread of ±15) gives outputs that are mostly offset, and
        /// BFloat16's rounding of input and output (0.4 %) is a large share of the spread that batch normalisation
        /// keeps: the paper's recipe then learnt visibly worse (Emotify, 5 folds: 29.8 % against 33.5 % in Float32).
        /// </remarks>
        public static Tensor Conv1d(Tensor input, Tensor weight, Tensor bias, long padding, long stride = 1)
        {
            if (!t_bfloat16)
                return nn.functional.conv1d(input, weight, bias, stride: stride, padding: padding);
            using var scope = NewDisposeScope();
            long length = input.shape[2];
            Tensor centre;
            using (no_grad())
                centre = input.detach().slice(2, 0, length, CentreFrameStep).mean(new long[] { 0, 2 });
            var centred = (input - centre.view(1, -1, 1)).to(ScalarType.BFloat16);
            var output = nn.functional.conv1d(centred, weight.to(ScalarType.BFloat16), null, stride: stride, padding: padding)
                .to(ScalarType.Float32);
            // conv(c): the taps of each output step that read the input (not the zero padding), weighted by u.
            var tapWeights = einsum("oik,i->ok", weight, centre).unsqueeze(1);
            var constant = ones(1, 1, length, dtype: ScalarType.Float32, device: input.device);
            output = output + nn.functional.conv1d(constant, tapWeights, bias, stride: stride, padding: padding);
            return output.MoveToOuterDisposeScope();
        }

        /// <summary>Every how many frames the centring constant samples the input.</summary>
        private const long CentreFrameStep = 16;

        private static bool DetectBFloat16()
        {
            if (!X86Base.IsSupported || !Avx512BW.IsSupported || !Avx512BW.VL.IsSupported)
                return false;
            var (eax, _, _, _) = X86Base.CpuId(7, 1);
            return (eax & (1 << 5)) != 0;
        }

        /// <summary>Restores the setting that was in force when the scope was entered.</summary>
        public readonly struct Scope : IDisposable
        {
            private readonly bool _previous;

            internal Scope(bool previous) => _previous = previous;

            public void Dispose() => t_bfloat16 = _previous;
        }
    }
}
