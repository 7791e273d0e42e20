// A small declarative schema for YAML settings: checks values, fills defaults, names the key path of every problem.

export type Field =
  | { readonly type: 'string'; readonly required?: boolean; readonly default?: string; readonly check?: StringCheck }
  | { readonly type: 'int'; readonly min: number; readonly max: number; readonly required?: boolean; readonly default?: number }
  | { readonly type: 'number'; readonly min: number; readonly max: number; readonly default?: number }
  | { readonly type: 'bool'; readonly default?: boolean }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly default?: string }
  | { readonly type: 'list'; readonly item: Field; readonly default?: readonly unknown[]; readonly minItems?: number; readonly required?: boolean }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Field>>; readonly required?: boolean; readonly orFalse?: boolean }
  | { readonly type: 'map'; readonly key: StringCheck; readonly value: Field };

/** What a string must be, in words for the message (`expected …`), and the test: false, or a reason of its own. */
export interface StringCheck {
  readonly expected: string;
  readonly test: (v: string) => boolean | string;
}

/** How a value looks in a message: strings quoted, mappings and lists named. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** The known key closest to a misspelt one, if close enough to be a likely typo. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function expectation(f: Field): string {
  switch (f.type) {
    case 'string':
      return f.check?.expected ?? 'a string';
    case 'int':
      return `an integer ${f.min}-${f.max}`;
    case 'number':
      return `a number ${f.min}-${f.max}`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${f.values.join(', ')}`;
    case 'list':
      return 'a list';
    case 'object':
      return f.orFalse ? 'a mapping, or false' : 'a mapping';
    case 'map':
      return 'a mapping';
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks `value` against `field` at `path`, adding one message per problem to `problems`, and
 * returns the value with defaults filled in (undefined where absent without a default).
 */
export function validate(field: Field, value: unknown, path: string, problems: string[]): unknown {
  const bad = (): undefined => {
    problems.push(`${path}: expected ${expectation(field)}, got ${describeValue(value)}`);
    return undefined;
  };
  if (value === undefined || value === null) {
    if ('required' in field && field.required) {
      problems.push(`${path}: missing; expected ${expectation(field)}`);
      return undefined;
    }
    if ('default' in field && field.default !== undefined) return field.default;
    if (field.type === 'object' && !field.orFalse) return validate(field, {}, path, problems);
    if (field.type === 'map') return {};
    return undefined;
  }
  switch (field.type) {
    case 'string': {
      if (typeof value !== 'string') return bad();
      const verdict = field.check?.test(value) ?? true;
      if (verdict === false) return bad();
      if (typeof verdict === 'string') {
        problems.push(`${path}: ${verdict}`);
        return undefined;
      }
      return value;
    }
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < field.min || value > field.max) return bad();
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < field.min || value > field.max) return bad();
      return value;
    case 'bool':
      return typeof value === 'boolean' ? value : bad();
    case 'enum':
      return typeof value === 'string' && field.values.includes(value) ? value : bad();
    case 'list': {
      if (!Array.isArray(value)) return bad();
      if (value.length < (field.minItems ?? 0)) {
        problems.push(`${path}: expected at least ${field.minItems} item${field.minItems === 1 ? '' : 's'}, got an empty list`);
      }
      return value.map((v, i) => {
        const at = `${path}[${i}]`;
        // An empty item is a mistake (in YAML, often an unquoted #), not an absent optional value.
        if (v === null || v === undefined) problems.push(`${at}: expected ${expectation(field.item)}, got nothing`);
        return validate(field.item, v, at, problems);
      });
    }
    case 'object': {
      if (field.orFalse && value === false) return false;
      if (!isMapping(value)) return bad();
      const out: Record<string, unknown> = {};
      const known = Object.keys(field.fields);
      for (const key of Object.keys(value)) {
        if (known.includes(key)) continue;
        const near = suggest(key, known);
        problems.push(`${join(path, key)}: unknown key; ${near ? `did you mean ${near}?` : `known keys: ${known.join(', ')}`}`);
      }
      for (const [key, f] of Object.entries(field.fields)) {
        const v = validate(f, value[key], join(path, key), problems);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'map': {
      if (!isMapping(value)) return bad();
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        if (field.key.test(key) !== true) problems.push(`${join(path, key)}: expected the key to be ${field.key.expected}`);
        out[key] = validate(field.value, v, join(path, key), problems);
      }
      return out;
    }
  }
}

/** Every key path the schema knows, `parent.child`, with `*` for a map's keys; for documentation checks. */
export function keyPaths(field: Field, path = ''): string[] {
  if (field.type === 'object') {
    return Object.entries(field.fields).flatMap(([k, f]) => [join(path, k), ...keyPaths(f, join(path, k))]);
  }
  if (field.type === 'map') return keyPaths(field.value, join(path, '*'));
  if (field.type === 'list') return keyPaths(field.item, path);
  return [];
}
