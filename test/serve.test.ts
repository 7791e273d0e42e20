// gavel serve: the site's files, the JSON API with paging and 400s for bad parameters, and staying up under any query.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Store } from '../src/store/store.js';
import { startServer, type RunningServer } from '../src/web/server.js';
import { runCli, tempDir } from './support/cli.js';
import { CORPUS, requireShared } from './support/paths.js';

const BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url));

describe('gavel serve', () => {
  const dir = tempDir();
  const db = join(dir, 'oci.sqlite');
  const site = join(dir, 'site');
  let store: Store;
  let srv: RunningServer;

  before(async () => {
    requireShared();
    assert.equal((await runCli(['import', CORPUS, '--db', db])).code, 0);
    const built = await runCli(['site', '--db', db, '--out', site]);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stdout, /^site of 56 meeting\(s\): \d+ file\(s\) written, 0 unchanged, 0 removed\n$/);
    store = Store.open(db, { readonly: true });
    srv = await startServer({ store, siteDir: site, host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    await srv.close();
    store.close();
  });

  const get = async (path: string, init?: RequestInit): Promise<{ status: number; type: string; body: string }> => {
    const res = await fetch(new URL(path, srv.url), init);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };
  const api = async (path: string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const r = await get(path);
    assert.match(r.type, /^application\/json/, path);
    return { status: r.status, json: JSON.parse(r.body) as Record<string, unknown> };
  };

  it('serves the site: pages, the log, the feeds; nothing outside it or of its bookkeeping', async () => {
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.match(home.type, /^text\/html/);
    assert.match(home.body, /#opencontainers/);
    assert.equal((await get('/opencontainers/2018/opencontainers.2018-03-07-22.00.log.html')).status, 200);
    assert.match((await get('/opencontainers/meetings.atom')).type, /^application\/atom\+xml/);
    for (const bad of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/.gavel-site.json', '/opencontainers/%00', '/%E0%A4%A', '/missing.html']) {
      assert.equal((await get(bad)).status, 404, bad);
    }
    assert.equal((await get('/', { method: 'POST' })).status, 405);
    const head = await fetch(new URL('/index.html', srv.url), { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('answers /api/search with hits, snippets and paging', async () => {
    const r = await api('/api/search?q=VM&kind=topic');
    assert.equal(r.status, 200);
    const hits = r.json.hits as { name: string; kind: string; text: string; url: string; snippet: { text: string; mark?: boolean }[] }[];
    assert.deepEqual(hits.map((h) => [h.name, h.kind, h.text, h.url]), [
      ['2018_03_07_discussion', 'topic', 'VM containers', 'opencontainers/2018/opencontainers.2018-03-07-22.00.log.html#l-35'],
      ['oci_weekly_meeting_5_18', 'topic', 'VM configuration updates', 'opencontainers/2016/opencontainers.2016-05-18-17.01.log.html#l-92'],
    ]);
    assert.deepEqual(hits[0]?.snippet, [{ text: 'VM', mark: true }, { text: ' containers' }]);
    const page1 = await api('/api/search?q=runc&limit=3');
    const page2 = await api('/api/search?q=runc&limit=3&offset=3');
    assert.equal(page1.json.more, true);
    assert.equal((page1.json.hits as unknown[]).length, 3);
    assert.equal(page2.json.offset, 3);
    assert.notDeepEqual(page1.json.hits, page2.json.hits);
  });

  it('answers 400 with a JSON error for bad parameters, and stays up under hostile queries', async () => {
    const cases: [string, RegExp][] = [
      ['/api/search', /q \(the words to search for\) is required/],
      ['/api/search?q=x&kind=decision', /kind must be a comma-separated list/],
      ['/api/search?q=x&limit=0', /limit must be a whole number from 1 to 100/],
      ['/api/search?q=x&limit=abc', /limit must be a whole number/],
      ['/api/search?q=x&since=2018-02-30', /^since must be a date YYYY-MM-DD, got '2018-02-30' \(February 2018 has 28 days\)$/],
      ['/api/search?q=x&since=2016-13-01', /^since must be a date YYYY-MM-DD, got '2016-13-01' \(there is no month 13\)$/],
      ['/api/search?q=x&until=2016-13-01', /^until must be a date YYYY-MM-DD, got '2016-13-01' \(there is no month 13\)$/],
      ['/api/search?q=x&until=2016-02-30', /^until must be a date YYYY-MM-DD, got '2016-02-30' \(February 2016 has 29 days\)$/],
      ['/api/search?q=x&until=yesterday', /^until must be a date YYYY-MM-DD, got 'yesterday'$/],
      ['/api/search?q=x&sort=random', /sort must be relevance or newest/],
      ['/api/search?q=AND%20(', /cannot search for "AND \(": fts5: syntax error/],
      ['/api/meetings/abc', /a meeting id is a number/],
      ['/api/meetings?limit=9999', /limit must be a whole number from 1 to 500/],
    ];
    for (const [path, msg] of cases) {
      const r = await api(path);
      assert.equal(r.status, 400, path);
      assert.match(String(r.json.error), msg, path);
    }
    const hostile = ['"', '""', '*', '(', ')', 'NOT', 'a OR', "'); DROP TABLE events; --", '%00', '😀 spec', 'x'.repeat(499), 'NEAR(a b)', '^spec', 'col:spec', '-spec', '"unterminated'];
    for (const q of hostile) {
      const r = await api(`/api/search?q=${encodeURIComponent(q)}`);
      assert.ok(r.status === 200 || r.status === 400, `${q}: ${r.status} ${JSON.stringify(r.json)}`);
    }
    assert.equal((await api(`/api/search?q=${'x'.repeat(501)}`)).status, 400);
    assert.equal((await api('/api/search?q=VM&kind=topic')).status, 200, 'still answering');
    assert.equal(store.db.prepare('SELECT count(*) FROM events').pluck().get() as number > 0, true);
  });

  it('answers /api/meetings with paging and /api/meetings/ID with its items', async () => {
    const list = await api('/api/meetings?limit=2');
    const meetings = list.json.meetings as { id: number; start: string; name: string; minutes: string }[];
    assert.equal(meetings.length, 2);
    assert.equal(list.json.more, true);
    const newest = store.db.prepare('SELECT max(start_time) FROM meetings').pluck().get() as number;
    assert.equal(meetings[0]?.start, new Date(newest).toISOString());
    assert.ok((meetings[0]?.start ?? '') > (meetings[1]?.start ?? ''), 'newest first');
    const seedId = (store.meetings().find((m) => m.base_path.endsWith('2018-03-07-22.00')) ?? { id: 0 }).id;
    const one = await api(`/api/meetings/${seedId}`);
    assert.equal(one.status, 200);
    const m = one.json.meeting as { name: string; minutes: string };
    assert.equal(m.name, '2018_03_07_discussion');
    assert.equal(m.minutes, 'opencontainers/2018/opencontainers.2018-03-07-22.00.html');
    const items = one.json.items as { kind: string; text: string }[];
    assert.ok(items.some((i) => i.kind === 'topic' && i.text === 'VM containers'));
    assert.equal((await api('/api/meetings/999999')).status, 404);
    assert.equal((await api('/api/nothing')).status, 404);
  });

  it('runs as a command on a loopback port and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--site', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m?.[1] !== undefined) ok(m[1]);
      });
      child.on('exit', (code) => fail(new Error(`gavel serve exited with ${code}: ${out}`)));
    });
    const res = await fetch(new URL('api/search?q=VM&kind=topic', url));
    assert.equal(res.status, 200);
    const code = await new Promise<number | null>((ok) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => ok(c));
      child.kill('SIGTERM');
    });
    assert.equal(code, 0);
  });
});

describe('gavel serve from a folder under a dot-directory', () => {
  it('serves the site; only dot files inside the site are private', async () => {
    requireShared();
    const dir = join(tempDir(), '.local', 'share', 'gavel');
    const db = join(dir, 'g.sqlite');
    assert.equal((await runCli(['import', join(CORPUS, '2018'), '--db', db])).code, 0);
    assert.equal((await runCli(['site', '--db', db, '--out', join(dir, 'site')])).code, 0);
    const store = Store.open(db, { readonly: true });
    const srv = await startServer({ store, siteDir: join(dir, 'site'), host: '127.0.0.1', port: 0 });
    try {
      assert.equal((await fetch(new URL('/index.html', srv.url))).status, 200);
      assert.equal((await fetch(new URL('/.gavel-site.json', srv.url))).status, 404);
    } finally {
      await srv.close();
      store.close();
    }
  });
});
