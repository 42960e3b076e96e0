namespace Upsell.Infrastructure.Catalog;

/// <summary>A stored catalog document with its ETag, for conditional replaces.</summary>
public sealed record Stored<T>(T Document, string ETag);
