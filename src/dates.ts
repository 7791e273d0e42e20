// Calendar days written YYYY-MM-DD, checked strictly, for the command line and the web API alike.

export interface CalendarDay {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  /** Midnight UTC of the day, in epoch milliseconds. */
  readonly utc: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Midnight UTC of y-m-d as JavaScript rolls it over (Date.UTC would take years 0-99 as 1900-1999). */
function rolled(y: number, monthIndex: number, d: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(y, monthIndex, d);
  return t;
}

/**
 * The day `text` names, or a message saying why it names none, starting with `name` (the option
 * or parameter it came from). The day is built and read back: JavaScript rolls 2018-02-30 over to
 * 2018-03-02, so a day that comes back different does not exist.
 */
export function parseDay(text: string, name: string): CalendarDay | string {
  const wrong = (why: string): string => `${name} must be a date YYYY-MM-DD, got '${text}'${why === '' ? '' : ` (${why})`}`;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return wrong('');
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12) return wrong(`there is no month ${m}`);
  if (d < 1) return wrong('there is no day 0');
  const t = rolled(y, m - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    return wrong(`${MONTHS[m - 1] ?? ''} ${y} has ${rolled(y, m, 0).getUTCDate()} days`);
  }
  return { y, m, d, utc: t.getTime() };
}
