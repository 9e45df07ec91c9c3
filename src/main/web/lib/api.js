// The Task API as the browser uses it: every call with the current bearer token, the envelope
// unwrapped, failures as ApiError carrying the server's own code and message.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class TaskApi {
  /** credentials: {get(): Promise<string>, invalidate()} */
  constructor(baseUrl, credentials) {
    this.base = `${baseUrl.replace(/\/+$/, '')}/api/v1`;
    this.credentials = credentials;
  }

  createTask({ message, files = [], autoExecute }) {
    const body = form(message, files);
    if (autoExecute !== undefined) body.append('autoExecute', String(autoExecute));
    return this.json('/tasks', { method: 'POST', body });
  }

  followUp(taskId, { message, files = [] }) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}/messages`, { method: 'POST', body: form(message, files) });
  }

  approve(taskId, callId, outcome) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}/tools/${encodeURIComponent(callId)}/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome }),
    });
  }

  listTasks({ limit = 50, offset = 0 } = {}) {
    return this.request(`/tasks?limit=${limit}&offset=${offset}`).then(envelope);
  }

  task(taskId) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}`);
  }

  cancel(taskId) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}`, { method: 'DELETE' });
  }

  /** The open stream response; after a seq, only the events after it (no history replay). */
  async stream(taskId, afterSeq, signal) {
    const headers = { Accept: 'text/event-stream' };
    if (afterSeq != null) headers['Last-Event-ID'] = String(afterSeq);
    const res = await this.request(`/tasks/${encodeURIComponent(taskId)}/stream`, { headers, signal });
    if (res.status === 200 || res.status === 204) return res;
    return envelope(res);
  }

  async json(path, init) {
    return (await envelope(await this.request(path, init))).data;
  }

  /** One call with the token; a 401 gets one more try with a fresh token. */
  async request(path, init = {}, retried = false) {
    const token = await this.credentials.get();
    const headers = { ...init.headers, Authorization: `Bearer ${token}` };
    const res = await fetch(this.base + path, { ...init, headers });
    if (res.status !== 401 || retried) return res;
    this.credentials.invalidate();
    return this.request(path, init, true);
  }
}

function form(message, files) {
  const body = new FormData();
  body.append('message', message);
  for (const file of files) body.append('files', file, file.name);
  return body;
}

async function envelope(res) {
  const body = await res.json().catch(() => null);
  if (res.ok && body?.success) return body;
  const error = body?.error ?? {};
  throw new ApiError(res.status, error.code ?? 'HTTP_' + res.status, error.message ?? res.statusText);
}
