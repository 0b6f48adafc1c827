using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// For SSDLC0403: whether a <c>TextWriter</c> is the standard input of a command shell that reads its commands from
    /// there (<c>cmd</c>, <c>/bin/sh</c>, <c>powershell</c> started without a command or script of their own), so that
    /// <c>process.StandardInput.WriteLine(text)</c> runs <c>text</c> as a command line.
    /// </summary>
    /// <remarks>
    /// The process is followed within the member that writes: <c>Process.Start(...)</c> itself, or a local assigned from
    /// <c>Process.Start(...)</c> or <c>new Process { StartInfo = ... }</c>, with its start info given inline, as a local,
    /// or through <c>p.StartInfo.FileName = ...</c>. The shell's arguments must all be known constants: a shell told to
    /// run a command or a script (<c>sh -c "gzip"</c>, <c>bash backup.sh</c>, <c>pwsh -File x.ps1</c>) passes its
    /// standard input on as data, and unknown arguments leave the question open (no finding).
    /// </remarks>
    internal static class ShellStandardInput
    {
        private static readonly HashSet<string> CommandSwitches = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "/c", "-c", "-command", "/command", "-encodedcommand", "-e", "-ec", "-file", "-f",
        };

        // Options whose next token is their value, not a script: powershell -ExecutionPolicy Bypass, bash -o pipefail.
        private static readonly HashSet<string> OptionsWithValue = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "-executionpolicy", "-ep", "-windowstyle", "-inputformat", "-outputformat", "-workingdirectory", "-wd",
            "-configurationname", "-o", "+o",
        };

        /// <summary>
        /// The program when <paramref name="writer"/> is the standard input of a process whose constant program is
        /// accepted by <paramref name="shellOf"/> and which reads its commands from standard input; otherwise null.
        /// </summary>
        public static string? ShellReadingCommands(
            IOperation writer,
            INamedTypeSymbol process,
            INamedTypeSymbol startInfo,
            Func<string?, string?> shellOf,
            CancellationToken cancellationToken)
        {
            IOperation? owner = ProcessOfStandardInput(writer, process, cancellationToken);
            if (owner is null)
            {
                return null;
            }

            var facts = new StartFacts(process, startInfo, cancellationToken);
            facts.CollectProcess(owner);
            string? shell = shellOf(facts.Program);
            return shell is not null && facts.ArgumentsKnown && ReadsCommandsFromStandardInput(facts.Tokens) ? shell : null;
        }

        /// <summary><c>p.StandardInput</c>, or a local assigned from it: the operation that denotes <c>p</c>.</summary>
        private static IOperation? ProcessOfStandardInput(IOperation writer, INamedTypeSymbol process, CancellationToken cancellationToken)
        {
            IOperation value = ConstantValueAnalysis.WalkDownConversions(writer);
            if (value is ILocalReferenceOperation local)
            {
                // Cheap first: a writer local that does not mention StandardInput where it is declared is a file or string writer.
                if (!DeclarationMentionsStandardInput(local.Local, cancellationToken))
                {
                    return null;
                }

                foreach (IOperation write in WritesOf(local))
                {
                    if (StandardInputOwner(write, process) is { } owner)
                    {
                        return owner;
                    }
                }

                return null;
            }

            return StandardInputOwner(value, process);
        }

        private static bool DeclarationMentionsStandardInput(ILocalSymbol local, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
            {
                foreach (SyntaxToken token in reference.GetSyntax(cancellationToken).DescendantTokens())
                {
                    if (token.ValueText == "StandardInput")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IOperation? StandardInputOwner(IOperation value, INamedTypeSymbol process)
            => ConstantValueAnalysis.WalkDownConversions(value) is IPropertyReferenceOperation { Property.Name: "StandardInput" } property
               && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, process)
                ? property.Instance
                : null;

        /// <summary>The values assigned to <paramref name="local"/> (initializer and assignments).</summary>
        private static IEnumerable<IOperation> WritesOf(ILocalReferenceOperation local)
        {
            foreach (LocalWrite write in LocalWrites.Of(local).For(local.Local))
            {
                if (write.Kind is LocalWriteKind.Initializer or LocalWriteKind.Assignment && write.Value is not null)
                {
                    yield return write.Value;
                }
            }
        }

        /// <summary>
        /// True when a shell with these (constant) arguments reads commands from its standard input: no command, script or
        /// other positional argument, or <c>-</c> (stdin) as the command or script, or <c>sh -s</c>, or <c>cmd /k</c>.
        /// </summary>
        private static bool ReadsCommandsFromStandardInput(List<string> tokens)
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                string token = tokens[i];
                if (token == "-" || token.Equals("-s", StringComparison.Ordinal) || token.Equals("/k", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (CommandSwitches.Contains(token))
                {
                    return i + 1 < tokens.Count && tokens[i + 1] == "-";
                }

                if (OptionsWithValue.Contains(token))
                {
                    i++;
                    continue;
                }

                bool option = token.StartsWith("-", StringComparison.Ordinal)
                    || token.StartsWith("+", StringComparison.Ordinal)
                    || (token.StartsWith("/", StringComparison.Ordinal) && token.Length <= 6 && token.IndexOf('/', 1) < 0);
                if (!option)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The program and arguments a process is started with, as far as they are constant.</summary>
        private sealed class StartFacts
        {
            private readonly INamedTypeSymbol _process;
            private readonly INamedTypeSymbol _startInfo;
            private readonly CancellationToken _cancellationToken;

            public StartFacts(INamedTypeSymbol process, INamedTypeSymbol startInfo, CancellationToken cancellationToken)
            {
                _process = process;
                _startInfo = startInfo;
                _cancellationToken = cancellationToken;
            }

            public string? Program { get; private set; }

            public bool ArgumentsKnown { get; private set; } = true;

            public List<string> Tokens { get; } = new List<string>();

            public void CollectProcess(IOperation owner)
            {
                IOperation value = ConstantValueAnalysis.WalkDownConversions(owner);
                if (!(value is ILocalReferenceOperation local))
                {
                    CollectProcessValue(value);
                    return;
                }

                IOperation root = OperationHelpers.Root(local);
                foreach (IOperation write in WritesOf(local))
                {
                    CollectProcessValue(write);
                }

                // p.StartInfo = info; p.StartInfo.FileName = "cmd"; p.StartInfo.ArgumentList.Add("/q");
                foreach (IOperation operation in root.Descendants())
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                    {
                        if (target.Property.Name == "StartInfo" && IsLocal(target.Instance, local.Local))
                        {
                            CollectStartInfo(assignment.Value);
                        }
                        else if (IsStartInfoOf(target.Instance, local.Local))
                        {
                            Apply(target.Property.Name, assignment.Value);
                        }
                    }
                    else if (operation is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add
                        && add.Instance is IPropertyReferenceOperation { Property.Name: "ArgumentList" } list
                        && IsStartInfoOf(list.Instance, local.Local))
                    {
                        AddItem(add.Arguments[0].Value);
                    }
                }
            }

            private bool IsStartInfoOf(IOperation? instance, ILocalSymbol process)
                => instance is IPropertyReferenceOperation { Property.Name: "StartInfo" } startInfo
                   && SymbolEqualityComparer.Default.Equals(startInfo.Property.ContainingType, _process)
                   && IsLocal(startInfo.Instance, process);

            private static bool IsLocal(IOperation? operation, ILocalSymbol local)
                => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

            private void CollectProcessValue(IOperation value)
            {
                switch (ConstantValueAnalysis.WalkDownConversions(value))
                {
                    case IInvocationOperation { TargetMethod: { Name: "Start", IsStatic: true } } start
                        when SymbolEqualityComparer.Default.Equals(start.TargetMethod.ContainingType, _process):
                        if (OperationHelpers.FindArgument(start.Arguments, "startInfo") is { } info)
                        {
                            CollectStartInfo(info.Value);
                        }
                        else
                        {
                            CollectProgramAndArguments(start.Arguments);
                        }

                        break;
                    case IObjectCreationOperation { Initializer: { } initializer } creation
                        when SymbolEqualityComparer.Default.Equals(creation.Type, _process):
                        foreach (IOperation member in initializer.Initializers)
                        {
                            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "StartInfo" } } assignment)
                            {
                                CollectStartInfo(assignment.Value);
                            }
                            else if (member is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "StartInfo" } } nested)
                            {
                                CollectInitializers(nested.Initializer);
                            }
                        }

                        break;
                }
            }

            private void CollectStartInfo(IOperation value)
            {
                switch (ConstantValueAnalysis.WalkDownConversions(value))
                {
                    case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, _startInfo):
                        CollectProgramAndArguments(creation.Arguments);
                        if (creation.Initializer is not null)
                        {
                            CollectInitializers(creation.Initializer);
                        }

                        break;
                    case ILocalReferenceOperation local:
                        IOperation root = OperationHelpers.Root(local);
                        foreach (IOperation write in WritesOf(local))
                        {
                            CollectStartInfo(write);
                        }

                        foreach (IOperation operation in root.Descendants())
                        {
                            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
                                && IsLocal(target.Instance, local.Local))
                            {
                                Apply(target.Property.Name, assignment.Value);
                            }
                            else if (operation is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add
                                && add.Instance is IPropertyReferenceOperation { Property.Name: "ArgumentList" } list
                                && IsLocal(list.Instance, local.Local))
                            {
                                AddItem(add.Arguments[0].Value);
                            }
                        }

                        break;
                    default:
                        ArgumentsKnown = false;
                        break;
                }
            }

            private void CollectInitializers(IObjectOrCollectionInitializerOperation? initializer)
            {
                if (initializer is null)
                {
                    return;
                }

                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                    {
                        Apply(target.Property.Name, assignment.Value);
                    }
                    else if (member is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "ArgumentList" } } list)
                    {
                        foreach (IOperation item in list.Initializer.Initializers)
                        {
                            if (item is IInvocationOperation { Arguments.Length: 1 } add)
                            {
                                AddItem(add.Arguments[0].Value);
                            }
                        }
                    }
                }
            }

            private void CollectProgramAndArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
            {
                if (OperationHelpers.FindStringArgument(arguments, "fileName") is { } fileName)
                {
                    Program = OperationHelpers.ConstantString(fileName.Value);
                }

                IArgumentOperation? list = OperationHelpers.FindArgument(arguments, "arguments");
                if (list is null)
                {
                    return;
                }

                if (list.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    Apply("Arguments", list.Value);
                }
                else if (ConstantValueAnalysis.WalkDownConversions(list.Value) is IArrayCreationOperation { Initializer: { } items })
                {
                    foreach (IOperation item in items.ElementValues)
                    {
                        AddItem(item);
                    }
                }
                else
                {
                    ArgumentsKnown = false;
                }
            }

            private void Apply(string property, IOperation value)
            {
                if (property == "FileName")
                {
                    Program = OperationHelpers.ConstantString(value);
                }
                else if (property == "Arguments")
                {
                    string? text = OperationHelpers.ConstantString(value);
                    if (text is null)
                    {
                        ArgumentsKnown = false;
                    }
                    else
                    {
                        Tokens.AddRange(text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));
                    }
                }
            }

            private void AddItem(IOperation value)
            {
                string? text = OperationHelpers.ConstantString(value);
                if (text is null)
                {
                    ArgumentsKnown = false;
                }
                else
                {
                    Tokens.Add(text.Trim());
                }
            }
        }
    }
}
