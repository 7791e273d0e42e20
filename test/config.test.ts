// gavel.yaml: the example loads and documents every key, defaults, per-channel settings, and exact messages for bad configs.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { channelMeetingConfig, channelOutput } from '../src/config/channel.js';
import { GAVEL_SCHEMA } from '../src/config/gavel-schema.js';
import { ConfigError, loadConfig, parseConfig } from '../src/config/load.js';
import { keyPaths, suggest } from '../src/config/schema.js';
import { MEETBOT_TEXTS, GAVEL_TEXTS } from '../src/core/config.js';
import { DEFAULT_FILE_PATTERN } from '../src/core/names.js';
import { tempDir } from './support/cli.js';
import { ROOT } from './support/paths.js';

const EXAMPLE = join(ROOT, 'config', 'gavel.example.yaml');
const MINIMAL = 'irc:\n  host: irc.example.org\n  nick: gavel\n  channels: ["#meetings"]\n';

/** The key paths present in a parsed YAML value, map keys under `channels` as `*`. */
function pathsIn(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = path === 'channels' ? `${path}.*` : path === '' ? k : `${path}.${k}`;
    return [p, ...pathsIn(v, p)];
  });
}

function problems(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(yaml, '/etc/gavel/gavel.yaml', env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('config/gavel.example.yaml', () => {
  it('loads, with paths taken from the config folder', () => {
    const cfg = loadConfig(EXAMPLE, {});
    assert.equal(cfg.file, EXAMPLE);
    assert.equal(cfg.irc.port, 6697);
    assert.deepEqual(cfg.irc.channels, ['#meetings', '#team']);
    assert.deepEqual(cfg.irc.sasl, { account: 'gavel', password: 'change-me' });
    assert.deepEqual(cfg.irc.rateLimit, { burst: 5, linesPerSecond: 1 });
    assert.equal(cfg.storage.db, join(ROOT, 'config', 'data', 'gavel.sqlite'));
    assert.equal(cfg.output.site, join(ROOT, 'config', 'data', 'site'));
    assert.equal(cfg.channels['#team']?.dir, join(ROOT, 'config', 'data', 'team-meetings'));
  });

  it('shows every key the validator knows', () => {
    const shown = new Set(pathsIn(parse(readFileSync(EXAMPLE, 'utf8'))));
    const missing = keyPaths(GAVEL_SCHEMA).filter((k) => !shown.has(k));
    assert.deepEqual(missing, []);
  });

  it('comments every top-level section and every irc key', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    for (const key of ['host', 'port', 'tls', 'tlsInsecure', 'nick', 'username', 'realname', 'network', 'sasl', 'channels', 'rateLimit']) {
      assert.match(text, new RegExp(`^  ${key}:.*#`, 'm'), `irc.${key} has a comment`);
    }
  });
});

describe('parseConfig', () => {
  it('fills in the defaults around the three required keys', () => {
    const cfg = parseConfig(MINIMAL, '/etc/gavel/gavel.yaml', {});
    assert.deepEqual(cfg.irc, {
      host: 'irc.example.org',
      port: 6697,
      tls: true,
      tlsInsecure: false,
      nick: 'gavel',
      channels: ['#meetings'],
      rateLimit: { burst: 5, linesPerSecond: 1 },
      network: 'irc.example.org',
    });
    assert.deepEqual(cfg.storage, { db: '/etc/gavel/data/gavel.sqlite' });
    assert.deepEqual(cfg.output, { dir: '/etc/gavel/data/meetings', urlPrefix: '', timezone: 'UTC' });
    assert.deepEqual(cfg.meeting, { admins: [], meetingLengthMinutes: 60, idleMinutes: 120, wording: 'gavel', filePattern: DEFAULT_FILE_PATTERN, formats: ['log.txt', 'log.html', 'html', 'txt', 'md', 'json'], infoUrl: '' });
    assert.deepEqual(cfg.channels, {});
    assert.deepEqual(cfg.log, { level: 'info' });
  });

  it('uses port 6667 without TLS, no limit with rateLimit: false, and absolute paths as given', () => {
    const cfg = parseConfig(`${MINIMAL}  tls: false\n  rateLimit: false\n  sasl: false\nstorage:\n  db: /var/lib/gavel/db.sqlite\n`, '/etc/gavel/gavel.yaml', {});
    assert.equal(cfg.irc.port, 6667);
    assert.equal(cfg.irc.rateLimit, null);
    assert.equal(cfg.irc.sasl, undefined);
    assert.equal(cfg.storage.db, '/var/lib/gavel/db.sqlite');
  });

  it('takes the SASL password from GAVEL_SASL_PASSWORD, before the file', () => {
    const yaml = `${MINIMAL}  sasl: { account: gavel }\n`;
    assert.deepEqual(parseConfig(yaml, 'g.yaml', { GAVEL_SASL_PASSWORD: 'from-env' }).irc.sasl, { account: 'gavel', password: 'from-env' });
    const both = `${MINIMAL}  sasl: { account: gavel, password: from-file }\n`;
    assert.equal(parseConfig(both, 'g.yaml', { GAVEL_SASL_PASSWORD: 'from-env' }).irc.sasl?.password, 'from-env');
    assert.equal(parseConfig(both, 'g.yaml', {}).irc.sasl?.password, 'from-file');
  });

  const bad: [string, string, string[]][] = [
    ['a port that is not a number', `${MINIMAL}  port: abc\n`, ['irc.port: expected an integer 1-65535, got "abc"']],
    ['a port out of range', `${MINIMAL}  port: 70000\n`, ['irc.port: expected an integer 1-65535, got 70000']],
    ['a misspelt key', `${MINIMAL}  prot: 6667\n`, ['irc.prot: unknown key; did you mean port?']],
    ['an unknown key with nothing near', `${MINIMAL}  colour: blue\n`, ['irc.colour: unknown key; known keys: host, port, tls, tlsInsecure, nick, username, realname, network, sasl, channels, rateLimit']],
    ['an unknown section', `${MINIMAL}outptu:\n  dir: x\n`, ['outptu: unknown key; did you mean output?']],
    ['no irc section', 'log:\n  level: info\n', ['irc: missing; expected a mapping']],
    ['no host or nick', 'irc:\n  channels: ["#m"]\n', ['irc.host: missing; expected a host name or address', 'irc.nick: missing; expected an IRC nick (letters, digits, -[]\\`^{|}_, not starting with a digit or -, at most 30)']],
    ['an unquoted channel in a list (a YAML comment)', 'irc:\n  host: h\n  nick: gavel\n  channels:\n    - #meetings\n', ['irc.channels[0]: expected a channel name in quotes, such as "#meetings", got nothing']],
    [
      'an unquoted channel in brackets',
      'irc:\n  host: h\n  nick: gavel\n  channels: [#meetings]\n',
      [
        'YAML error: Comments must be separated from other tokens by white space characters at line 4, column 14',
        'YAML error: Flow sequence in block collection must be sufficiently indented and end with a ] at line 5, column 1',
        'line 4 has a # outside quotes, which starts a YAML comment: channel names must be quoted, e.g. channels: ["#meetings"]',
      ],
    ],
    [
      'an unquoted channel after a quoted one',
      'irc:\n  host: h\n  nick: gavel\n  channels: ["#meetings", #team, &local]\n',
      [
        'YAML error: Flow sequence in block collection must be sufficiently indented and end with a ] at line 5, column 1',
        'line 4 has a # outside quotes, which starts a YAML comment: channel names must be quoted, e.g. channels: ["#meetings", "#team", "&local"]',
      ],
    ],
    ['a channel without #', 'irc:\n  host: h\n  nick: gavel\n  channels: [meetings]\n', ['irc.channels[0]: expected a channel name in quotes, such as "#meetings", got "meetings"']],
    ['no channels', 'irc:\n  host: h\n  nick: gavel\n  channels: []\n', ['irc.channels: expected at least 1 item, got an empty list']],
    ['a channel twice', 'irc:\n  host: h\n  nick: gavel\n  channels: ["#m", "#M"]\n', ['irc.channels[1]: "#M" is listed twice']],
    ['a nick starting with a digit', 'irc:\n  host: h\n  nick: 9lives\n  channels: ["#m"]\n', ['irc.nick: expected an IRC nick (letters, digits, -[]\\`^{|}_, not starting with a digit or -, at most 30), got "9lives"']],
    ['tls as a string', `${MINIMAL}  tls: "yes"\n`, ['irc.tls: expected true or false, got "yes"']],
    ['a SASL account without password', `${MINIMAL}  sasl: { account: gavel }\n`, ['irc.sasl.password: missing; expected a non-empty string, or the GAVEL_SASL_PASSWORD environment variable']],
    ['SASL as a list', `${MINIMAL}  sasl: [gavel]\n`, ['irc.sasl: expected a mapping, or false, got a list']],
    ['a rate of zero', `${MINIMAL}  rateLimit: { linesPerSecond: 0 }\n`, ['irc.rateLimit.linesPerSecond: expected a number 0.01-1000, got 0']],
    ['an unknown time zone', `${MINIMAL}output:\n  timezone: Mars/Olympus\n`, ['output.timezone: expected an IANA time zone such as Europe/Berlin, got "Mars/Olympus"']],
    ['an information URL that is not a web address', `${MINIMAL}meeting:\n  infoUrl: javascript:alert(1)\n`, ['meeting.infoUrl: expected an http:// or https:// URL, or "" for none, got "javascript:alert(1)"']],
    ['a URL prefix without scheme', `${MINIMAL}output:\n  urlPrefix: meetings.example.org\n`, ['output.urlPrefix: expected an http:// or https:// URL, or "" for relative links, got "meetings.example.org"']],
    ['a wording that does not exist', `${MINIMAL}meeting:\n  wording: supybot\n`, ['meeting.wording: expected one of gavel, meetbot, got "supybot"']],
    ['a negative idle time', `${MINIMAL}meeting:\n  idleMinutes: -1\n`, ['meeting.idleMinutes: expected a number 0-10080, got -1']],
    ['a zero meeting length', `${MINIMAL}meeting:\n  meetingLengthMinutes: 0\n`, ['meeting.meetingLengthMinutes: expected a number 0.05-10080, got 0']],
    ['an unknown output format', `${MINIMAL}meeting:\n  formats: [html, pdf]\n`, ['meeting.formats[1]: expected one of log.txt, log.html, html, txt, md, json, got "pdf"']],
    ['admins as a string', `${MINIMAL}meeting:\n  admins: alice\n`, ['meeting.admins: expected a list, got "alice"']],
    ['a file pattern leaving the folder', `${MINIMAL}meeting:\n  filePattern: "../{channel}"\n`, ["meeting.filePattern: file pattern has an empty, '.' or '..' path segment: ../{channel}"]],
    ['a file pattern with an unknown variable', `${MINIMAL}meeting:\n  filePattern: "{chanel}/x"\n`, ['meeting.filePattern: file pattern uses unknown variable {chanel}; known: channel, network, meetingname, YYYY, MM, DD, HH, mm, ss']],
    ['overrides for a channel not joined', `${MINIMAL}channels:\n  "#other": { timezone: UTC }\n`, ['channels.#other: not one of irc.channels (#meetings); Gavel only joins those']],
    ['a bad override', `${MINIMAL}channels:\n  "#meetings": { timezone: Nowhere, site: x }\n`, ['channels.#meetings.site: unknown key; known keys: dir, urlPrefix, timezone, admins, meetingLengthMinutes, idleMinutes, wording, filePattern, formats, infoUrl', 'channels.#meetings.timezone: expected an IANA time zone such as Europe/Berlin, got "Nowhere"']],
    ['a log level that does not exist', `${MINIMAL}log:\n  level: verbose\n`, ['log.level: expected one of debug, info, warn, error, got "verbose"']],
    ['a duplicate key', `${MINIMAL}  nick: other\n`, ['YAML error: Map keys must be unique at line 5, column 3']],
    ['a list at the top', '- irc\n', ['expected a mapping of settings (irc:, storage:, …) at the top level, got something else']],
    ['an empty file', '', ['expected a mapping of settings (irc:, storage:, …) at the top level, got an empty file']],
  ];
  for (const [what, yaml, expected] of bad) {
    it(`rejects ${what}`, () => assert.deepEqual(problems(yaml), expected));
  }

  it('reports every problem at once, in one error naming the file', () => {
    assert.throws(() => parseConfig(`${MINIMAL}  port: x\nlog:\n  level: loud\n`, '/etc/gavel/gavel.yaml', {}), {
      name: 'ConfigError',
      message: '/etc/gavel/gavel.yaml:\n  irc.port: expected an integer 1-65535, got "x"\n  log.level: expected one of debug, info, warn, error, got "loud"',
    });
    assert.throws(() => parseConfig(`${MINIMAL}  port: x\n`, 'gavel.yaml', {}), { message: 'gavel.yaml: irc.port: expected an integer 1-65535, got "x"' });
  });
});

describe('loadConfig', () => {
  it('names the file it cannot read, keeping the cause', () => {
    const file = join(tempDir(), 'missing.yaml');
    try {
      loadConfig(file, {});
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.message, `${file}: cannot read the config file (ENOENT)`);
      assert.equal((e.cause as { code?: string }).code, 'ENOENT');
    }
  });

  it('reads a file and resolves paths next to it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'gavel.yaml'), `${MINIMAL}output:\n  dir: minutes\n`);
    assert.equal(loadConfig(join(dir, 'gavel.yaml'), {}).output.dir, join(dir, 'minutes'));
  });
});

describe('channelMeetingConfig and channelOutput', () => {
  const cfg = loadConfig(EXAMPLE, {});

  it('gives a channel without overrides the global settings', () => {
    const m = channelMeetingConfig(cfg, '#meetings');
    assert.equal(m.channel, '#meetings');
    assert.equal(m.botNick, 'gavel');
    assert.equal(m.network, 'example');
    assert.equal(m.timezone, 'UTC');
    assert.equal(m.urlPrefix, 'https://meetings.example.org/');
    assert.deepEqual(m.admins, ['alice']);
    assert.equal(m.texts, GAVEL_TEXTS);
    assert.equal(m.live, true);
    assert.equal(channelOutput(cfg, '#meetings').dir, join(ROOT, 'config', 'data', 'meetings'));
  });

  it("applies a channel's overrides, matching its name ignoring case", () => {
    const m = channelMeetingConfig(cfg, '#Team');
    assert.equal(m.timezone, 'Europe/Berlin');
    assert.equal(m.urlPrefix, 'https://team.example.org/minutes/');
    assert.deepEqual(m.admins, ['bob', 'carol']);
    assert.equal(m.meetingLengthMinutes, 30);
    assert.equal(m.idleMinutes, 60);
    assert.deepEqual(m.texts, { ...MEETBOT_TEXTS, infoUrl: 'https://team.example.org/gavel' }, 'MeetBot wording with the channel\'s own information URL');
    assert.equal(m.filePattern, '{channel}/{YYYY}/{meetingname}.{YYYY}-{MM}-{DD}-{HH}.{mm}');
    assert.deepEqual(channelOutput(cfg, '#team'), {
      dir: join(ROOT, 'config', 'data', 'team-meetings'),
      urlPrefix: 'https://team.example.org/minutes/',
      timezone: 'Europe/Berlin',
      site: join(ROOT, 'config', 'data', 'site'),
    });
  });
});

describe('suggest', () => {
  it('proposes the nearest known key for a typo only', () => {
    assert.equal(suggest('chanels', ['channels', 'nick']), 'channels');
    assert.equal(suggest('TLS', ['tls', 'port']), 'tls');
    assert.equal(suggest('zzz', ['channels', 'nick']), undefined);
  });
});

describe('config/gavel.service', () => {
  const unit = readFileSync(join(ROOT, 'config', 'gavel.service'), 'utf8');
  it('runs gavel with the system config, restarts on failure and stops with SIGTERM', () => {
    for (const line of [
      'ExecStart=/usr/bin/node dist/src/cli/bin.js run --config /etc/gavel/gavel.yaml',
      'Restart=on-failure',
      'KillSignal=SIGTERM',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'User=gavel',
    ]) {
      assert.ok(unit.split('\n').includes(line), `missing: ${line}`);
    }
  });
});
