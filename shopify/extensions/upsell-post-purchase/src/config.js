// @ts-check
// The function app's address. Post-purchase extensions have no merchant settings: replace the placeholder before
// `shopify app deploy`, as in shopify.app.toml's application_url.
export const API_BASE_URL = "https://YOUR-APP.azurewebsites.net";
