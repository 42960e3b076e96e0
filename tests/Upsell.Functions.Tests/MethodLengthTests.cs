using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// No method in <c>src/</c> is longer than a screen: every method, constructor, accessor and local function, measured
/// by the C# compiler's own syntax tree from its first line (the declaration) to its last, comments and blank lines
/// included.
/// </summary>
public class MethodLengthTests
{
    private const int MostLines = 60;

    [Fact]
    public void No_method_in_src_is_longer_than_60_lines()
    {
        var source = Path.Combine(Azurite.RepositoryRoot(), "src");
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var lengths = files.SelectMany(file => Methods(file, source)).ToList();

        Assert.True(lengths.Count > 500, $"only {lengths.Count} methods found");
        Assert.Empty(lengths.Where(m => m.Lines > MostLines).Select(m => $"{m.Where}: {m.Lines} lines"));
    }

    private static IEnumerable<(string Where, int Lines)> Methods(string file, string source)
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
        foreach (var node in root.DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax))
        {
            var span = node.GetLocation().GetLineSpan();
            var name = node switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                ConstructorDeclarationSyntax c => c.Identifier.Text,
                LocalFunctionStatementSyntax l => l.Identifier.Text,
                _ => node.Kind().ToString(),
            };
            yield return ($"{Path.GetRelativePath(source, file)}:{span.StartLinePosition.Line + 1} {name}", span.EndLinePosition.Line - span.StartLinePosition.Line + 1);
        }
    }
}
