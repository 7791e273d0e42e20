// Formatting instants in a meeting's time zone; the core is handed every instant, it never asks the clock.
import { createRequire } from 'node:module';
import type { DateTime } from 'luxon';

// Luxon (and through it Intl, whose first use costs a short replay a tenth of its time) is used only
// for what needs the zone database: offsets and names of zones other than UTC, and instants outside
// years 1000–9999. Everything else is plain arithmetic and English names, byte for byte as luxon prints
// them (test/time.test.ts compares the two). So luxon is loaded on first need, not with the core:
// `gavel --help` and a replay in UTC never load it.
type Luxon = typeof import('luxon');
let luxon: Luxon | undefined;

function lx(): Luxon {
  luxon ??= createRequire(import.meta.url)('luxon') as Luxon;
  return luxon;
}

export function inZone(time: number, zone: string): DateTime {
  return lx().DateTime.fromMillis(time, { zone });
}

export function isValidZone(zone: string): boolean {
  return zone === 'UTC' || lx().IANAZone.isValidZone(zone);
}

const DAY = 86_400_000;
/** 1000-01-01 and 10000-01-01 UTC: four-digit years, the range the fast paths print. */
const FAST_FROM = -30_610_224_000_000;
const FAST_TO = 253_402_300_800_000;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const TWO: readonly string[] = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** The wall clock in a zone with a fixed-per-instant offset, read from a UTC Date shifted by it. */
interface Wall {
  readonly y: number;
  /** 1–12 */
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
  /** 0 = Sunday */
  readonly wd: number;
}

/** The wall clock, or undefined where luxon must decide (zones other than UTC, years outside 1000–9999). */
function utcWall(time: number, zone: string): Wall | undefined {
  if (zone !== 'UTC' || !(time >= FAST_FROM && time < FAST_TO)) return undefined;
  const d = new Date(time);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay(),
  };
}

/** C's asctime(): `Wed Mar  7 22:00:26 2018`, the day padded with a space. */
export function asctime(time: number, zone: string): string {
  const w = utcWall(time, zone);
  if (w !== undefined) {
    const day = w.d < 10 ? ` ${w.d}` : String(w.d);
    return `${WEEKDAYS[w.wd]?.slice(0, 3)} ${MONTHS[w.mo - 1]?.slice(0, 3)} ${day} ${TWO[w.h]}:${TWO[w.mi]}:${TWO[w.s]} ${w.y}`;
  }
  const d = inZone(time, zone).setLocale('en-US');
  const day = String(d.day).padStart(2, ' ');
  return `${d.toFormat('ccc LLL')} ${day} ${d.toFormat('HH:mm:ss yyyy')}`;
}

// Zone offsets memoised per quarter hour: formatting 20,000 log lines must not build 20,000 DateTimes.
const QUARTER = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC, in milliseconds, at that instant. */
export function offsetAt(time: number, zone: string): number {
  if (zone === 'UTC') return 0;
  let byBucket = offsets.get(zone);
  if (byBucket === undefined) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  const bucket = Math.floor(time / QUARTER);
  let off = byBucket.get(bucket);
  if (off === undefined) {
    off = inZone(bucket * QUARTER, zone).offset * 60_000;
    byBucket.set(bucket, off);
  }
  return off;
}

// `HH:MM:` for each minute of the day, so a clock is one concatenation. (A cache of every second's
// string held 20,000 strings and a 700 KB table in the old generation, enough to bring on a full
// collection in a long meeting.)
let minutes: string[] | undefined;

function clock(secondOfDay: number): string {
  minutes ??= Array.from({ length: 1440 }, (_, i) => `${TWO[Math.floor(i / 60)]}:${TWO[i % 60]}:`);
  return `${minutes[Math.floor(secondOfDay / 60)]}${TWO[secondOfDay % 60]}`;
}

/** Whole seconds since the day began, for an instant given in milliseconds (floored, as Date does). */
function secondOfDay(ms: number): number {
  return Math.floor((ms - Math.floor(ms / DAY) * DAY) / 1000);
}

/** The largest instant a Date holds, in milliseconds either side of 1970. */
const DATE_LIMIT = 8.64e15;

export function hms(time: number, zone: string): string {
  // As `new Date(time + offset)` reads it: truncated to whole milliseconds, NaN beyond a Date's range.
  const local = Math.trunc(time + offsetAt(time, zone));
  if (!(Math.abs(local) <= DATE_LIMIT)) return 'NaN:NaN:NaN';
  return clock(secondOfDay(local));
}

/** A wall-clock time in the zone to an instant (the earlier one where a clock change repeats an hour). */
export function fromLocal(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone === 'UTC') return asUtc;
  const guess = asUtc - offsetAt(asUtc, zone);
  return asUtc - offsetAt(guess, zone);
}

/** The zone's short name at that instant (`UTC`, `EST`, `CET`, or an offset where none is known). */
export function zoneAbbrev(time: number, zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const d = inZone(time, zone);
  if (d.zone.name === 'UTC') return 'UTC';
  // Each English locale knows its own region's names (en-US: EST, PDT; en-GB: CET, BST); where
  // neither has one, the offset (GMT+9).
  const us = d.setLocale('en-US').offsetNameShort;
  if (us !== null && !/^GMT[+-]/.test(us)) return us;
  const gb = d.setLocale('en-GB').offsetNameShort;
  if (gb !== null && !/^GMT[+-]/.test(gb)) return gb;
  return us ?? d.toFormat('ZZ');
}

/** `Wednesday, 7 March 2018` for pages. */
export function longDate(time: number, zone: string): string {
  const w = utcWall(time, zone);
  if (w !== undefined) return `${WEEKDAYS[w.wd]}, ${w.d} ${MONTHS[w.mo - 1]} ${w.y}`;
  return inZone(time, zone).setLocale('en-GB').toFormat('cccc, d LLLL yyyy');
}

export function isoDate(time: number, zone: string): string {
  const w = utcWall(time, zone);
  if (w !== undefined) return `${w.y}-${TWO[w.mo]}-${TWO[w.d]}`;
  return inZone(time, zone).toFormat('yyyy-LL-dd');
}

// The `YYYY-MM-DDT` of the last day isoInstant printed: log lines come in order, mostly on one day.
let isoDay = NaN;
let isoDayText = '';

export function isoInstant(time: number): string {
  const t = Math.trunc(time);
  if (!(t >= FAST_FROM && t < FAST_TO)) return `${new Date(time).toISOString().slice(0, 19)}Z`;
  const day = Math.floor(t / DAY);
  if (day !== isoDay) {
    isoDayText = new Date(day * DAY).toISOString().slice(0, 11);
    isoDay = day;
  }
  return `${isoDayText}${clock(secondOfDay(t))}Z`;
}

/** The parts a file-name pattern may use. */
export function dateParts(time: number, zone: string): Record<string, string> {
  const w = utcWall(time, zone);
  if (w !== undefined) {
    return { YYYY: String(w.y), MM: TWO[w.mo] ?? '', DD: TWO[w.d] ?? '', HH: TWO[w.h] ?? '', mm: TWO[w.mi] ?? '', ss: TWO[w.s] ?? '' };
  }
  const d = inZone(time, zone);
  return {
    YYYY: d.toFormat('yyyy'),
    MM: d.toFormat('LL'),
    DD: d.toFormat('dd'),
    HH: d.toFormat('HH'),
    mm: d.toFormat('mm'),
    ss: d.toFormat('ss'),
  };
}
