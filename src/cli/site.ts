// `gavel site`: the static website of every stored meeting, rebuilt touching only what changed.
import { resolve } from 'node:path';
import { Store } from '../store/store.js';
import { siteMeetingsFromStore } from '../web/fromstore.js';
import { buildSite } from '../web/site.js';
import { parseCliArgs, UsageError, type CliIo } from './io.js';
import { checkOutDir, urlPrefixOption } from './options.js';

export async function siteMain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, { db: { type: 'string' }, out: { type: 'string' }, 'url-prefix': { type: 'string' }, title: { type: 'string' } });
  const v = parsed.values as { db?: string; out?: string; 'url-prefix'?: string; title?: string };
  if (v.db === undefined) throw new UsageError('--db FILE is required');
  if (v.out === undefined) throw new UsageError('--out DIR is required');
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  const urlPrefix = urlPrefixOption(v['url-prefix']);
  checkOutDir(v.out, io.cwd);
  const store = Store.open(resolve(io.cwd, v.db), { readonly: true });
  try {
    const overrides = urlPrefix === undefined ? {} : { urlPrefix };
    const meetings = siteMeetingsFromStore(store, overrides);
    const build = buildSite(meetings, resolve(io.cwd, v.out), {
      urlPrefix: urlPrefix ?? '',
      generatedAt: Date.now(),
      ...(v.title !== undefined ? { title: v.title } : {}),
    });
    for (const w of build.warnings) io.stderr.write(`warning: ${w}\n`);
    io.stdout.write(`site of ${meetings.length} meeting(s): ${build.written.length} file(s) written, ${build.unchanged} unchanged, ${build.removed.length} removed\n`);
    return 0;
  } finally {
    store.close();
  }
}
