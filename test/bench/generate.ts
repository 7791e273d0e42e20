// Deterministic synthetic meetings for benchmarks: same seed, same bytes, every run.

/** mulberry32: a tiny seeded PRNG, so generated archives are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NICKS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank-o', 'gina', 'zed[m]', 'vbatts|work', 'Zoë', 'hank', 'ivan'];
const WORDS = 'the spec runtime image release vote review patch container layer build test docs registry tag index milestone issue pull request config hooks cgroup namespace mount'.split(' ');

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => pick(r, WORDS)).join(' ');
}

/** A MeetBot `.log.txt` of `lines` lines (one a second, rolling past midnight), with commands mixed in. */
export function generateMeetingLog(lines: number, seed = 1): string {
  const r = rng(seed);
  const out: string[] = [];
  let t = 9 * 3600;
  const stamp = (): string => {
    const s = t % 86400;
    return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  out.push(`${stamp()} <alice> #startmeeting Generated meeting ${seed}`);
  for (let i = 1; i < lines - 1; i++) {
    t += 1 + Math.floor(r() * 3);
    const nick = pick(r, NICKS);
    const x = r();
    let text: string;
    if (x < 0.02) text = `#topic ${sentence(r, 4)}`;
    else if (x < 0.05) text = `#info ${sentence(r, 8)}`;
    else if (x < 0.07) text = `#action ${pick(r, NICKS)} to ${sentence(r, 6)}`;
    else if (x < 0.08) text = `#agreed ${sentence(r, 6)}`;
    else if (x < 0.09) text = `#link https://example.org/${pick(r, WORDS)}/${Math.floor(r() * 1000)} ${sentence(r, 3)}`;
    else if (x < 0.1) text = `https://github.com/example/${pick(r, WORDS)}/pull/${Math.floor(r() * 5000)}`;
    else text = sentence(r, 3 + Math.floor(r() * 20));
    out.push(x > 0.99 ? `${stamp()} * ${nick} ${sentence(r, 4)}` : `${stamp()} <${nick}> ${text}`);
  }
  t += 1;
  out.push(`${stamp()} <alice> #endmeeting`);
  return out.join('\n');
}

/** A Zipf-like vocabulary: a few very common words, then thousands of rarer ones, as real talk has. */
export const VOCABULARY: readonly string[] = (() => {
  const r = rng(7);
  const syll = ['ka', 'ro', 'mi', 'ten', 'spec', 'lo', 'vu', 'na', 'ship', 'ber', 'ti', 'gon', 'da', 'sel', 'xi', 'pod'];
  const words = [...WORDS];
  while (words.length < 6000) {
    const n = 2 + Math.floor(r() * 3);
    const w = Array.from({ length: n }, () => pick(r, syll)).join('');
    if (!words.includes(w)) words.push(w);
  }
  return words;
})();

function zipfWord(r: () => number): string {
  // Rank ~ 1/u: the first words are used far more often than the last.
  const i = Math.min(VOCABULARY.length - 1, Math.floor(Math.exp(r() * Math.log(VOCABULARY.length))) - 1);
  return VOCABULARY[i] as string;
}

/** One meeting of an archive: like generateMeetingLog but with a large vocabulary, as years of real meetings have. */
export function generateArchiveMeeting(lines: number, seed: number): string {
  const r = rng(seed);
  const say = (n: number): string => Array.from({ length: n }, () => zipfWord(r)).join(' ');
  const out: string[] = [];
  let t = 16 * 3600;
  const stamp = (): string =>
    `${String(Math.floor(t / 3600) % 24).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
  out.push(`${stamp()} <alice> #startmeeting series ${seed % 7}`);
  for (let i = 1; i < lines - 1; i++) {
    t += 1 + Math.floor(r() * 4);
    const nick = pick(r, NICKS);
    const x = r();
    let text: string;
    if (x < 0.01) text = `#topic ${say(4)}`;
    else if (x < 0.03) text = `#info ${say(8)}`;
    else if (x < 0.04) text = `#action ${pick(r, NICKS)} to ${say(6)}`;
    else if (x < 0.05) text = `#agreed ${say(6)}`;
    else if (x < 0.055) text = `#link https://example.org/${zipfWord(r)}/${Math.floor(r() * 1000)} ${say(3)}`;
    else text = say(3 + Math.floor(r() * 14));
    out.push(`${stamp()} <${nick}> ${text}`);
  }
  t += 1;
  out.push(`${stamp()} <alice> #endmeeting`);
  return `${out.join('\n')}\n`;
}
