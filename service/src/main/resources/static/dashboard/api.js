// The service's JSON API (api-spec/openapi.yaml). Failures reject with a ProblemError carrying the
// RFC 9457 problem details, including `errors: [{field, message}]` for a bad spec.

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// With access control on (README "Access control"), the API answers 401 until the page holds a
// token. It is kept in a SameSite=Strict cookie, which the service accepts like a Bearer header,
// because plot images and the event stream cannot send headers.
function askForToken() {
  const token = window.prompt('This Cascade needs an API token (reader, submitter or admin):');
  if (!token) return false;
  document.cookie = `cascade_token=${encodeURIComponent(token.trim())}; path=/; SameSite=Strict`;
  return true;
}

async function request(method, path, body, retried = false) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && !retried && askForToken()) {
    return request(method, path, body, true);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) {
    throw new ProblemError(response.status, json || { title: `HTTP ${response.status}`, detail: text });
  }
  return json;
}

export const api = {
  list: (filters, cursor, limit = 50) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    if (cursor) q.set('cursor', cursor);
    q.set('limit', String(limit));
    return request('GET', `/experiments?${q}`);
  },
  get: id => request('GET', `/experiments/${id}`),
  results: id => request('GET', `/experiments/${id}/results`),
  submit: spec => request('POST', '/experiments', spec),
  cancel: id => request('POST', `/experiments/${id}/cancel`),
  retry: id => request('POST', `/experiments/${id}/retry`),
  estimators: () => request('GET', '/estimators'),
  teachers: () => request('GET', '/teachers'),
  eventsUrl: id => `/experiments/${id}/events`,
  resultsUrl: (id, format) => `/experiments/${id}/results?format=${format}`,
  plotUrl: (id, plot, ext) => `/experiments/${id}/plots/${plot}.${ext}`,
};

export const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
