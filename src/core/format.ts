/*
 * tmux-style format strings, as used by the status line, `display-message -p` and the
 * `-F` of list commands: `#{pane_id}`, the short forms `#S #W #I #P #D #T #F #H #h`, `##`
 * for a literal `#`, conditionals `#{?name,then,else}`, comparisons `#{==:a,b}` (also
 * `!=`, `<`, `>`, `<=`, `>=`, `||`, `&&`), truncation `#{=N:name}`, and —
 * for status-left/right only — strftime's `%H:%M`-style fields. Pure: variables come
 * from a lookup function. A variable's value is shown with its control characters as
 * visible escapes (core/escape.ts), as tmux does: a program or title from outside can
 * never put a terminal sequence into a list, `display -p` or the status line.
 */
import { visible } from './escape.js';

const SHORT: Record<string, string> = {
  H: 'host',
  h: 'host_short',
  S: 'session_name',
  W: 'window_name',
  I: 'window_index',
  P: 'pane_index',
  D: 'pane_id',
  T: 'pane_title',
  F: 'window_flags',
};

export type FormatLookup = (name: string) => string | undefined;

/** Expand `#...` sequences. Unknown variables expand to the empty string, as in tmux. */
export function expandFormat(fmt: string, lookup: FormatLookup): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '#' || i + 1 >= fmt.length) {
      out += ch;
      continue;
    }
    const next = fmt[i + 1]!;
    if (next === '#') {
      out += '#';
      i++;
    } else if (next === '{') {
      const end = matchBrace(fmt, i + 1);
      if (end < 0) {
        out += fmt.slice(i);
        break;
      }
      out += expandBlock(fmt.slice(i + 2, end), lookup);
      i = end;
    } else if (SHORT[next]) {
      out += visible(lookup(SHORT[next]!) ?? '');
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

function matchBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Split on commas that are not inside nested #{...}. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0';
}

function expandBlock(body: string, lookup: FormatLookup): string {
  if (body.startsWith('?')) {
    const [cond = '', a = '', b = ''] = splitTop(body.slice(1));
    const c = cond.includes('#') ? expandFormat(cond, lookup) : lookup(cond);
    return expandFormat(truthy(c) ? a : b, lookup);
  }
  // Comparisons and logic (tmux 3.3): both sides are formats; the result is "1" or "0".
  const cmp = /^(==|!=|<=|>=|<|>|\|\||&&):(.*)$/s.exec(body);
  if (cmp) {
    const [left = '', right = ''] = splitTop(cmp[2]!).map((x) => expandFormat(x, lookup));
    const op = cmp[1]!;
    const r =
      op === '==' ? left === right
      : op === '!=' ? left !== right
      : op === '<' ? left < right
      : op === '>' ? left > right
      : op === '<=' ? left <= right
      : op === '>=' ? left >= right
      : op === '||' ? truthy(left) || truthy(right)
      : truthy(left) && truthy(right);
    return r ? '1' : '0';
  }
  const trunc = /^=(-?\d+):(.*)$/.exec(body);
  if (trunc) {
    const n = Number(trunc[1]);
    const v = expandBlock(trunc[2]!, lookup);
    const chars = [...v];
    return n >= 0 ? chars.slice(0, n).join('') : chars.slice(n).join('');
  }
  return visible(lookup(body) ?? '');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime's common fields (local time). Unknown fields are kept as written. */
export function strftime(fmt: string, d: Date): string {
  return fmt.replace(/%([a-zA-Z%])/g, (m, f: string) => {
    switch (f) {
      case 'H': return pad(d.getHours());
      case 'M': return pad(d.getMinutes());
      case 'S': return pad(d.getSeconds());
      case 'I': return pad(d.getHours() % 12 || 12);
      case 'p': return d.getHours() < 12 ? 'AM' : 'PM';
      case 'd': return pad(d.getDate());
      case 'e': return pad(d.getDate(), 2, ' ');
      case 'm': return pad(d.getMonth() + 1);
      case 'y': return pad(d.getFullYear() % 100);
      case 'Y': return String(d.getFullYear());
      case 'a': return DAYS[d.getDay()]!;
      case 'b': return MONTHS[d.getMonth()]!;
      case 'R': return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
      case 'T': return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
      case '%': return '%';
      default: return m;
    }
  });
}

/** Does the format show the time at a resolution of seconds (so the status line must tick each second)? */
export function showsSeconds(fmt: string): boolean {
  return /%[STsr]/.test(fmt.replace(/%%/g, ''));
}

/** Does the format show the time at all? */
export function showsTime(fmt: string): boolean {
  return /%[a-zA-Z]/.test(fmt.replace(/%%/g, ''));
}
