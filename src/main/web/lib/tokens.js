// Widget tokens from the page's own backend: fetched when first needed, refreshed shortly before
// they expire, fetched again when the server refuses one.

const MARGIN_MS = 60_000;
const MIN_DELAY_MS = 1_000;

export class TokenSource {
  /** fetchToken() resolves to a token string or to {token, expiresAt}. */
  constructor(fetchToken) {
    this.fetchToken = fetchToken;
    this.current = null;
    this.pending = null;
    this.timer = null;
  }

  /** A token that is not about to expire. */
  async get() {
    if (this.current && Date.now() < this.current.refreshAt) return this.current.token;
    return this.refresh();
  }

  /** Forgets the current token, as after the server answered 401; the next get() fetches another. */
  invalidate() {
    this.current = null;
    return true;
  }

  refresh() {
    this.pending ??= this.load().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  stop() {
    clearTimeout(this.timer);
  }

  async load() {
    const answer = await this.fetchToken();
    const token = typeof answer === 'string' ? answer : answer?.token;
    if (typeof token !== 'string' || !token) throw new Error('getToken gave no token');
    const expiresAt = expiry(answer, token);
    const lifetime = expiresAt - Date.now();
    const refreshAt = expiresAt - Math.min(MARGIN_MS, lifetime / 5);
    this.current = { token, refreshAt };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh().catch(() => {}), Math.max(MIN_DELAY_MS, refreshAt - Date.now()));
    return token;
  }
}

/** When a token expires: the backend's expiresAt, else the token's own exp claim. */
function expiry(answer, token) {
  const given = Date.parse(answer?.expiresAt ?? '');
  if (!Number.isNaN(given)) return given;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).exp * 1000;
  } catch {
    return Date.now() + 5 * MARGIN_MS;
  }
}
