// `gavel serve`: the site and its search, on a port, until SIGINT or SIGTERM.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Store } from '../store/store.js';
import { startServer } from '../web/server.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';

export async function serveMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, { db: { type: 'string' }, site: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } });
  const v = parsed.values as { db?: string; site?: string; host?: string; port?: string };
  if (v.db === undefined) throw new UsageError('--db FILE is required');
  if (v.site === undefined) throw new UsageError('--site DIR is required (a folder built by gavel site)');
  const port = v.port ?? '8080';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a port number 0-65535, got '${port}'`);
  const siteDir = resolve(io.cwd, v.site);
  if (!existsSync(resolve(siteDir, 'index.html'))) throw new UsageError(`--site ${v.site} has no index.html: build it first with gavel site --db FILE --out ${v.site}`);
  const store = Store.open(resolve(io.cwd, v.db), { readonly: true });
  const running = await startServer({
    store,
    siteDir,
    host: v.host ?? '127.0.0.1',
    port: Number(port),
    onError: (err) => io.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'request failed', err: String(err) })}\n`),
  });
  io.stdout.write(`serving ${siteDir} and its search at ${running.url}\n`);
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  store.close();
  return 0;
}
