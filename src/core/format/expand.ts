/*
 * The format expander, following tmux 3.3a's format_expand1 and format_replace:
 * `#{...}` (with its modifiers, modifiers.ts), the short forms (`#S`), `##`, `#,`, `#}`,
 * `##[` and `#[` styles passed through, `#(...)` (the context's `job`: a shell command's
 * last line of output, the command and its output expanded without jobs, as tmux's
 * format_job_get; nothing where the context runs no jobs). A `#{` that is never closed, or a `#{...}` that fails (a
 * comparison with no comma, a loop with nothing to loop over), ends the output there,
 * as in tmux. Nesting (`E:` of a value that names itself) stops at 100 levels, as in
 * tmux; and, unlike tmux, one expansion does at most MAX_EXPANSIONS expansions of
 * formats inside it and makes at most MAX_OUTPUT characters, past which the rest is
 * empty: `#{E:x}#{E:x}` in x would otherwise double a hundred times, and a status line
 * must not hold the server.
 *
 * Variables and what needs the server (loops, pane contents) come through a
 * FormatContext, so this stays pure.
 */
import { visible } from '../escape.js';
import { evaluate, strtonum } from './arithmetic.js';
import { colourHex } from './colour.js';
import { fnmatch } from './fnmatch.js';
import { parseModifiers, type Modifier } from './modifiers.js';
import { regexTest, regsub } from './regex.js';
import { basename, dirname, pad, quoteShell, quoteStyle, skipTo, textWidth, trimLeft, trimRight, type CharWidth } from './text.js';
import { ctime, prettyTime, strftime } from './time.js';

/** What a format can ask of the world around it. Only `lookup` is required. */
export interface FormatContext {
  /** A variable's value (an option, a session's name, an environment variable), or undefined if there is none. */
  lookup(name: string): string | undefined;
  /** The sessions, each as a context of its own (`#{S:...}`). */
  sessions?(): FormatContext[];
  /** The windows of this context's session, in order, the current one marked (`#{W:...}`); undefined with no session. */
  windows?(): Array<{ ctx: FormatContext; current: boolean }> | undefined;
  /** The panes of this context's window (`#{P:...}`); undefined with no window. */
  panes?(): Array<{ ctx: FormatContext; current: boolean }> | undefined;
  /** The lines of this context's pane as shown (`#{C:...}`); undefined with no pane. */
  paneLines?(): string[] | undefined;
  /** Window names of this context's session (`#{N:...}`); undefined with no session. */
  windowNames?(): string[] | undefined;
  /** All session names (`#{N/s:...}`). */
  sessionNames?(): string[];
  /** Cells a code point takes; one each if not given. */
  charWidth?: CharWidth;
  /** The time now (status line, `T:`, `t/p:`). */
  now?(): Date;
  /**
   * `#(command)`: the output of `command` as last known (it runs in the background;
   * undefined or '' until it has said something). `expanded` is the command with its
   * formats expanded, which is what runs. Without it, `#(…)` is empty.
   */
  job?(command: string, expanded: string): string | undefined;
}

/** Nesting depth past which a format expands to nothing (tmux's FORMAT_LOOP_LIMIT). */
export const LOOP_LIMIT = 100;
/** Formats expanded within one expansion (a status line uses some tens; loops over many panes some thousands). */
export const MAX_EXPANSIONS = 50_000;
/** Characters one expansion makes at most (a 1 MB status line is no status line). */
export const MAX_OUTPUT = 1 << 20;

interface State {
  ctx: FormatContext;
  /** Apply strftime to each format expanded (status line, display-message, `T:`). */
  time: boolean;
  /** `#(…)` expands to nothing (inside a job's command and its output, as tmux's FORMAT_EXPAND_NOJOBS). */
  noJobs?: boolean;
  depth: number;
  /** Expansions left, shared by every nested expansion of one call. */
  budget: { left: number };
}

/** Raised inside a replacement that fails: the output ends where it started. */
const FAIL = Symbol('format failed');

const SHORT: Record<string, string> = {
  D: 'pane_id', F: 'window_flags', H: 'host', I: 'window_index', P: 'pane_index',
  S: 'session_name', T: 'pane_title', W: 'window_name', h: 'host_short',
};

const one = () => 1;

/** Expand `fmt`; with `time`, strftime fields too (as tmux's format_expand_time). */
export function expand(fmt: string, ctx: FormatContext, time = false): string {
  return expand1({ ctx, time, depth: 0, budget: { left: MAX_EXPANSIONS } }, fmt);
}

function now(st: State): Date {
  return st.ctx.now?.() ?? new Date();
}

function expand1(st: State, fmt: string): string {
  if (fmt === '') return '';
  if (st.depth >= LOOP_LIMIT || st.budget.left <= 0) return '';
  st.budget.left--;
  st.depth++;
  try {
    if (st.time && fmt.includes('%')) fmt = strftime(fmt, now(st));
    let out = '';
    let i = 0;
    while (i < fmt.length) {
      if (out.length > MAX_OUTPUT) {
        st.budget.left = 0;
        return out.slice(0, MAX_OUTPUT);
      }
      const c = fmt[i]!;
      if (c !== '#') {
        out += c;
        i++;
        continue;
      }
      if (i + 1 >= fmt.length) {
        out += '#';
        break;
      }
      const ch = fmt[i + 1]!;
      if (ch === '(') {
        // #(command): run in the background by the context; its output so far, expanded.
        let depth = 1;
        let j = i + 2;
        for (; j < fmt.length; j++) {
          if (fmt[j] === '(') depth++;
          if (fmt[j] === ')' && --depth === 0) break;
        }
        if (j >= fmt.length) break;
        if (st.ctx.job && !st.noJobs) {
          const inner: State = { ...st, noJobs: true, time: false };
          const command = fmt.slice(i + 2, j);
          out += expand1(inner, st.ctx.job(command, expand1(inner, command)) ?? '');
        }
        i = j + 1;
        continue;
      }
      if (ch === '{') {
        const end = skipTo(fmt, i, '}');
        if (end < 0) break;
        const r = replace(st, fmt.slice(i + 2, end));
        if (r === FAIL) break;
        out += r;
        i = end + 1;
        continue;
      }
      if (ch === '#') {
        let j = i + 2;
        while (fmt[j] === '#') j++;
        if (fmt[j] === '[') {
          out += fmt.slice(i, j + 1);
          i = j + 1;
          continue;
        }
        out += '#';
        i += 2;
        continue;
      }
      if (ch === '}' || ch === ',') {
        out += ch;
        i += 2;
        continue;
      }
      const name = SHORT[ch];
      if (name === undefined) {
        out += '#' + ch;
        i += 2;
        continue;
      }
      out += replace(st, name) as string;
      i += 2;
    }
    return out;
  } finally {
    st.depth--;
  }
}

/** Left and right of the first top-level comma, or undefined if there is none. */
function choose(s: string): [string, string] | undefined {
  const cp = skipTo(s, 0, ',');
  return cp < 0 ? undefined : [s.slice(0, cp), s.slice(cp + 1)];
}

const truthy = (s: string | undefined) => s !== undefined && s !== '' && s !== '0';

interface Flags {
  literal?: boolean; character?: boolean; colour?: boolean; basename?: boolean; dirname?: boolean;
  length?: boolean; width?: boolean; time?: boolean; pretty?: boolean; timeFormat?: string;
  quoteShell?: boolean; quoteStyle?: boolean; expand?: boolean; expandTime?: boolean;
  windowName?: boolean; sessionName?: boolean; sessions?: boolean; windows?: boolean; panes?: boolean;
}

/** Remove the `#` that escapes `,#{}:` outside any `#{...}` (format_strip). */
function strip(s: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '#' && s[i + 1] === '{') depth++;
    if (c === '#' && i + 1 < s.length && ',#{}:'.includes(s[i + 1]!)) {
      if (depth !== 0) out += c;
      continue;
    }
    if (c === '}') depth--;
    out += c;
  }
  return out;
}

/** A variable's value with the modifiers that apply to it (format_find), or undefined. */
function find(st: State, key: string, f: Flags): string | undefined {
  const raw = st.ctx.lookup(key);
  if (raw === undefined) return undefined;
  let v = visible(raw);
  if (f.time) {
    const t = strtonum(v, 0, Number.MAX_SAFE_INTEGER) ?? 0;
    if (t === 0) return undefined;
    const d = new Date(t * 1000);
    if (f.pretty) return prettyTime(d, now(st));
    return f.timeFormat !== undefined ? strftime(f.timeFormat, d) : ctime(d);
  }
  if (f.basename) v = basename(v);
  if (f.dirname) v = dirname(v);
  if (f.quoteShell) v = quoteShell(v);
  if (f.quoteStyle) v = quoteStyle(v);
  return v;
}

function replace(st: State, key: string): string | typeof FAIL {
  const ex = (s: string) => expand1(st, s);
  const parsed = parseModifiers(key, ex);
  const list: Modifier[] = parsed?.list ?? [];
  const copy = parsed ? parsed.rest : key;
  const f: Flags = {};
  let cmp: Modifier | undefined;
  let search: Modifier | undefined;
  let mexp: Modifier | undefined;
  const subs: Modifier[] = [];
  let limit = 0;
  let marker: string | undefined;
  let width = 0;
  for (const m of list) {
    const a = m.args;
    switch (m.name) {
      case 'm': case '<': case '>': case '||': case '&&': case '==': case '!=': case '<=': case '>=': cmp = m; break;
      case 'C': search = m; break;
      case 's': if (a.length >= 2) subs.push(m); break;
      case '=':
        if (a.length < 1) break;
        limit = strtonum(a[0]!, -(2 ** 31), 2 ** 31 - 1) ?? 0;
        if (a.length >= 2) marker = a[1];
        break;
      case 'p': if (a.length >= 1) width = strtonum(a[0]!, -(2 ** 31), 2 ** 31 - 1) ?? 0; break;
      case 'w': f.width = true; break;
      case 'e': if (a.length >= 1 && a.length <= 3) mexp = m; break;
      case 'l': f.literal = true; break;
      case 'a': f.character = true; break;
      case 'b': f.basename = true; break;
      case 'c': f.colour = true; break;
      case 'd': f.dirname = true; break;
      case 'n': f.length = true; break;
      case 't':
        f.time = true;
        if (a.length < 1) break;
        if (a[0]!.includes('p')) f.pretty = true;
        else if (a.length >= 2 && a[0]!.includes('f')) f.timeFormat = strip(a[1]!);
        break;
      case 'q':
        if (a.length < 1) f.quoteShell = true;
        else if (a[0]!.includes('e') || a[0]!.includes('h')) f.quoteStyle = true;
        break;
      case 'E': f.expand = true; break;
      case 'T': f.expandTime = true; break;
      case 'N':
        if (a.length < 1 || a[0]!.includes('w')) f.windowName = true;
        else if (a[0]!.includes('s')) f.sessionName = true;
        break;
      case 'S': f.sessions = true; break;
      case 'W': f.windows = true; break;
      case 'P': f.panes = true; break;
    }
  }

  let value: string;
  if (f.literal) value = copy;
  else if (f.character) {
    const n = strtonum(ex(copy), 32, 126);
    value = n === undefined ? '' : String.fromCharCode(n);
  } else if (f.colour) value = colourHex(ex(copy));
  else {
    const v = evaluateBody(st, copy, f, cmp, search, mexp);
    if (v === FAIL) return FAIL;
    value = v;
  }

  if (f.expand) value = ex(value);
  else if (f.expandTime) value = expand1({ ...st, time: true }, value);

  for (const s of subs) value = regsub(ex(s.args[0]!), ex(s.args[1]!), value, s.args.length >= 3 && s.args[2]!.includes('i')) ?? value;

  const cw = st.ctx.charWidth ?? one;
  if (limit > 0) {
    const cut = trimLeft(value, limit, cw);
    value = marker !== undefined && cut !== value ? cut + marker : cut;
  } else if (limit < 0) {
    const cut = trimRight(value, -limit, cw);
    value = marker !== undefined && cut !== value ? marker + cut : cut;
  }
  if (width !== 0) value = pad(value, width, cw);
  if (f.length) value = String(Buffer.byteLength(value, 'utf8'));
  if (f.width) value = String(textWidth(value, cw));
  return value;
}

/** A loop's body: each item's text (the current item's own, if given after a comma). */
function loop(st: State, copy: string, items: Array<{ ctx: FormatContext; current: boolean }>, split: boolean): string {
  const alt = split ? choose(copy) : undefined;
  let out = '';
  for (const it of items) {
    const use = alt ? (it.current ? alt[1] : alt[0]) : copy;
    out += expand1({ ...st, ctx: it.ctx }, use);
  }
  return out;
}

function evaluateBody(st: State, copy: string, f: Flags, cmp: Modifier | undefined, search: Modifier | undefined, mexp: Modifier | undefined): string | typeof FAIL {
  const { ctx } = st;
  const ex = (s: string) => expand1(st, s);
  if (f.sessions) return loop(st, copy, (ctx.sessions?.() ?? []).map((c) => ({ ctx: c, current: false })), false);
  if (f.windows) {
    const ws = ctx.windows?.();
    return ws ? loop(st, copy, ws, true) : FAIL;
  }
  if (f.panes) {
    const ps = ctx.panes?.();
    return ps ? loop(st, copy, ps, true) : FAIL;
  }
  if (f.windowName) {
    const names = ctx.windowNames?.();
    if (!names) return FAIL;
    return names.includes(ex(copy)) ? '1' : '0';
  }
  if (f.sessionName) return (ctx.sessionNames?.() ?? []).includes(ex(copy)) ? '1' : '0';
  if (search) {
    const term = ex(copy);
    const lines = ctx.paneLines?.();
    if (!lines) return '0';
    const a = search.args[0] ?? '';
    return String(searchLines(lines, term, a.includes('r'), a.includes('i')));
  }
  if (cmp) {
    const sides = choose(copy);
    if (!sides) return FAIL;
    const left = ex(sides[0]);
    const right = ex(sides[1]);
    switch (cmp.name) {
      case '||': return truthy(left) || truthy(right) ? '1' : '0';
      case '&&': return truthy(left) && truthy(right) ? '1' : '0';
      case '==': return left === right ? '1' : '0';
      case '!=': return left !== right ? '1' : '0';
      case '<': return compareBytes(left, right) < 0 ? '1' : '0';
      case '>': return compareBytes(left, right) > 0 ? '1' : '0';
      case '<=': return compareBytes(left, right) <= 0 ? '1' : '0';
      case '>=': return compareBytes(left, right) >= 0 ? '1' : '0';
      default: return match(cmp.args[0] ?? '', left, right);
    }
  }
  if (copy.startsWith('?')) {
    const cp = skipTo(copy, 1, ',');
    if (cp < 0) return FAIL;
    const condition = copy.slice(1, cp);
    let found = find(st, condition, f);
    if (found === undefined) {
      found = ex(condition);
      if (found === condition) found = '';
    }
    const branches = choose(copy.slice(cp + 1));
    if (!branches) return FAIL;
    return ex(truthy(found) ? branches[0] : branches[1]);
  }
  if (mexp) {
    const sides = choose(copy);
    if (!sides) return '';
    return evaluate(mexp.args, ex(sides[0]), ex(sides[1])) ?? '';
  }
  if (copy.includes('#{')) return ex(copy);
  return find(st, copy, f) ?? '';
}

/** strcmp: by UTF-8 bytes, which for strings is by code point. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `m:`, `m/i:` (fnmatch), `m/r:`, `m/ri:` (regex): "1" or "0". */
function match(flags: string, pattern: string, text: string): string {
  const icase = flags.includes('i');
  if (!flags.includes('r')) return fnmatch(pattern, text, icase) ? '1' : '0';
  return regexTest(pattern, text, icase) ? '1' : '0';
}

/** `C:`: the 1-based line of the first shown line (trailing blanks dropped) that matches, or 0. */
export function searchLines(lines: string[], term: string, regex: boolean, icase: boolean): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/[ \t\n\v\f\r]+$/, '');
    if (regex ? regexTest(term, line, icase) : fnmatch(`*${term}*`, line, icase)) return i + 1;
  }
  return 0;
}
