// The keys of gavel.yaml, their types, limits and defaults.
import { OUTPUT_FORMATS } from '../core/config.js';
import { DEFAULT_FILE_PATTERN, PathPatternError, validateFilePattern } from '../core/names.js';
import { isValidZone } from '../core/time.js';
import { LOG_LEVELS } from '../log.js';
import type { Field, StringCheck } from './schema.js';

const check = (expected: string, test: (v: string) => boolean | string): StringCheck => ({ expected, test });

export const CHANNEL_NAME = check('a channel name in quotes, such as "#meetings"', (v) => /^[#&][^\s,:\x07\0]{1,199}$/.test(v));
const NICK = check('an IRC nick (letters, digits, -[]\\`^{|}_, not starting with a digit or -, at most 30)', (v) =>
  /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,29}$/.test(v),
);
const NON_EMPTY = check('a non-empty string', (v) => v.trim() !== '');
const HOST = check('a host name or address', (v) => /^[^\s/]+$/.test(v));
const USERNAME = check('a user name without spaces, @, ! or :', (v) => /^[^\s@!:]{1,32}$/.test(v));
const PATH = check('a file or folder path', (v) => v.trim() !== '' && !v.includes('\0'));
export const URL_PREFIX = check('an http:// or https:// URL, or "" for relative links', (v) => v === '' || /^https?:\/\/[^\s]+$/.test(v));
const INFO_URL = check('an http:// or https:// URL, or "" for none', (v) => v === '' || /^https?:\/\/[^\s]+$/.test(v));
const ZONE = check('an IANA time zone such as Europe/Berlin', (v) => isValidZone(v));
const FILE_PATTERN = check('a file name pattern', (v) => {
  try {
    validateFilePattern(v);
    return true;
  } catch (e) {
    if (e instanceof PathPatternError) return e.message;
    throw e;
  }
});

const str = (c: StringCheck, extra: { required?: boolean; default?: string } = {}): Field => ({ type: 'string', check: c, ...extra });

/** Output settings a channel may override. */
const OUTPUT_OVERRIDABLE = {
  dir: str(PATH),
  urlPrefix: str(URL_PREFIX),
  timezone: str(ZONE),
} as const;

const MEETING_FIELDS = {
  admins: { type: 'list', item: str(NON_EMPTY) },
  meetingLengthMinutes: { type: 'number', min: 0.05, max: 10_080 },
  idleMinutes: { type: 'number', min: 0, max: 10_080 },
  wording: { type: 'enum', values: ['gavel', 'meetbot'] },
  filePattern: str(FILE_PATTERN),
  formats: { type: 'list', item: { type: 'enum', values: OUTPUT_FORMATS }, minItems: 1 },
  infoUrl: str(INFO_URL),
} as const satisfies Record<string, Field>;

export const GAVEL_SCHEMA: Field = {
  type: 'object',
  fields: {
    irc: {
      type: 'object',
      required: true,
      fields: {
        host: str(HOST, { required: true }),
        port: { type: 'int', min: 1, max: 65_535 },
        tls: { type: 'bool', default: true },
        tlsInsecure: { type: 'bool', default: false },
        nick: str(NICK, { required: true }),
        username: str(USERNAME),
        realname: str(NON_EMPTY),
        network: str(NON_EMPTY),
        sasl: {
          type: 'object',
          orFalse: true,
          fields: { account: str(NON_EMPTY, { required: true }), password: str(NON_EMPTY) },
        },
        channels: { type: 'list', item: str(CHANNEL_NAME), minItems: 1, required: true },
        rateLimit: {
          type: 'object',
          orFalse: true,
          fields: {
            burst: { type: 'int', min: 1, max: 1000, default: 5 },
            linesPerSecond: { type: 'number', min: 0.01, max: 1000, default: 1 },
          },
        },
      },
    },
    storage: { type: 'object', fields: { db: str(PATH, { default: 'data/gavel.sqlite' }) } },
    output: {
      type: 'object',
      fields: {
        dir: str(PATH, { default: 'data/meetings' }),
        urlPrefix: str(URL_PREFIX, { default: '' }),
        timezone: str(ZONE, { default: 'UTC' }),
        site: str(PATH),
      },
    },
    meeting: {
      type: 'object',
      fields: {
        admins: { ...MEETING_FIELDS.admins, default: [] },
        meetingLengthMinutes: { ...MEETING_FIELDS.meetingLengthMinutes, default: 60 },
        idleMinutes: { ...MEETING_FIELDS.idleMinutes, default: 120 },
        wording: { ...MEETING_FIELDS.wording, default: 'gavel' },
        filePattern: str(FILE_PATTERN, { default: DEFAULT_FILE_PATTERN }),
        formats: { ...MEETING_FIELDS.formats, default: [...OUTPUT_FORMATS] },
        infoUrl: str(INFO_URL, { default: '' }),
      },
    },
    channels: {
      type: 'map',
      key: CHANNEL_NAME,
      value: { type: 'object', fields: { ...OUTPUT_OVERRIDABLE, ...MEETING_FIELDS } },
    },
    log: { type: 'object', fields: { level: { type: 'enum', values: LOG_LEVELS, default: 'info' } } },
  },
};
