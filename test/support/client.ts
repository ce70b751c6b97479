// A small browser stand-in for app.inject(): keeps cookies, finds the CSRF token in pages, posts forms.
import type { App } from '../../src/platform/module-manifest.ts';

type Response = Awaited<ReturnType<App['inject']>>;

export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(
    private readonly app: App,
    cookie?: string,
  ) {
    if (cookie) this.setCookie(cookie);
  }

  setCookie(pair: string) {
    const [name, ...value] = pair.split('=');
    if (name) this.cookies.set(name, value.join('='));
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response) {
    for (const c of response.cookies) {
      // A new CSRF secret (signing in renews it) voids the token in hand: a browser would load the next page for a new one.
      if (c.name === '_csrf' && c.value !== this.cookies.get('_csrf')) this.csrf = undefined;
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  /**
   * A CSRF token, as a browser has one from the last form it loaded: a signed-in reader's pages all carry one (the
   * sign-out form); an anonymous reader's only those with a form, such as the sign-in page.
   */
  private async fetchToken() {
    await this.get('/');
    if (this.csrf === undefined) await this.get('/sign-in');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form as a browser would, with the CSRF token of the last page seen (fetching one first if needed). */
  async post(url: string, fields: Record<string, string | string[]>, options: { csrf?: string | null } = {}): Promise<Response> {
    if (this.csrf === undefined && options.csrf === undefined) await this.fetchToken();
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null && csrf !== undefined) body.append('_csrf', csrf);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** Posts a multipart form with one file or several (in the field "file"), as a browser's upload form does (CSRF token included). */
  async upload(
    url: string,
    file: { name: string; type: string; bytes: Buffer } | { name: string; type: string; bytes: Buffer }[],
    fields: Record<string, string> = {},
  ): Promise<Response> {
    if (this.csrf === undefined) await this.fetchToken();
    const boundary = `----concord${Date.now()}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ _csrf: this.csrf ?? '', ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const one of Array.isArray(file) ? file : [file]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${one.name}"\r\nContent-Type: ${one.type}\r\n\r\n`));
      parts.push(one.bytes, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      }),
    );
  }

  /** Any request with this client's cookies and CSRF token (header), for bodies a form never sends (hostile ones). */
  async send(options: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<Response> {
    if (options.method !== 'GET' && this.csrf === undefined) await this.fetchToken();
    const csrf = options.method !== 'GET' ? { 'x-csrf-token': this.csrf ?? '' } : {};
    return this.remember(await this.app.inject({ ...options, headers: { cookie: this.cookieHeader(), ...csrf, ...options.headers } }));
  }

  /** A JSON API call with the session cookie (and the CSRF token for writes, as a browser script would send). */
  async api(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<Response> {
    if (method !== 'GET' && this.csrf === undefined) await this.fetchToken();
    return this.remember(
      await this.app.inject({
        method,
        url,
        headers: { cookie: this.cookieHeader(), ...(method !== 'GET' ? { 'x-csrf-token': this.csrf ?? '' } : {}) },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    );
  }
}

/** A JSON API call authenticated by an API token, as a script would make it (no cookies, no CSRF token). */
export function apiWithToken(app: App, token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
}
