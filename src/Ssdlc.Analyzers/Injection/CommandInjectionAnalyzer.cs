using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// SSDLC0403: the program and the single-string command line given to <c>Process.Start</c>/<c>ProcessStartInfo</c>
    /// must be constant (B.4.3). Values belong in <c>ArgumentList</c>, which is never re-parsed; a shell
    /// (<c>cmd /c</c>, <c>sh -c</c>) fed non-constant text is the worst case and the message says so. So is a non-constant
    /// command line written to the standard input of a shell that reads its commands from there
    /// (<c>process.StandardInput.WriteLine(...)</c>, see <see cref="ShellStandardInput"/>).
    /// </summary>
    public sealed class CommandInjectionAnalyzer : DiagnosticAnalyzer
    {
        private const string Program = "The program";
        private const string CommandLine = "The argument string";

        private static readonly HashSet<string> Shells = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "cmd", "sh", "bash", "zsh", "dash", "ksh", "pwsh", "powershell",
        };

        private static readonly HashSet<string> CommandSwitches = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "/c", "/k", "-c", "-command", "/command", "-encodedcommand", "-e", "-ec",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CommandInjection);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is not the user's to change; the call site that starts the process is.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? process = WellKnownTypes.For(start.Compilation).Get("System.Diagnostics.Process");
                INamedTypeSymbol? startInfo = WellKnownTypes.For(start.Compilation).Get("System.Diagnostics.ProcessStartInfo");
                SourceMentions mentions = SourceMentions.For(start.Compilation);
                if (process is null
                    || startInfo is null
                    || !ReachesProcesses(mentions, start.CancellationToken))
                {
                    return;
                }

                INamedTypeSymbol? streamWriter = WellKnownTypes.For(start.Compilation).Get("System.IO.StreamWriter");
                INamedTypeSymbol? textWriter = WellKnownTypes.For(start.Compilation).Get("System.IO.TextWriter");
                start.RegisterOperationAction(c => AnalyzeInvocation(c, process, startInfo, streamWriter, textWriter), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, startInfo), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, startInfo), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol process, INamedTypeSymbol startInfo, INamedTypeSymbol? streamWriter, INamedTypeSymbol? textWriter)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "Start" && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, process))
            {
                IArgumentOperation? fileName = OperationHelpers.FindStringArgument(invocation.Arguments, "fileName");
                if (fileName is null)
                {
                    return;
                }

                CheckProgramAndArguments(
                    context,
                    fileName.Value,
                    OperationHelpers.FindStringArgument(invocation.Arguments, "arguments")?.Value,
                    ListArgument(invocation.Arguments),
                    "Process.Start");
                return;
            }

            // process.StandardInput.WriteLine(x) to a shell that reads its commands from there.
            if (method.Name is "Write" or "WriteLine" or "WriteAsync" or "WriteLineAsync"
                && invocation.Instance is { } writer
                && invocation.Arguments.Length > 0
                && CanBeStandardInput(writer.Type, streamWriter, textWriter))
            {
                CheckStandardInputWrite(context, invocation, writer, process, startInfo);
                return;
            }

            // ArgumentList.Add(x) on a shell that was told to run a command: bash -c <x>.
            if (method.Name == "Add"
                && invocation.Arguments.Length == 1
                && StartInfoOfArgumentListAdd(invocation, startInfo) is { } owner
                && !IsFixed(invocation.Arguments[0].Value, context.CancellationToken))
            {
                string? shell = ShellOf(ProgramOf(owner, context.CancellationToken));
                if (shell is not null && HasCommandSwitchItem(owner, startInfo))
                {
                    Report(context, invocation.Arguments[0].Value, "The shell command", "ProcessStartInfo.ArgumentList", ShellHint(shell));
                }
            }
        }

        // Every sink is written with one of these names: Process.Start(...) (or Start(...) after a using static), a
        // ProcessStartInfo (or a process's StartInfo), a process's StandardInput. A code base that names none of them (a
        // library with Process(...) methods) has none.
        private static bool ReachesProcesses(SourceMentions mentions, CancellationToken cancellationToken)
            => mentions.Names("ProcessStartInfo", cancellationToken)
               || mentions.Names("StartInfo", cancellationToken)
               || mentions.Names("StandardInput", cancellationToken)
               || mentions.Names("Process.Start", cancellationToken)
               || mentions.Names("System.Diagnostics.Process", cancellationToken); // using static System.Diagnostics.Process;

        // Process.StandardInput is a StreamWriter; it may be held as one or as a TextWriter (not a StringWriter, a JSON writer, ...).
        private static bool CanBeStandardInput(ITypeSymbol? type, INamedTypeSymbol? streamWriter, INamedTypeSymbol? textWriter)
            => OperationHelpers.IsOrDerivesFrom(type, streamWriter) || SymbolEqualityComparer.Default.Equals(type, textWriter);

        private static void CheckStandardInputWrite(
            OperationAnalysisContext context,
            IInvocationOperation write,
            IOperation writer,
            INamedTypeSymbol process,
            INamedTypeSymbol startInfo)
        {
            string? shell = null;
            foreach (IArgumentOperation argument in write.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || argument.Value.Type?.SpecialType is not (SpecialType.System_String or SpecialType.System_Object)
                    || IsFixed(argument.Value, context.CancellationToken))
                {
                    continue;
                }

                shell ??= ShellStandardInput.ShellReadingCommands(writer, process, startInfo, ShellOf, context.CancellationToken);
                if (shell is null)
                {
                    return;
                }

                Report(context, argument.Value, "The command line", "Process.StandardInput." + write.TargetMethod.Name, ShellHint(shell));
            }
        }

        /// <summary>
        /// For <c>info.ArgumentList.Add(x)</c> and the collection initializer <c>ArgumentList = { x }</c>: the operation that
        /// denotes the <c>ProcessStartInfo</c>; otherwise null.
        /// </summary>
        private static IOperation? StartInfoOfArgumentListAdd(IInvocationOperation add, INamedTypeSymbol startInfo)
        {
            IPropertyReferenceOperation? list = add.Instance switch
            {
                IPropertyReferenceOperation property => property,
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                    => (add.Parent as IObjectOrCollectionInitializerOperation)?.Parent is IMemberInitializerOperation member
                        ? member.InitializedMember as IPropertyReferenceOperation
                        : null,
                _ => null,
            };
            return list is { Property.Name: "ArgumentList" } && SymbolEqualityComparer.Default.Equals(list.Property.ContainingType, startInfo)
                ? list.Instance
                : null;
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol startInfo)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, startInfo))
            {
                return;
            }

            IArgumentOperation? fileName = OperationHelpers.FindStringArgument(creation.Arguments, "fileName");
            if (fileName is null)
            {
                return;
            }

            CheckProgramAndArguments(
                context,
                fileName.Value,
                OperationHelpers.FindStringArgument(creation.Arguments, "arguments")?.Value,
                ListArgument(creation.Arguments),
                "new ProcessStartInfo");
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol startInfo)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target)
                || !SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, startInfo)
                || IsFixed(assignment.Value, context.CancellationToken))
            {
                return;
            }

            if (target.Property.Name == "FileName")
            {
                Report(context, assignment.Value, Program, "ProcessStartInfo.FileName", string.Empty);
            }
            else if (target.Property.Name == "Arguments")
            {
                string? shell = ShellOf(ProgramOf(target.Instance, context.CancellationToken));
                Report(context, assignment.Value, CommandLine, "ProcessStartInfo.Arguments", shell is null ? string.Empty : ShellHint(shell));
            }
        }

        private static void CheckProgramAndArguments(
            OperationAnalysisContext context,
            IOperation fileName,
            IOperation? arguments,
            IOperation? argumentList,
            string api)
        {
            if (!IsFixed(fileName, context.CancellationToken))
            {
                Report(context, fileName, Program, api, string.Empty);
                return;
            }

            string? shell = ShellOf(OperationHelpers.ConstantString(fileName));
            if (arguments is not null && !IsFixed(arguments, context.CancellationToken))
            {
                Report(context, arguments, CommandLine, api, shell is null ? string.Empty : ShellHint(shell));
            }

            // Process.Start("bash", new[] { "-c", command }): the list form does not help when a shell parses the item.
            if (shell is not null
                && argumentList is not null
                && ConstantValueAnalysis.WalkDownConversions(argumentList) is IArrayCreationOperation { Initializer: { } items })
            {
                bool afterSwitch = false;
                foreach (IOperation item in items.ElementValues)
                {
                    if (afterSwitch && !IsFixed(item, context.CancellationToken))
                    {
                        Report(context, item, "The shell command", api, ShellHint(shell));
                    }

                    string? text = OperationHelpers.ConstantString(item);
                    afterSwitch |= text is not null && CommandSwitches.Contains(text.Trim());
                }
            }
        }

        /// <summary>Constant, or built only from constants and numbers (a port or a count cannot inject a command).</summary>
        private static bool IsFixed(IOperation value, System.Threading.CancellationToken cancellationToken)
            => ConstantValueAnalysis.IsConstantOrTrusted(value, o => OperationHelpers.IsSimpleValue(o.Type), cancellationToken);

        private static IOperation? ListArgument(ImmutableArray<IArgumentOperation> arguments)
        {
            IArgumentOperation? argument = OperationHelpers.FindArgument(arguments, "arguments");
            return argument is not null && argument.Parameter?.Type.SpecialType != SpecialType.System_String ? argument.Value : null;
        }

        /// <summary>The constant program of the <c>ProcessStartInfo</c> that <paramref name="instance"/> denotes, when it can be told.</summary>
        private static string? ProgramOf(IOperation? instance, System.Threading.CancellationToken cancellationToken)
        {
            switch (instance)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    IObjectCreationOperation? creation = OperationHelpers.EnclosingObjectCreation(instance);
                    return creation is null ? null : ProgramOfCreation(creation);
                case ILocalReferenceOperation local:
                    return ProgramOfLocal(local, cancellationToken);
                default:
                    return null;
            }
        }

        private static string? ProgramOfCreation(IObjectCreationOperation creation)
        {
            string? program = OperationHelpers.ConstantString(OperationHelpers.FindStringArgument(creation.Arguments, "fileName")?.Value);
            if (creation.Initializer is not null)
            {
                foreach (IOperation initializer in creation.Initializer.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "FileName" } } assignment)
                    {
                        program = OperationHelpers.ConstantString(assignment.Value);
                    }
                }
            }

            return program;
        }

        private static string? ProgramOfLocal(ILocalReferenceOperation reference, System.Threading.CancellationToken cancellationToken)
        {
            string? program = null;
            foreach (IOperation operation in OperationHelpers.Root(reference).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IVariableDeclaratorOperation declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local)
                    && (declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value) is { } initial
                    && ConstantValueAnalysis.WalkDownConversions(initial) is IObjectCreationOperation creation)
                {
                    program ??= ProgramOfCreation(creation);
                }
                else if (operation is ISimpleAssignmentOperation
                    {
                        Target: IPropertyReferenceOperation { Property.Name: "FileName", Instance: ILocalReferenceOperation target },
                    } assignment
                    && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local))
                {
                    program = OperationHelpers.ConstantString(assignment.Value) ?? program;
                }
            }

            return program;
        }

        /// <summary>True when a constant item of the start info's <c>ArgumentList</c> is a command switch (<c>-c</c>, <c>/c</c>).</summary>
        private static bool HasCommandSwitchItem(IOperation owner, INamedTypeSymbol startInfo)
        {
            IEnumerable<IOperation> scope = owner switch
            {
                IInstanceReferenceOperation => OperationHelpers.EnclosingObjectCreation(owner)?.Descendants() ?? Array.Empty<IOperation>(),
                ILocalReferenceOperation local => OperationHelpers.Root(local).Descendants(),
                _ => Array.Empty<IOperation>(),
            };
            foreach (IOperation operation in scope)
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add
                    && StartInfoOfArgumentListAdd(add, startInfo) is { } other
                    && SameStartInfo(owner, other)
                    && OperationHelpers.ConstantString(add.Arguments[0].Value) is { } text
                    && CommandSwitches.Contains(text.Trim()))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SameStartInfo(IOperation owner, IOperation other) => (owner, other) switch
        {
            (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
            (IInstanceReferenceOperation, IInstanceReferenceOperation) => OperationHelpers.EnclosingObjectCreation(owner) == OperationHelpers.EnclosingObjectCreation(other),
            _ => false,
        };

        /// <summary>The shell's name when <paramref name="program"/> is a command interpreter (<c>cmd.exe</c>, <c>/bin/sh</c>, ...).</summary>
        private static string? ShellOf(string? program)
        {
            if (program is null)
            {
                return null;
            }

            string name = program.Trim().Trim('"');
            int slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
            if (slash >= 0)
            {
                name = name.Substring(slash + 1);
            }

            if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - 4);
            }

            return Shells.Contains(name) ? program.Trim() : null;
        }

        private static string ShellHint(string shell)
            => " and is run by the shell '" + shell + "', which executes it as a command line (the worst case: any command can be injected)";

        private static void Report(OperationAnalysisContext context, IOperation value, string what, string api, string hint)
        {
            if (value.Syntax is null)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CommandInjection, value.Syntax.GetLocation(), what, api, hint));
        }
    }
}
