// The site in a real headless Chromium (Debian's, driven by playwright-core): navigation, log anchors, search page, screenshots.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../src/web/server.js';
import { buildSite } from '../src/web/site.js';
import { Store } from '../src/store/store.js';
import { runCli, tempDir } from './support/cli.js';
import { CORPUS, requireShared } from './support/paths.js';
import { corpusMeetings } from './support/site.js';

const CHROMIUM = '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.atom': 'application/atom+xml', '.txt': 'text/plain; charset=utf-8' };

/** Console errors and uncaught exceptions of a page, collected while a test uses it. */
function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/**
 * A static file server for the site on loopback, with an optional stand-in for `gavel serve`'s
 * api/search (the real server replaces it once it exists; the page's contract is the same JSON).
 */
function serveSite(dir: string, api?: (url: URL) => unknown): Promise<{ server: Server; base: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (api !== undefined && url.pathname === '/api/search') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(api(url)));
      return;
    }
    const file = resolve(root, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><title>404</title>');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

describe('the site in Chromium', () => {
  let dir = '';
  let artifacts = '';
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let dark: BrowserContext;
  const servers: Server[] = [];
  const fileUrl = (rel: string): string => pathToFileURL(join(dir, rel)).href;

  before(async () => {
    requireShared();
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: the browser test needs Debian's Chromium. Install it with: apt-get install -y chromium`);
    }
    dir = tempDir('gavel-site-browser-');
    buildSite(corpusMeetings(), dir, { urlPrefix: '', generatedAt: Date.UTC(2024, 0, 1) });
    artifacts = process.env.GAVEL_ARTIFACTS ?? tempDir('gavel-artifacts-');
    mkdirSync(artifacts, { recursive: true });
    process.stdout.write(`# screenshots of the site are saved in ${artifacts}\n`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] });
    desktop = await browser.newContext({ viewport: DESKTOP });
    phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    dark = await browser.newContext({ viewport: DESKTOP, colorScheme: 'dark' });
  });

  after(async () => {
    for (const s of servers) s.close();
    await browser?.close();
  });

  async function shoot(url: string, name: string): Promise<void> {
    for (const [ctx, width] of [[desktop, 'desktop'], [phone, 'phone'], [dark, 'desktop-dark']] as const) {
      const page = await ctx.newPage();
      const errors = watch(page);
      await page.goto(url);
      // Responsive: nothing wider than the screen, on a phone too.
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert.ok(overflow <= 0, `${name} (${width}) scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true });
      assert.deepEqual(errors, [], `${name} (${width})`);
      await page.close();
    }
  }

  async function shootPage(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(artifacts, `${name}-desktop.png`), fullPage: true });
  }

  it('reaches the 2018-03-07 meeting from the home page through the channel index, and an item’s time opens its log line', async () => {
    const page = await desktop.newPage();
    const errors = watch(page);
    await page.goto(fileUrl('index.html'));
    assert.equal(await page.title(), 'Meeting minutes');
    await page.getByRole('link', { name: '#opencontainers', exact: true }).click();
    assert.match(page.url(), /\/opencontainers\/index\.html$/);
    assert.equal(await page.locator('h1').textContent(), '#opencontainers');
    assert.deepEqual(errors, [], 'channel index');
    await page.locator('li.meeting a.meeting-title', { hasText: '2018-03-07 discussion' }).click();
    assert.match(page.url(), /\/opencontainers\/2018\/opencontainers\.2018-03-07-22\.00\.html$/);
    assert.equal(await page.locator('h1').textContent(), '#opencontainers: 2018-03-07 discussion');
    assert.deepEqual(errors, [], 'minutes');
    const topic = page.locator('section.topic', { has: page.locator('h3', { hasText: 'VM containers' }) });
    const time = topic.locator('.topic-head a[href*=".log.html#l-"]');
    const href = (await time.getAttribute('href')) ?? '';
    const line = /#(l-\d+)$/.exec(href)?.[1];
    assert.ok(line !== undefined, href);
    await time.click();
    assert.match(page.url(), new RegExp(`opencontainers\\.2018-03-07-22\\.00\\.log\\.html#${line}$`));
    assert.equal(await page.evaluate<string | undefined>("document.querySelector(':target')?.id"), line, 'the anchored line is the target');
    assert.match((await page.locator(`#${line}`).textContent()) ?? '', /#topic VM containers/);
    assert.ok(await page.locator(`#${line}`).isVisible());
    assert.deepEqual(errors, [], 'log');
    // The channel's stable "latest" address lands on the same meeting, from disk too.
    await page.goto(fileUrl('opencontainers/latest.html'));
    await page.waitForURL(/opencontainers\.2018-03-07-22\.00\.html$/);
    assert.deepEqual(errors, [], 'latest');
    await page.close();
  });

  it('takes screenshots of the home, minutes and search pages at desktop and phone width (and dark), with no console error', async () => {
    await shoot(fileUrl('index.html'), 'home');
    await shoot(fileUrl('opencontainers/2018/opencontainers.2018-03-07-22.00.html'), 'minutes');
    await shoot(fileUrl('search.html'), 'search');
    await shoot(fileUrl('opencontainers/index.html'), 'channel');
  });

  it('says how to enable search when the site is opened from disk', async () => {
    const page = await desktop.newPage();
    const errors = watch(page);
    await page.goto(`${fileUrl('search.html')}?q=VM+containers`);
    assert.ok(await page.locator('#search-offline').isVisible());
    assert.match((await page.locator('#search-offline').textContent()) ?? '', /gavel serve/);
    assert.equal(await page.locator('#q').inputValue(), 'VM containers', 'the query stays in the box');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('says how to enable search when a plain web server has no search API', async () => {
    const { server, base } = await serveSite(dir);
    servers.push(server);
    const page = await desktop.newPage();
    const errors = watch(page);
    await page.goto(`${base}search.html?q=VM`);
    await page.locator('#search-offline').waitFor({ state: 'visible' });
    assert.ok(await page.locator('#results').isHidden());
    // The one expected error: the browser reports the API's 404 itself.
    assert.deepEqual(errors.filter((e) => !/Failed to load resource: .* 404/.test(e)), []);
    await page.close();
  });

  it('shows search results from the API as text, with the query’s words highlighted', async () => {
    const evil = '<img src=x onerror=alert(1)> VM containers';
    const { server, base } = await serveSite(dir, (url) => ({
      hits: [
        { meetingId: 56, channel: '#opencontainers', name: '2018-03-07 discussion', time: Date.UTC(2018, 2, 7, 22, 21), kind: 'topic', nick: 'wking', text: 'VM containers', url: 'opencontainers/2018/opencontainers.2018-03-07-22.00.log.html#l-35' },
        {
          meetingId: 9, channel: '#x', name: 'evil', time: '2018-03-07T22:21:00Z', kind: 'line', nick: '<b>n</b>', text: evil, url: 'javascript:alert(3)',
          snippet: [{ text: '<img src=x onerror=alert(1)> ' }, { text: 'VM', mark: true }, { text: ' ' }, { text: 'containers', mark: true }, { text: '<img src=x onerror=alert(2)>' }],
        },
      ],
      more: false, offset: 0, limit: 20, query: url.searchParams.get('q'),
    }));
    servers.push(server);
    const page = await desktop.newPage();
    const errors = watch(page);
    await page.goto(`${base}search.html?q=VM+containers`);
    await page.locator('#hits li').nth(1).waitFor();
    assert.ok(await page.locator('#search-offline').isHidden());
    assert.match((await page.locator('#results-summary').textContent()) ?? '', /Results 1–2 for “VM containers”/);
    assert.deepEqual(await page.locator('#hits li').first().locator('mark').allTextContents(), ['VM', 'containers']);
    assert.deepEqual(await page.locator('#hits li').nth(1).locator('mark').allTextContents(), ['VM', 'containers']);
    assert.equal(await page.locator('#hits img, #hits b, #hits script').count(), 0, 'no element from the server’s text');
    assert.match((await page.locator('#hits li').nth(1).textContent()) ?? '', /<img src=x onerror=alert\(1\)> VM containers<img src=x onerror=alert\(2\)>/);
    assert.equal(await page.locator('#hits li').nth(1).locator('a').count(), 0, 'a javascript: url is not a link');
    assert.deepEqual(errors, []);
    await page.locator('#hits li').first().locator('a').click();
    assert.match(page.url(), /opencontainers\.2018-03-07-22\.00\.log\.html#l-35$/);
    assert.match((await page.locator(':target').textContent()) ?? '', /VM containers/);
    await page.close();
  });
  it('searches through gavel serve for "VM containers" and lands on that topic in the log', async () => {
    const db = join(tempDir('gavel-site-db-'), 'oci.sqlite');
    const imported = await runCli(['import', CORPUS, '--db', db]);
    assert.equal(imported.code, 0, imported.stderr);
    const store = Store.open(db, { readonly: true });
    const running = await startServer({ store, siteDir: dir, host: '127.0.0.1', port: 0 });
    try {
      const page = await desktop.newPage();
      const errors = watch(page);
      await page.goto(`${running.url}search.html`);
      assert.ok(await page.locator('#search-offline').isHidden(), 'the served page finds its API');
      await page.locator('#q').fill('VM containers');
      await page.locator('#q').press('Enter');
      await page.waitForURL(/search\.html\?q=VM\+containers/);
      const first = page.locator('#hits li').first();
      await first.waitFor();
      assert.match((await first.textContent()) ?? '', /topic/);
      assert.deepEqual(await first.locator('mark').allTextContents(), ['VM', 'containers']);
      await first.locator('a').click();
      await page.waitForURL(/opencontainers\.2018-03-07-22\.00\.log\.html#l-35$/);
      assert.match((await page.locator(':target').textContent()) ?? '', /#topic VM containers/);
      await page.goto(`${running.url}search.html`);
      await shootPage(page, 'search-served');
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await running.close();
      store.close();
    }
  });
});
