/*
 * Measuring, cutting and padding expanded format text as tmux 3.3a does
 * (format-draw.c, utf8.c): widths in terminal cells; `#[style]` takes no room and is
 * kept whole when cutting; a run of `#`s not starting a style counts as the `#`s it
 * will draw (half, rounded up) and, when cut, is written escaped (doubled) unless it
 * was a single `#`; ASCII controls count nothing and are dropped. Also the quoting of
 * `q:` and the basename/dirname of `b:`/`d:`.
 */

/** Columns one code point takes (the server hands in the terminal's own table). */
export type CharWidth = (cp: number) => number;

/** The index after the `]` that ends a style starting at `from` (after `#[`), as format_skip finds it. */
export function skipTo(s: string, from: number, ends: string): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (c === '#' && s[i + 1] === '{') depth++;
    if (c === '#' && i + 1 < s.length && ',#{}:'.includes(s[i + 1]!)) {
      i++;
      continue;
    }
    if (c === '}') depth--;
    if (ends.includes(c) && depth === 0) return i;
  }
  return -1;
}

/** A run of `#`s at `i`: how many, the width they draw, and where the text goes on (at the style's `#`, if one starts). */
function hashes(s: string, i: number): { n: number; width: number; end: number } {
  let n = 0;
  while (s[i + n] === '#') n++;
  if (s[i + n] !== '[') return { n, width: Math.ceil(n / 2), end: i + n };
  return { n, width: Math.floor(n / 2), end: n % 2 === 0 ? i + n : i + n - 1 };
}

/** Walk `s` as tmux does, calling `chunk` for each piece with its width. */
function walk(s: string, cw: CharWidth, visit: (kind: 'hash' | 'style' | 'char', text: string, width: number, n: number) => boolean): void {
  let i = 0;
  while (i < s.length) {
    if (s[i] === '#') {
      const h = hashes(s, i);
      if (!visit('hash', '', h.width, h.n)) return;
      i = h.end;
      if (s[i] === '#') {
        const end = skipTo(s, i + 2, ']');
        if (end < 0) {
          visit('style', '', -1, 0);
          return;
        }
        if (!visit('style', s.slice(i, end + 1), 0, 0)) return;
        i = end + 1;
      }
      continue;
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) continue;
    if (!visit('char', ch, cp < 0x7f ? 1 : cw(cp), 0)) return;
  }
}

/** The cells `s` takes when drawn (format_width): 0 if a style is left open. */
export function textWidth(s: string, cw: CharWidth): number {
  let w = 0;
  let broken = false;
  walk(s, cw, (kind, _t, width) => {
    if (kind === 'style' && width < 0) broken = true;
    else w += width;
    return true;
  });
  return broken ? 0 : w;
}

const hashText = (n: number, w: number) => (n === 1 ? '#' : '#'.repeat(2 * w));

/** The first `limit` cells of `s` (format_trim_left). */
export function trimLeft(s: string, limit: number, cw: CharWidth): string {
  let out = '';
  let width = 0;
  walk(s, cw, (kind, text, w, n) => {
    if (kind === 'style') {
      out += text;
      return w >= 0;
    }
    if (width >= limit) return false;
    if (kind === 'hash') {
      const lw = Math.min(w, limit - width);
      if (lw !== 0) out += hashText(n, lw);
      width += lw;
    } else {
      if (width + w <= limit) out += text;
      width += w;
    }
    return true;
  });
  return out;
}

/** The last `limit` cells of `s` (format_trim_right). */
export function trimRight(s: string, limit: number, cw: CharWidth): string {
  const total = textWidth(s, cw);
  if (total <= limit) return s;
  const skip = total - limit;
  let out = '';
  let width = 0;
  walk(s, cw, (kind, text, w, n) => {
    if (kind === 'style') {
      out += text;
      return w >= 0;
    }
    if (kind === 'hash') {
      let copy = w;
      if (width <= skip) copy = skip - width >= copy ? 0 : copy - (skip - width);
      if (copy !== 0) out += hashText(n, copy);
    } else if (width >= skip) out += text;
    width += w;
    return true;
  });
  return out;
}

/** Plain cell width (utf8_cstrwidth): no styles, ASCII controls count nothing. */
export function plainWidth(s: string, cw: CharWidth): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) continue;
    w += cp < 0x7f ? 1 : cw(cp);
  }
  return w;
}

/** `s` padded with spaces to `width` cells: after it when positive, before it when negative (`p:`). */
export function pad(s: string, width: number, cw: CharWidth): string {
  const room = Math.abs(width) - plainWidth(s, cw);
  if (room <= 0) return s;
  return width > 0 ? s + ' '.repeat(room) : ' '.repeat(room) + s;
}

/** `q:`: a backslash before each character a shell treats specially. */
export function quoteShell(s: string): string {
  return s.replace(/[|&;<>()$`\\"'*?[# =%]/g, '\\$&');
}

/** `q/e:` and `q/h:`: each `#` doubled, so a style sees it as text. */
export function quoteStyle(s: string): string {
  return s.replace(/#/g, '##');
}

/** basename(3) as POSIX libgen has it. */
export function basename(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

/** dirname(3) as glibc has it (a leading `//` kept). */
export function dirname(p: string): string {
  const t = p.replace(/\/+$/, '');
  if (t === '') return p.startsWith('/') ? (p.startsWith('//') && !p.startsWith('///') ? '//' : '/') : '.';
  const slash = t.lastIndexOf('/');
  if (slash < 0) return '.';
  const d = t.slice(0, slash).replace(/\/+$/, '');
  if (d === '') return t.startsWith('//') && !t.startsWith('///') ? '//' : '/';
  return d;
}
