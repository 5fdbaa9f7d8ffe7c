/*
 * POSIX extended regular expressions (regcomp(3) with REG_EXTENDED, as glibc reads
 * them) for the format modifiers `s/re/with/`, `m/r:` and `C/r:`, matched the POSIX
 * way: the leftmost match, and of those the longest (`a|ab` on "ab" is "ab").
 *
 * The pattern is parsed into a program for a Pike VM (threads stepped in lock-step
 * over the text, one per program position), so a match costs at most text length ×
 * program size steps whatever the pattern: no backtracking, no ReDoS from a status
 * line. Bounds, so a format can never hold the server: a program of at most
 * MAX_PROGRAM instructions (`{m,n}` repeats are unrolled), and MAX_STEPS thread steps
 * per call, past which the call gives up as if the pattern had not compiled (the
 * modifier then leaves the text as it was, or says 0). Back-references inside a
 * pattern (`(a)\1`) are not supported: such a pattern does not compile here.
 *
 * Supported: `.` `[...]` (ranges, `[:class:]`, `[=c=]`, `[.c.]`, `^` negation),
 * `^` `$`, groups, `|`, `* + ? {m} {m,} {m,n}`, and glibc's `\w \W \s \S \b \B \< \>
 * \` \'`. Case folding (REG_ICASE) compares lower and upper case forms.
 */

/** Instructions bigger than this (after unrolling `{m,n}`) are refused, as regcomp refuses REG_ESIZE. */
export const MAX_PROGRAM = 4000;
/** Thread steps one call may take (~20 ms of work): past it, the call fails rather than hold the event loop. */
export const MAX_STEPS = 2_000_000;
/** The largest count of a `{m,n}` repeat, as glibc's RE_DUP_MAX. */
const RE_DUP_MAX = 0x7fff;

type Test = (cp: number) => boolean;
type Node =
  | { t: 'char'; test: Test }
  | { t: 'assert'; kind: Assert }
  | { t: 'group'; n: number; body: Node }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; min: number; max: number; body: Node };
type Assert = 'bol' | 'eol' | 'word' | 'nonword' | 'wstart' | 'wend';

type Inst =
  | { op: 'char'; test: Test }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'assert'; kind: Assert }
  | { op: 'match' };

class RegexError extends Error {}

const isWord = (cp: number | undefined) => cp !== undefined && (cp === 95 || /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp)));

const CLASSES: Record<string, Test> = {
  alpha: (c) => /\p{Alphabetic}/u.test(String.fromCodePoint(c)),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => CLASSES.alpha!(c) || CLASSES.digit!(c),
  upper: (c) => /\p{Uppercase}/u.test(String.fromCodePoint(c)),
  lower: (c) => /\p{Lowercase}/u.test(String.fromCodePoint(c)),
  space: (c) => /\s/u.test(String.fromCodePoint(c)),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => (c > 32 && c < 127 && !CLASSES.alnum!(c)) || (c > 127 && /\p{P}/u.test(String.fromCodePoint(c))),
  print: (c) => c >= 32 && c !== 127 && !(c >= 0x80 && c < 0xa0),
  graph: (c) => c > 32 && c !== 127 && !(c >= 0x80 && c < 0xa0) && !CLASSES.space!(c),
  cntrl: (c) => c < 32 || c === 127 || (c >= 0x80 && c < 0xa0),
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

/** A test that also accepts the other case of `cp` when folding. */
function folded(test: Test, icase: boolean): Test {
  if (!icase) return test;
  return (cp) => {
    if (test(cp)) return true;
    const s = String.fromCodePoint(cp);
    const lo = s.toLowerCase().codePointAt(0)!;
    const up = s.toUpperCase().codePointAt(0)!;
    return (lo !== cp && test(lo)) || (up !== cp && test(up));
  };
}

/** Parse a bracket expression whose `[` is at p[i - 1]; returns the test and the index after `]`. */
export function parseBracket(p: number[], i: number): { test: Test; next: number } | undefined {
  let negate = false;
  if (p[i] === 94 /* ^ */) { negate = true; i++; }
  const singles = new Set<number>();
  const ranges: Array<[number, number]> = [];
  const classes: Test[] = [];
  let first = true;
  for (;;) {
    if (i >= p.length) return undefined;
    let c = p[i]!;
    if (c === 93 /* ] */ && !first) { i++; break; }
    first = false;
    if (c === 91 /* [ */ && (p[i + 1] === 58 || p[i + 1] === 61 || p[i + 1] === 46)) {
      const kind = p[i + 1]!;
      let j = i + 2;
      while (j + 1 < p.length && !(p[j] === kind && p[j + 1] === 93)) j++;
      if (j + 1 >= p.length) return undefined;
      const name = String.fromCodePoint(...p.slice(i + 2, j));
      i = j + 2;
      if (kind === 58 /* : */) {
        const t = CLASSES[name];
        if (!t) return undefined;
        classes.push(t);
        continue;
      }
      if ([...name].length !== 1) return undefined;
      c = name.codePointAt(0)!;
    } else i++;
    if (p[i] === 45 /* - */ && p[i + 1] !== undefined && p[i + 1] !== 93) {
      const hi = p[i + 1]!;
      if (hi < c) return undefined;
      ranges.push([c, hi]);
      i += 2;
    } else singles.add(c);
  }
  const inSet: Test = (cp) => singles.has(cp) || ranges.some(([a, b]) => cp >= a && cp <= b) || classes.some((t) => t(cp));
  return { test: negate ? (cp) => !inSet(cp) : inSet, next: i };
}

class Parser {
  i = 0;
  groups = 0;
  constructor(readonly p: number[], readonly icase: boolean) {}

  parse(): Node {
    const n = this.alt();
    if (this.i < this.p.length) throw new RegexError('unmatched )');
    return n;
  }

  private alt(): Node {
    const items = [this.cat()];
    while (this.p[this.i] === 124 /* | */) {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private cat(): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== 124 && this.p[this.i] !== 41 /* ) */) {
      let atom = this.atom(items.length === 0);
      for (;;) {
        const q = this.quantifier();
        if (!q) break;
        atom = { t: 'rep', min: q[0], max: q[1], body: atom };
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { t: 'cat', items };
  }

  private quantifier(): [number, number] | undefined {
    const c = this.p[this.i];
    if (c === 42) { this.i++; return [0, Infinity]; }
    if (c === 43) { this.i++; return [1, Infinity]; }
    if (c === 63) { this.i++; return [0, 1]; }
    if (c !== 123 /* { */) return undefined;
    const rest = String.fromCodePoint(...this.p.slice(this.i, this.i + 16));
    const m = /^\{(\d{1,5})(,(\d{0,5}))?\}/.exec(rest);
    if (!m) throw new RegexError('invalid interval');
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    // glibc's RE_DUP_MAX (0x7fff), which tmux on Linux gets; the program's size bounds it further (MAX_PROGRAM).
    if (max < min || min > RE_DUP_MAX || (max !== Infinity && max > RE_DUP_MAX)) throw new RegexError('invalid interval');
    this.i += m[0].length;
    return [min, max];
  }

  private atom(leading: boolean): Node {
    const c = this.p[this.i++]!;
    const char = (test: Test): Node => ({ t: 'char', test: folded(test, this.icase) });
    switch (c) {
      case 40: { // (
        const n = ++this.groups;
        const body = this.p[this.i] === 41 ? { t: 'cat' as const, items: [] } : this.alt();
        if (this.p[this.i] !== 41) throw new RegexError('unmatched (');
        this.i++;
        return { t: 'group', n, body };
      }
      case 46: return { t: 'char', test: () => true };
      case 94: return { t: 'assert', kind: 'bol' };
      case 36: return { t: 'assert', kind: 'eol' };
      case 91: {
        const b = parseBracket(this.p, this.i);
        if (!b) throw new RegexError('bad bracket expression');
        this.i = b.next;
        return char(b.test);
      }
      case 92: { // backslash
        if (this.i >= this.p.length) throw new RegexError('trailing backslash');
        const e = this.p[this.i++]!;
        const k = String.fromCodePoint(e);
        if (k >= '1' && k <= '9') throw new RegexError('back-references are not supported');
        if (k === 'w') return { t: 'char', test: (x) => isWord(x) };
        if (k === 'W') return { t: 'char', test: (x) => !isWord(x) };
        if (k === 's') return { t: 'char', test: CLASSES.space! };
        if (k === 'S') return { t: 'char', test: (x) => !CLASSES.space!(x) };
        if (k === 'b') return { t: 'assert', kind: 'word' };
        if (k === 'B') return { t: 'assert', kind: 'nonword' };
        if (k === '<') return { t: 'assert', kind: 'wstart' };
        if (k === '>') return { t: 'assert', kind: 'wend' };
        if (k === '`') return { t: 'assert', kind: 'bol' };
        if (k === "'") return { t: 'assert', kind: 'eol' };
        return char((x) => x === e);
      }
      case 42: case 43: case 63:
        // A repetition with nothing before it stands for itself (glibc).
        if (leading) return char((x) => x === c);
        throw new RegexError('nothing to repeat');
      case 123:
        if (leading) return char((x) => x === c);
        throw new RegexError('nothing to repeat');
      default:
        return char((x) => x === c);
    }
  }
}

function compile(node: Node): Inst[] {
  const prog: Inst[] = [];
  const emit = (i: Inst) => {
    if (prog.length >= MAX_PROGRAM) throw new RegexError('pattern too big');
    prog.push(i);
    return prog.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'char': emit({ op: 'char', test: n.test }); return;
      case 'assert': emit({ op: 'assert', kind: n.kind }); return;
      case 'group':
        emit({ op: 'save', n: 2 * n.n });
        gen(n.body);
        emit({ op: 'save', n: 2 * n.n + 1 });
        return;
      case 'cat': for (const x of n.items) gen(x); return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((x, k) => {
          if (k < n.items.length - 1) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            (prog[split] as { x: number }).x = prog.length;
            gen(x);
            jumps.push(emit({ op: 'jmp', x: 0 }));
            (prog[split] as { y: number }).y = prog.length;
          } else gen(x);
        });
        for (const j of jumps) (prog[j] as { x: number }).x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.body);
        if (n.max === Infinity) {
          const split = emit({ op: 'split', x: 0, y: 0 });
          (prog[split] as { x: number }).x = prog.length;
          gen(n.body);
          emit({ op: 'jmp', x: split });
          (prog[split] as { y: number }).y = prog.length;
        } else {
          const outs: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            (prog[split] as { x: number }).x = prog.length;
            outs.push(split);
            gen(n.body);
          }
          for (const s of outs) (prog[s] as { y: number }).y = prog.length;
        }
        return;
      }
    }
  };
  emit({ op: 'save', n: 0 });
  gen(node);
  emit({ op: 'save', n: 1 });
  emit({ op: 'match' });
  return prog;
}

/**
 * A compiled pattern. `exec` gives the match's group offsets (code point indices, -1 when
 * unset), or null; searching from `from` sees the text before it for `\b` and `\<`, and `^`
 * does not match there (regexec's REG_NOTBOL).
 */
export interface Regex {
  exec(text: number[], from?: number, budget?: RegexBudget): number[] | null;
}

/**
 * A time limit shared by the matches of one search (copy mode's): past `deadline` (ms
 * since the epoch) a match gives up, returns null and sets `timedOut`, so that no pattern
 * holds the event loop longer than the caller allows.
 */
export interface RegexBudget {
  deadline: number;
  timedOut?: boolean;
}

/**
 * Compile a POSIX extended regular expression; undefined when regcomp would refuse it (or
 * it is too big here). Without `captures` only the whole match's offsets are kept, which
 * makes a pattern of many groups as cheap to run as one of none.
 */
export function compileRegex(pattern: string, icase = false, captures = true): Regex | undefined {
  let prog: Inst[];
  let groups: number;
  try {
    const parser = new Parser([...pattern].map((c) => c.codePointAt(0)!), icase);
    const node = parser.parse();
    groups = parser.groups;
    prog = compile(node);
  } catch (e) {
    if (e instanceof RegexError) return undefined;
    throw e;
  }
  const slots = captures ? 2 * (groups + 1) : 2;
  return { exec: (text, from = 0, budget) => run(prog, slots, text, from, budget) };
}

interface Thread { pc: number; caps: number[] }

/** The Pike VM: leftmost, then longest, match of `prog` in `text`. */
function run(prog: Inst[], slots: number, text: number[], from: number, budget?: RegexBudget): number[] | null {
  if (budget?.timedOut) return null;
  const mark = new Int32Array(prog.length).fill(-1);
  let gen = 0;
  let steps = 0;
  let best: number[] | null = null;

  const add = (list: Thread[], pc: number, caps: number[], pos: number) => {
    // An explicit stack keeps deep epsilon chains off the JS call stack.
    const stack: Thread[] = [{ pc, caps }];
    while (stack.length) {
      const t = stack.pop()!;
      if (mark[t.pc] === gen) continue;
      mark[t.pc] = gen;
      if (++steps > MAX_STEPS) throw new RegexError('too many steps');
      if (budget && (steps & 1023) === 0 && Date.now() > budget.deadline) {
        budget.timedOut = true;
        throw new RegexError('timed out');
      }
      const inst = prog[t.pc]!;
      switch (inst.op) {
        case 'jmp': stack.push({ pc: inst.x, caps: t.caps }); break;
        case 'split': stack.push({ pc: inst.y, caps: t.caps }, { pc: inst.x, caps: t.caps }); break;
        case 'save': {
          // A group's offsets a caller without captures does not keep: nothing to copy.
          if (inst.n >= slots) {
            stack.push({ pc: t.pc + 1, caps: t.caps });
            break;
          }
          const c = t.caps.slice();
          c[inst.n] = pos;
          stack.push({ pc: t.pc + 1, caps: c });
          break;
        }
        case 'assert':
          if (holds(inst.kind, text, pos)) stack.push({ pc: t.pc + 1, caps: t.caps });
          break;
        default: list.push(t);
      }
    }
  };

  let clist: Thread[] = [];
  try {
    for (let pos = from; pos <= text.length; pos++) {
      gen++;
      const seeded: Thread[] = [];
      // Threads carried over first (they started further left), then a new start here.
      for (const t of clist) seeded.push(t);
      clist = [];
      for (const t of seeded) add(clist, t.pc, t.caps, pos);
      if (!best) add(clist, 0, new Array<number>(slots).fill(-1), pos);
      // No thread here: done when a match was found, else a match may still start further on
      // (a pattern that starts with an assertion, `\<x`, has none where the assertion fails).
      if (clist.length === 0) {
        if (best) break;
        continue;
      }
      const next: Thread[] = [];
      for (const t of clist) {
        const inst = prog[t.pc]!;
        if (inst.op === 'match') {
          if (!best || t.caps[0]! < best[0]! || (t.caps[0] === best[0] && t.caps[1]! > best[1]!)) best = t.caps;
          continue;
        }
        if (best && t.caps[0]! > best[0]!) continue;
        if (inst.op === 'char' && pos < text.length && inst.test(text[pos]!)) next.push({ pc: t.pc + 1, caps: t.caps });
      }
      clist = next;
      if (best) clist = clist.filter((t) => t.caps[0]! <= best![0]!);
    }
  } catch (e) {
    if (e instanceof RegexError) return null;
    throw e;
  }
  return best;
}

function holds(kind: Assert, text: number[], pos: number): boolean {
  const before = isWord(text[pos - 1]);
  const after = isWord(text[pos]);
  switch (kind) {
    case 'bol': return pos === 0;
    case 'eol': return pos === text.length;
    case 'word': return before !== after;
    case 'nonword': return before === after;
    case 'wstart': return !before && after;
    case 'wend': return before && !after;
  }
}

/** Does `pattern` match somewhere in `text` (regexec == 0)? False when it does not compile. */
export function regexTest(pattern: string, text: string, icase = false): boolean {
  const re = compileRegex(pattern, icase);
  return !!re && re.exec([...text].map((c) => c.codePointAt(0)!)) !== null;
}

/**
 * Replace each match of `pattern` in `text` by `with` (`\0`-`\9` name groups), as tmux
 * 3.3a's regsub does — including its ways: each search starts afresh at the end of the
 * previous match (so `^` matches there again), an empty match right after a match is
 * skipped, a pattern starting with `^` replaces once, and `\N` of an empty or unset
 * group is the digit itself. Undefined when the pattern does not compile.
 */
export function regsub(pattern: string, withText: string, text: string, icase = false): string | undefined {
  if (text === '') return '';
  const re = compileRegex(pattern, icase);
  if (!re) return undefined;
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const str = (a: number, b: number) => String.fromCodePoint(...cps.slice(a, b));
  const end = cps.length;
  let out = '';
  let start = 0;
  let last = 0;
  let empty = false;
  while (start <= end) {
    const m = re.exec(cps.slice(start));
    if (!m) {
      out += str(start, end);
      break;
    }
    out += str(last, m[0]! + start);
    if (empty || start + m[0]! !== last || m[0] !== m[1]) {
      out += expandWith(withText, (i) => (i * 2 + 1 < m.length && m[2 * i]! !== m[2 * i + 1]! && m[2 * i]! >= 0 ? str(start + m[2 * i]!, start + m[2 * i + 1]!) : undefined));
      last = start + m[1]!;
      start += m[1]!;
      empty = false;
    } else {
      last = start + m[1]!;
      start += m[1]! + 1;
      empty = true;
    }
    if (pattern.startsWith('^')) {
      out += str(start, end);
      break;
    }
  }
  return out;
}

function expandWith(withText: string, group: (i: number) => string | undefined): string {
  let out = '';
  for (let i = 0; i < withText.length; i++) {
    let c = withText[i]!;
    if (c === '\\') {
      i++;
      if (i >= withText.length) break;
      c = withText[i]!;
      if (c >= '0' && c <= '9') {
        const g = group(Number(c));
        if (g !== undefined) {
          out += g;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}
