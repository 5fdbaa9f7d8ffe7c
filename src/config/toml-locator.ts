/*
 * Where things are in a TOML text: smol-toml gives values but no positions, so config
 * errors would not be able to point at a line. TomlLocator scans a valid TOML text once
 * — table headers, dotted and quoted keys, inline tables, arrays (also across lines),
 * multi-line strings, CRLF — and maps each key path to the line and column where its key
 * and its value start; formatKeyPath writes a path the way messages show it.
 */

/** A 1-based line and column in the config text. */
export interface TomlPosition {
  line: number;
  column: number;
}

/** A TOML key path as written in messages: `keys.prefix."%"`, `claude.args[1]`. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out === '' ? '' : '.') + (/^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part));
  }
  return out;
}

const TOML_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

/** Finds where each key and value of a valid TOML text starts, by path. */
export class TomlLocator {
  private pos = 0;
  private readonly keyAt = new Map<string, number>();
  private readonly valueAt = new Map<string, number>();

  constructor(private readonly text: string) {
    try {
      this.document();
    } catch {
      // A construct this scanner does not follow: keep the positions found so far.
    }
  }

  /** Where `path` (or failing that its nearest located ancestor) is; `at` prefers the value. */
  find(path: readonly (string | number)[], at: 'key' | 'value' = 'key'): TomlPosition | undefined {
    for (let n = path.length; n > 0; n--) {
      const id = path.slice(0, n).join('\0');
      const offset = (at === 'value' && n === path.length ? this.valueAt.get(id) : undefined) ?? this.keyAt.get(id);
      if (offset !== undefined) return this.position(offset);
    }
    return undefined;
  }

  private position(offset: number): TomlPosition {
    const before = this.text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  }

  /** Records where each segment of a key path starts; `offsets` covers the path's last segments. */
  private record(path: string[], offsets: number[]): void {
    const first = path.length - offsets.length;
    for (let n = first + 1; n <= path.length; n++) {
      const id = path.slice(0, n).join('\0');
      if (n === path.length || !this.keyAt.has(id)) this.keyAt.set(id, offsets[n - first - 1]);
    }
  }

  private skip(newlines: boolean): void {
    const text = this.text;
    for (;;) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#') while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  private document(): void {
    let table: string[] = [];
    for (this.skip(true); this.pos < this.text.length; this.skip(true)) {
      if (this.text[this.pos] === '[') {
        this.pos += this.text[this.pos + 1] === '[' ? 2 : 1;
        const header = this.keyPath();
        table = header.parts;
        this.record(table, header.offsets);
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      } else {
        this.pair(table);
      }
    }
  }

  private pair(prefix: string[]): void {
    const key = this.keyPath();
    const path = [...prefix, ...key.parts];
    this.record(path, key.offsets);
    this.skip(false);
    this.pos++;
    this.skip(false);
    this.value(path);
  }

  private keyPath(): { parts: string[]; offsets: number[] } {
    const parts: string[] = [];
    const offsets: number[] = [];
    for (;;) {
      this.skip(false);
      offsets.push(this.pos);
      parts.push(this.key());
      this.skip(false);
      if (this.text[this.pos] !== '.') return { parts, offsets };
      this.pos++;
    }
  }

  private key(): string {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string();
    const start = this.pos;
    while (/[A-Za-z0-9_-]/.test(this.text[this.pos] ?? '')) this.pos++;
    if (this.pos === start) throw new Error('not a key');
    return this.text.slice(start, this.pos);
  }

  /** Skips a string of any kind, returning its (escape-decoded, for basic strings) content. */
  private string(): string {
    const text = this.text;
    const quote = text[this.pos];
    const multi = text.startsWith(quote.repeat(3), this.pos);
    this.pos += multi ? 3 : 1;
    let out = '';
    while (this.pos < text.length) {
      if (multi ? text.startsWith(quote.repeat(3), this.pos) && text[this.pos + 3] !== quote : text[this.pos] === quote) {
        this.pos += multi ? 3 : 1;
        return out;
      }
      const c = text[this.pos];
      if (c === '\\' && quote === '"') {
        const e = text[this.pos + 1];
        const hex = e === 'u' ? 4 : e === 'U' ? 8 : 0;
        out += hex > 0 ? String.fromCodePoint(parseInt(text.slice(this.pos + 2, this.pos + 2 + hex), 16)) : (TOML_ESCAPES[e] ?? '');
        this.pos += 2 + hex;
      } else {
        out += c;
        this.pos++;
      }
    }
    throw new Error('unterminated string');
  }

  private value(path: string[]): void {
    this.valueAt.set(path.join('\0'), this.pos);
    const c = this.text[this.pos];
    if (c === '"' || c === "'") {
      this.string();
    } else if (c === '[') {
      this.pos++;
      for (let i = 0; ; i++) {
        this.skip(true);
        if (this.text[this.pos] === ']') break;
        this.value([...path, String(i)]);
        this.skip(true);
        if (this.text[this.pos] === ',') this.pos++;
      }
      this.pos++;
    } else if (c === '{') {
      this.pos++;
      for (this.skip(false); this.text[this.pos] !== '}'; this.skip(false)) {
        this.pair(path);
        this.skip(false);
        if (this.text[this.pos] === ',') this.pos++;
      }
      this.pos++;
    } else {
      while (this.pos < this.text.length && !/[\s,\]}#]/.test(this.text[this.pos])) this.pos++;
    }
  }
}
