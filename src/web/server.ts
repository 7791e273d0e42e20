// `gavel serve`'s HTTP server: the static site from its folder, and the JSON API over the database.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { Store } from '../store/store.js';
import { answerApi } from './api.js';

export interface ServeOptions {
  readonly store: Store;
  /** The site folder (`gavel site --out`). */
  readonly siteDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly onError?: (err: unknown) => void;
}

export interface RunningServer {
  /** `http://host:port/` */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'same-origin',
};

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}

/** The file a URL path names inside the site folder, or undefined (missing, or outside the folder). */
export function siteFile(siteDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = resolve(siteDir);
  let full = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  // The site's own bookkeeping is not published (dot files below the root; the root may be in one).
  if (relative(root, full).split(sep).some((part) => part.startsWith('.') && part.length > 1)) return undefined;
  try {
    if (statSync(full).isDirectory()) full = join(full, 'index.html');
    return statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

function handle(opts: ServeOptions, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Only GET and HEAD\n');
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://gavel.invalid');
  } catch {
    json(res, 400, { error: 'a malformed request URL' });
    return;
  }
  // The API is found relative to any page, so a site served under a prefix still reaches it.
  const api = /(?:^|\/)api\/(.*)$/.exec(url.pathname);
  if (api?.[1] !== undefined) {
    const a = answerApi(opts.store, api[1], url.searchParams, opts.onError);
    json(res, a.status, a.body);
    return;
  }
  // Browsers ask for /favicon.ico on pages without an icon link (the MeetBot-path log pages).
  const file = siteFile(opts.siteDir, url.pathname === '/favicon.ico' ? '/favicon.svg' : url.pathname);
  if (file === undefined) {
    notFound(res);
    return;
  }
  res.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function startServer(opts: ServeOptions): Promise<RunningServer> {
  const server = createServer((req, res) => {
    try {
      handle(opts, req, res);
    } catch (err) {
      opts.onError?.(err);
      if (!res.headersSent) json(res, 500, { error: 'the server failed to answer; see its log' });
      else res.destroy();
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : opts.port;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      resolvePromise({
        url: `http://${host}:${port}/`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
