// Formatting instants in a meeting's time zone (luxon); the core is handed every instant, it never asks the clock.
import { DateTime, IANAZone } from 'luxon';

export function inZone(time: number, zone: string): DateTime {
  return DateTime.fromMillis(time, { zone });
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone) || zone === 'UTC';
}

/** C's asctime(): `Wed Mar  7 22:00:26 2018`, the day padded with a space. */
export function asctime(time: number, zone: string): string {
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
    off = DateTime.fromMillis(bucket * QUARTER, { zone }).offset * 60_000;
    byBucket.set(bucket, off);
  }
  return off;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function hms(time: number, zone: string): string {
  const d = new Date(time + offsetAt(time, zone));
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** A wall-clock time in the zone to an instant (the earlier one where a clock change repeats an hour). */
export function fromLocal(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone === 'UTC') return asUtc;
  const guess = asUtc - offsetAt(asUtc, zone);
  return asUtc - offsetAt(guess, zone);
}

/** The zone's short name at that instant (`UTC`, `CET`, or an offset where none is known). */
export function zoneAbbrev(time: number, zone: string): string {
  const d = inZone(time, zone).setLocale('en-US');
  if (d.zone.name === 'UTC' || zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return d.offsetNameShort ?? d.toFormat('ZZ');
}

/** `Wednesday, 7 March 2018` for pages. */
export function longDate(time: number, zone: string): string {
  return inZone(time, zone).setLocale('en-GB').toFormat('cccc, d LLLL yyyy');
}

export function isoDate(time: number, zone: string): string {
  return inZone(time, zone).toFormat('yyyy-LL-dd');
}

export function isoInstant(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** The parts a file-name pattern may use. */
export function dateParts(time: number, zone: string): Record<string, string> {
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
