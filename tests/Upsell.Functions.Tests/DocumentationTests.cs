using System.Text.RegularExpressions;
using Upsell.Tests;

namespace Upsell.Functions.Tests;

/// <summary>
/// The README is the front door and <c>docs/</c> the manual: the README stays short and links every page, the rule
/// table names files that exist, every link and anchor leads somewhere, each page's contents list its headings,
/// and the settings table documents exactly the settings the options classes bind, each once.
/// </summary>
public partial class DocumentationTests
{
    private static readonly string Root = Azurite.RepositoryRoot();

    [Fact]
    public void The_README_is_a_front_door_that_links_every_page_of_the_manual()
    {
        var readme = Read("README.md");
        Assert.InRange(readme.Split('\n').Length, 1, 250);
        var pages = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(p => $"docs/{Path.GetFileName(p)}").ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains($"]({page})", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_file_in_the_rule_table_exists()
    {
        var table = Section(Read("README.md"), "## Where each rule lives");
        var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| rule", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 11, $"the rule table has {rows.Count} rows");
        foreach (var row in rows)
        {
            var paths = Code().Matches(row).Select(m => m.Groups[1].Value).Where(p => p.Contains('/', StringComparison.Ordinal)).ToList();
            Assert.True(paths.Count == 2, $"'{row}' names a file and its test");
            Assert.All(paths, p => Assert.True(File.Exists(Path.Combine(Root, p)), $"{p} does not exist"));
        }
    }

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>("README.md");
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add($"docs/{Path.GetFileName(page)}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_leads_to_a_file_and_heading_that_exist(string page)
    {
        var directory = Path.GetDirectoryName(Path.Combine(Root, page))!;
        foreach (var target in Link().Matches(Read(page)).Select(m => m.Groups[1].Value).Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith("mailto:", StringComparison.Ordinal)))
        {
            var (file, anchor) = target.Split('#', 2) is [var f, var a] ? (f, a) : (target, null);
            var path = file.Length == 0 ? Path.Combine(Root, page) : Path.GetFullPath(Path.Combine(directory, file));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{page} links {target}, which does not exist");
            if (anchor is not null)
            {
                Assert.True(Anchors(File.ReadAllText(path)).Contains(anchor), $"{page} links {target}: no such heading");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_page_of_the_manual_lists_its_headings_in_its_contents(string page)
    {
        if (page == "README.md")
        {
            return;
        }

        var text = Read(page);
        var contents = Section(text, "## Contents");
        foreach (var anchor in Anchors(text, minimumLevel: 2).Where(a => a != "contents"))
        {
            Assert.Contains($"](#{anchor})", contents, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_settings_table_documents_every_bound_setting_once_and_nothing_else()
    {
        var documented = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"))
            .SelectMany(p => File.ReadAllLines(p))
            .Select(l => SettingRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        Assert.Empty(documented.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(InfraTemplateTests.OptionsSettings().Order(StringComparer.Ordinal), documented.Where(s => s.StartsWith("Upsell__", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    private static string Read(string page) => File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");

    // The text from a heading to the next heading of its level or higher.
    private static string Section(string text, string heading)
    {
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}'");
        var level = heading.IndexOf(' ', StringComparison.Ordinal);
        var next = Regex.Match(text[(start + heading.Length)..], $"\n#{{1,{level}}} ");
        return next.Success ? text.Substring(start, heading.Length + next.Index) : text[start..];
    }

    // GitHub's anchors: the heading lower-cased, punctuation but hyphens and underscores dropped, spaces as hyphens;
    // lines in fenced code are not headings.
    private static HashSet<string> Anchors(string text, int minimumLevel = 1)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            fenced ^= line.StartsWith("```", StringComparison.Ordinal);
            if (!fenced && Heading().Match(line) is { Success: true } m && m.Groups[1].Index > minimumLevel)
            {
                anchors.Add(Punctuation().Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-'));
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"^\| `([A-Za-z_]+__[A-Za-z_]+(?:__[A-Za-z_]+)?)` \|")]
    private static partial Regex SettingRow();
}
