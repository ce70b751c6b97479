// A real OpenID provider (oidc-provider, the certified implementation) listening on localhost for the single sign-on
// tests, with its own login and consent pages, and a browser stand-in that follows redirects across both sites with a
// cookie jar per host and submits the provider's forms.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type ProviderAccount = { email?: string; email_verified?: boolean; name?: string };

export type TestProvider = {
  issuer: string;
  /** the same provider under another name (127.0.0.1 and another port): its metadata still names `issuer` */
  alias: string;
  /** sub → claims; a login with an unknown sub signs in an account without claims */
  accounts: Map<string, ProviderAccount>;
  close(): Promise<void>;
};

/** A port free now on this host (for a server whose own address must be known before it starts). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startOpenIdProvider(client: { clientId: string; clientSecret: string; redirectUris: string[] }): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const aliasServer = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => aliasServer.listen(0, '127.0.0.1', resolve));
  const alias = `http://127.0.0.1:${(aliasServer.address() as AddressInfo).port}`;
  const accounts = new Map<string, ProviderAccount>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['a cookie key for the tests only'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) }),
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: true } },
  });
  handler = provider.callback();
  return {
    issuer,
    alias,
    accounts,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aliasServer.close(() => resolve()));
    },
  };
}

type Page = { url: URL; status: number; body: string; location?: URL };

/** A browser stand-in over real HTTP: cookies kept per host name, redirects followed by hand. */
export class Browser {
  private jar = new Map<string, Map<string, string>>();

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const cookies = [...(this.jar.get(url.hostname) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: { ...(cookies ? { cookie: cookies } : {}), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    const jar = this.jar.get(url.hostname) ?? new Map<string, string>();
    this.jar.set(url.hostname, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (!name) continue;
      if (expired || value.join('=') === '') jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    return { url, status: response.status, body: await response.text(), location: location ? new URL(location, url) : undefined };
  }

  /** Follows redirects until a page that is not one, or until `stopAt` says a Location is to be kept, not opened. */
  async follow(start: Page | URL, stopAt?: (url: URL) => boolean): Promise<Page> {
    let page = start instanceof URL ? await this.request(start) : start;
    for (let hops = 0; page.location && page.status >= 300 && page.status < 400; hops++) {
      if (hops > 20) throw new Error(`too many redirects from ${page.url}`);
      if (stopAt?.(page.location)) return page;
      page = await this.request(page.location);
    }
    return page;
  }

  /** Submits the first form of the page with its hidden fields and these. */
  async submit(page: Page, fields: Record<string, string> = {}): Promise<Page> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
    const hidden: Record<string, string> = {};
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name) hidden[name] = value.replaceAll('&amp;', '&');
    }
    return this.request(new URL(form[1]!.replaceAll('&amp;', '&'), page.url), { form: { ...hidden, ...fields } });
  }
}
