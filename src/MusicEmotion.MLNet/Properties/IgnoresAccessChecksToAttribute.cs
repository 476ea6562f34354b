namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Recognised by the CoreCLR loader (not by the C# compiler): the declaring assembly may access non-public members
    /// of the named assembly.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    internal sealed class IgnoresAccessChecksToAttribute : Attribute
    {
        public IgnoresAccessChecksToAttribute(string assemblyName) => AssemblyName = assemblyName;

        public string AssemblyName { get; }
    }
}
