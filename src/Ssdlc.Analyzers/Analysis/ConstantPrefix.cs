using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>The text a string value is known to start with, and whether that is all of it.</summary>
    internal readonly struct ConstantPrefix
    {
        private const int MaxDepth = 16;

        public ConstantPrefix(string text, bool complete)
        {
            Text = text;
            IsComplete = complete;
        }

        public string Text { get; }

        /// <summary>True when <see cref="Text"/> is the whole value (a constant), false when unknown text follows.</summary>
        public bool IsComplete { get; }

        /// <summary>
        /// The leading constant text of a string expression: a constant (<c>"https://api.example.com"</c>), the text parts of
        /// an interpolated string up to its first non-constant hole (<c>$"http://{host}/x"</c> starts with <c>http://</c>),
        /// the left operands of a concatenation, the format of <c>string.Format</c> up to its first placeholder and the first
        /// argument of <c>string.Concat</c>; locals and fields with one constant value count as constants. Null when the value
        /// starts with something unknown.
        /// </summary>
        public static ConstantPrefix? Of(IOperation value, CancellationToken cancellationToken) => Of(value, 0, cancellationToken);

        private static ConstantPrefix? Of(IOperation value, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            value = ConstantValueAnalysis.WalkDownConversions(value);
            if (value.ConstantValue is { HasValue: true, Value: string constant })
            {
                return new ConstantPrefix(constant, complete: true);
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    var text = new StringBuilder();
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        IOperation content = part is IInterpolationOperation hole ? hole.Expression : part;
                        if (content is IInterpolatedStringTextOperation textPart)
                        {
                            content = textPart.Text;
                        }

                        ConstantPrefix? piece = Of(content, depth + 1, cancellationToken);
                        if (piece is null || (part is IInterpolationOperation { Alignment: not null } or IInterpolationOperation { FormatString: not null }))
                        {
                            return text.Length == 0 ? null : new ConstantPrefix(text.ToString(), complete: false);
                        }

                        text.Append(piece.Value.Text);
                        if (!piece.Value.IsComplete)
                        {
                            return new ConstantPrefix(text.ToString(), complete: false);
                        }
                    }

                    return new ConstantPrefix(text.ToString(), complete: true);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                    ConstantPrefix? left = Of(add.LeftOperand, depth + 1, cancellationToken);
                    if (left is null || !left.Value.IsComplete)
                    {
                        return left;
                    }

                    ConstantPrefix? right = Of(add.RightOperand, depth + 1, cancellationToken);
                    return right is null
                        ? new ConstantPrefix(left.Value.Text, complete: false)
                        : new ConstantPrefix(left.Value.Text + right.Value.Text, right.Value.IsComplete);
                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } method } call
                    when method.Name is "Format" or "Concat" && call.Arguments.Length > 0:
                    IArgumentOperation first = call.Arguments[0];
                    if (first.Parameter?.Type.SpecialType != SpecialType.System_String)
                    {
                        first = call.Arguments.Length > 1 ? call.Arguments[1] : first; // Format(provider, format, ...)
                    }

                    ConstantPrefix? head = Of(first.Value, depth + 1, cancellationToken);
                    if (head is null)
                    {
                        return null;
                    }

                    if (method.Name == "Format")
                    {
                        int placeholder = head.Value.Text.IndexOf('{');
                        return placeholder >= 0 ? new ConstantPrefix(head.Value.Text.Substring(0, placeholder), complete: false) : head;
                    }

                    return new ConstantPrefix(head.Value.Text, complete: head.Value.IsComplete && call.Arguments.Length == 1);
                case ILocalReferenceOperation:
                case IFieldReferenceOperation:
                case IPropertyReferenceOperation:
                    return ConstantDataAnalysis.TryGetConstantString(value, cancellationToken, out string single)
                        ? new ConstantPrefix(single, complete: true)
                        : null;
                default:
                    return null;
            }
        }
    }
}
