namespace Upsell.Infrastructure.Catalog;

/// <summary>How a catalog write came out.</summary>
public enum CatalogWrite
{
    Created,
    Replaced,
    Deleted,
    NotFound,
    AlreadyExists,
    ETagMismatch,
}
