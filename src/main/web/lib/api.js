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

  /**
   * Creates a task. env and secrets go as JSON (the API takes them only so); anything else as
   * multipart, with onProgress(sent, total) while files upload.
   */
  createTask({ message, files = [], autoExecute, systemPrompt, env, secrets }, { onProgress } = {}) {
    if (env || secrets) {
      const body = { message, autoExecute, systemPrompt: systemPrompt || undefined, env, secrets };
      return this.json('/tasks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    }
    const body = form(message, files);
    if (autoExecute !== undefined) body.append('autoExecute', String(autoExecute));
    if (systemPrompt) body.append('systemPrompt', systemPrompt);
    return this.send('/tasks', body, onProgress);
  }

  followUp(taskId, { message, files = [], ifBusy }, { onProgress } = {}) {
    const body = form(message, files);
    if (ifBusy) body.append('ifBusy', ifBusy);
    return this.send(`/tasks/${encodeURIComponent(taskId)}/messages`, body, onProgress);
  }

  approve(taskId, callId, outcome) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}/tools/${encodeURIComponent(callId)}/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome }),
    });
  }

  /** A page of tasks: {data, pagination}; statuses filters by status (an extension of the list). */
  listTasks({ limit = 50, offset = 0, statuses = [] } = {}) {
    const status = statuses.length ? `&status=${statuses.join(',')}` : '';
    return this.request(`/tasks?limit=${limit}&offset=${offset}${status}`).then(envelope);
  }

  task(taskId) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}`);
  }

  artifacts(taskId) {
    return this.json(`/tasks/${encodeURIComponent(taskId)}/artifacts`);
  }

  /** A workspace file's bytes as a Blob (downloads need the Authorization header, so no plain link). */
  async download(taskId, path) {
    const res = await this.request(`/tasks/${encodeURIComponent(taskId)}/artifacts/download?path=${encodeURIComponent(path)}`);
    if (!res.ok) await envelope(res);
    return res.blob();
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

  /** One call with the credentials; a 401 gets one more try when they can be renewed (tokens can, keys not). */
  async request(path, init = {}, retried = false) {
    const token = await this.credentials.get();
    const headers = { ...init.headers, Authorization: `Bearer ${token}` };
    const res = await fetch(this.base + path, { ...init, headers });
    if (res.status !== 401 || retried || !this.credentials.invalidate()) return res;
    return this.request(path, init, true);
  }

  /** A form body; with onProgress through XMLHttpRequest, the one browser API that reports upload progress. */
  async send(path, body, onProgress) {
    if (!onProgress) return this.json(path, { method: 'POST', body });
    const token = await this.credentials.get();
    const res = await new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.base + path);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total);
      xhr.onload = () => resolve(new Response(xhr.responseText, { status: xhr.status }));
      xhr.onerror = () => reject(new TypeError('network error'));
      xhr.send(body);
    });
    return (await envelope(res)).data;
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
