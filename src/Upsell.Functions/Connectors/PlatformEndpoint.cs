namespace Upsell.Functions.Connectors;

/// <summary>How one platform signs and names its webhooks, and the secrets (empty: the connector is off).</summary>
public sealed record PlatformEndpoint(string Platform, string SecretSetting, string SignatureHeader, string TopicHeader, byte[] Secret, byte[]? PreviousSecret);
