/*
 * fnmatch(3) with no flags but FNM_CASEFOLD, as tmux's `m:` modifier and `C:` search
 * use it: `*` any run (a `/` or leading `.` too), `?` one character, `[...]` a bracket
 * expression (`!` or `^` negates, `[:class:]`), `\c` the character c. A `[` with no
 * closing `]` stands for itself. Matched with the last-star method: at most
 * pattern × text steps, never exponential.
 */
import { parseBracket } from './regex.js';

type Item = { any: true } | { star: true } | { test: (cp: number) => boolean };

function compilePattern(pattern: number[], icase: boolean): Item[] {
  const items: Item[] = [];
  const fold = (cp: number) => (icase ? String.fromCodePoint(cp).toLowerCase().codePointAt(0)! : cp);
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === 42) {
      if (!(items.at(-1) && 'star' in items.at(-1)!)) items.push({ star: true });
    } else if (c === 63) items.push({ any: true });
    else if (c === 91) {
      // fnmatch negates with ! as well as ^.
      const body = pattern[i + 1] === 33 ? [94, ...pattern.slice(i + 2)] : pattern.slice(i + 1);
      const b = parseBracket(body, 0);
      if (!b) {
        items.push({ test: (x) => x === 91 });
        continue;
      }
      const consumed = b.next - (pattern[i + 1] === 33 ? 1 : 0);
      i += consumed;
      const t = b.test;
      items.push({ test: icase ? (x) => t(x) || t(fold(x)) || t(String.fromCodePoint(x).toUpperCase().codePointAt(0)!) : t });
    } else {
      const lit = c === 92 && i + 1 < pattern.length ? pattern[++i]! : c;
      items.push({ test: (x) => fold(x) === fold(lit) });
    }
  }
  return items;
}

/** Does `text` match the shell pattern `pattern` as a whole? */
export function fnmatch(pattern: string, text: string, icase = false): boolean {
  const items = compilePattern([...pattern].map((c) => c.codePointAt(0)!), icase);
  const t = [...text].map((c) => c.codePointAt(0)!);
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const it = items[pi];
    if (it && 'star' in it) {
      starP = pi++;
      starT = ti;
    } else if (it && ('any' in it || it.test(t[ti]!))) {
      pi++;
      ti++;
    } else if (starP >= 0) {
      pi = starP + 1;
      ti = ++starT;
    } else return false;
  }
  while (pi < items.length && 'star' in items[pi]!) pi++;
  return pi === items.length;
}
