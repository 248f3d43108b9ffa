// A minimal HTTP client for the web server's tests: keeps cookies, reads the page's CSRF token.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

export class Client {
  private readonly cookies = new Map<string, string>();
  token = '';

  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html', ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    const res = await fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value) this.cookies.set(pair.slice(0, eq), value);
      else this.cookies.delete(pair.slice(0, eq));
    }
    return res;
  }

  /** GETs a page and keeps its CSRF token. */
  async page(path: string): Promise<{ res: Response; text: string }> {
    const res = await this.request(path);
    const text = await res.text();
    const token = /name="csrf-token" content="([^"]+)"/.exec(text)?.[1];
    if (token) this.token = token;
    return { res, text };
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  async upload(files: Array<{ path: string; name?: string }>, headers: Record<string, string> = { 'x-csrf-token': this.token }): Promise<Response> {
    const form = new FormData();
    for (const f of files) form.append('files', new Blob([await readFile(f.path)]), f.name ?? basename(f.path));
    return this.request('/batches', { method: 'POST', body: form, headers });
  }

  async login(name: string, password: string): Promise<Response> {
    await this.page('/login');
    return this.postForm('/login', { _csrf: this.token, name, password });
  }

  async json<T>(path: string): Promise<T> {
    return (await (await this.request(path, { headers: { accept: 'application/json' } })).json()) as T;
  }
}

export interface BatchState {
  id: number;
  status: string;
  files: Array<{ ord: number; name: string; status: string; outcome: string | null; findings: number | null }>;
}

/** Polls a batch until it is done or failed. */
export async function waitForBatch(client: Client, id: number, timeoutMs = 120_000): Promise<BatchState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await client.json<BatchState>(`/api/batches/${id}`);
    if (state.status === 'done' || state.status === 'failed') return state;
    if (Date.now() > until) throw new Error(`batch ${id} still ${state.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
