// The structured logger: one JSON object a line, levels, child fields, errors with their causes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../src/log.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const log = createLogger({ stream: { write: (s: string) => lines.push(s) }, clock: () => Date.UTC(2024, 0, 15, 12), ...(level ? { level } : {}) });
  return { log, lines, objects: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object a line with time, level, msg and fields', () => {
    const c = capture();
    c.log.info('joined', { channel: '#meet', n: 2 });
    assert.equal(c.lines.length, 1);
    assert.ok(c.lines[0]?.endsWith('}\n') && !c.lines[0].slice(0, -1).includes('\n'));
    assert.deepEqual(c.objects()[0], { time: '2024-01-15T12:00:00.000Z', level: 'info', msg: 'joined', channel: '#meet', n: 2 });
  });

  it('drops lines below the level (info by default)', () => {
    const c = capture();
    c.log.debug('hidden');
    c.log.warn('shown');
    assert.deepEqual(c.objects().map((o) => o.level), ['warn']);
    const d = capture('debug');
    d.log.debug('now shown');
    assert.equal(d.lines.length, 1);
    const e = capture('error');
    e.log.warn('hidden');
    e.log.error('shown');
    assert.deepEqual(e.objects().map((o) => o.msg), ['shown']);
  });

  it('adds a child logger’s fields to every line and keeps the fixed keys', () => {
    const c = capture();
    c.log.child({ component: 'irc' }).warn('x', { msg: 'field named msg', level: 'field named level' });
    assert.deepEqual(c.objects()[0], { time: '2024-01-15T12:00:00.000Z', level: 'warn', msg: 'x', component: 'irc', _msg: 'field named msg', _level: 'field named level' });
  });

  it('writes errors with their message, code and cause', () => {
    const c = capture();
    const cause = Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
    c.log.error('write failed', { error: new Error('could not write minutes', { cause }) });
    assert.deepEqual(c.objects()[0]?.error, { name: 'Error', message: 'could not write minutes', cause: { name: 'Error', message: 'ENOSPC: no space left', code: 'ENOSPC' } });
  });

  it('survives fields JSON cannot write', () => {
    const c = capture();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    c.log.info('odd', { loop, big: 10n });
    assert.match(String(c.objects()[0]?.logError), /unserialisable/);
  });
});
