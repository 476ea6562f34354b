using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Internal.Utilities;
using Microsoft.ML.Runtime;

namespace MusicEmotion.MLNet
{
    /// <summary>What <see cref="MelSpectrogramTransformer"/> needs: the engine built from
    /// the options, and the options' layout in a model zip.</summary>
    internal static class MelFrontEnd
    {
        public static MelSpectrogramEngine CreateEngine(MelSpectrogramEstimator.Options o, int coefficients)
        {
            var stft = new StftEngine(o.FftSize, o.HopLength, o.WindowLength.Value, o.Window, o.Center, o.PadMode, o.DoublePrecision);
            var weights = MirFilters.Mel(o.SampleRate, o.FftSize, o.NumberOfMels, o.MinFrequency, o.MaxFrequency.Value, o.Htk, o.Normalize);
            return new MelSpectrogramEngine(stft, weights, o.Power, o.Decibels, o.Amin, o.TopDb, coefficients);
        }

        public static void Save(ModelSaveContext ctx, MelSpectrogramEstimator.Options o)
        {
            ctx.SaveNonEmptyString(o.OutputColumnName);
            ctx.SaveNonEmptyString(o.InputColumnName);
            ctx.Writer.Write(o.SampleRate);
            ctx.Writer.Write(o.FftSize);
            ctx.Writer.Write(o.HopLength);
            ctx.Writer.Write(o.WindowLength.Value);
            ctx.Writer.Write((int)o.Window);
            ctx.Writer.WriteBoolByte(o.Center);
            ctx.Writer.Write((int)o.PadMode);
            ctx.Writer.Write(o.Power);
            ctx.Writer.Write(o.NumberOfMels);
            ctx.Writer.Write(o.MinFrequency);
            ctx.Writer.Write(o.MaxFrequency.Value);
            ctx.Writer.WriteBoolByte(o.Htk);
            ctx.Writer.WriteBoolByte(o.Normalize);
            ctx.Writer.WriteBoolByte(o.Decibels);
            ctx.Writer.Write(o.Amin);
            ctx.Writer.WriteBoolByte(o.TopDb.HasValue);
            ctx.Writer.Write(o.TopDb ?? 0f);
            ctx.Writer.WriteBoolByte(o.DoublePrecision);
        }

        public static MelSpectrogramEstimator.Options Load(ModelLoadContext ctx, MelSpectrogramEstimator.Options o)
        {
            o.OutputColumnName = ctx.LoadNonEmptyString();
            o.InputColumnName = ctx.LoadNonEmptyString();
            o.SampleRate = ctx.Reader.ReadInt32();
            o.FftSize = ctx.Reader.ReadInt32();
            o.HopLength = ctx.Reader.ReadInt32();
            o.WindowLength = ctx.Reader.ReadInt32();
            o.Window = (WindowType)ctx.Reader.ReadInt32();
            o.Center = ctx.Reader.ReadBoolByte();
            o.ReflectPad = (PaddingMode)ctx.Reader.ReadInt32() == PaddingMode.Reflect;
            o.Power = ctx.Reader.ReadSingle();
            o.NumberOfMels = ctx.Reader.ReadInt32();
            o.MinFrequency = ctx.Reader.ReadSingle();
            o.MaxFrequency = ctx.Reader.ReadSingle();
            o.Htk = ctx.Reader.ReadBoolByte();
            o.Normalize = ctx.Reader.ReadBoolByte();
            o.Decibels = ctx.Reader.ReadBoolByte();
            o.Amin = ctx.Reader.ReadSingle();
            bool hasTopDb = ctx.Reader.ReadBoolByte();
            float topDb = ctx.Reader.ReadSingle();
            o.TopDb = hasTopDb ? topDb : null;
            o.DoublePrecision = ctx.Reader.ReadBoolByte();
            return o;
        }
    }
}
