// The admin API as the console calls it: the function key taken once, kept in sessionStorage, sent as a header;
// problem+json answers become ApiError with the server's field errors.
const KEY = 'upsell-console-key';
const base = new URL('.', location.href);

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || `HTTP ${status}`;
    this.errors = problem.errors || [];
  }
}

/** The key from ?code= (then removed from the address bar) or from this tab's storage; null when there is none. */
export function takeKey() {
  const url = new URL(location.href);
  const code = url.searchParams.get('code');
  if (code) {
    sessionStorage.setItem(KEY, code);
    url.searchParams.delete('code');
    history.replaceState(history.state, '', url);
  }
  return sessionStorage.getItem(KEY);
}

export const setKey = (key) => sessionStorage.setItem(KEY, key);
export const forgetKey = () => sessionStorage.removeItem(KEY);

/** Calls the admin API; resolves { body, etag, status }, rejects with ApiError. */
export async function call(method, path, { body, etag, query } = {}) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(query || {})) url.searchParams.set(name, value);
  const headers = { accept: 'application/json', 'x-functions-key': sessionStorage.getItem(KEY) || '' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (etag) headers['if-match'] = etag;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), referrerPolicy: 'no-referrer' });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json || {});
  return { body: json, etag: response.headers.get('etag'), status: response.status };
}
