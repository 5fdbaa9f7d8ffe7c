/*
 * Style directives inside an expanded status-left/right (or any status text), as tmux
 * draws them: `#[fg=green,bold]text#[default]more`. Each directive changes the style of
 * what follows, on top of the one before: `fg=`/`bg=` set a colour, an attribute adds to
 * the attributes, `noATTR` takes one away, `none` clears them, `default` goes back to the
 * status line's own style. `##` is a literal `#` (so `##[` is a literal `#[`). `align=` (left, centre, right,
 * absolute-centre) is noted on the runs after it, for status-format lines to place them;
 * tmux's other layout directives (`list=`, `range=`, `fill=`, `push-default`, …) and
 * anything unknown are ignored, as is a `#[` never closed (kept as text). Every tmux
 * theme and status-line plugin uses these.
 */
import { parseColour, parseStyle, StyleError } from './option-values.js';

export type Align = 'left' | 'centre' | 'right' | 'absolute-centre';

export interface StyledRun {
  text: string;
  /** What the directives before it set; fields not set come from the status line's style. */
  style?: { fg?: number; bg?: number; flags?: number };
  /** The last `align=` before it, if any. */
  align?: Align;
}

const ALIGNS: readonly string[] = ['left', 'centre', 'right', 'absolute-centre'];

/** The `align=` of a directive's body, if it has one. */
function alignOf(body: string): Align | undefined {
  let found: Align | undefined;
  for (const token of body.split(/[\s,]+/)) {
    const m = /^align=(.*)$/i.exec(token);
    if (m && ALIGNS.includes(m[1]!.toLowerCase())) found = m[1]!.toLowerCase() as Align;
  }
  return found;
}

/**
 * Apply one directive's tokens to `cur`; returns the new style. `default` goes back to
 * `base` (the status line's own style, or what a `push-default` made the default).
 */
export function applyDirective(cur: NonNullable<StyledRun['style']>, body: string, base: NonNullable<StyledRun['style']> = {}): NonNullable<StyledRun['style']> {
  let next = { ...cur };
  for (const token of body.split(/[\s,]+/).filter(Boolean)) {
    const lower = token.toLowerCase();
    if (lower === 'default') {
      next = { ...base };
      continue;
    }
    if (lower === 'none') {
      next.flags = 0;
      continue;
    }
    const eq = lower.indexOf('=');
    if (eq >= 0) {
      const which = lower.slice(0, eq);
      if (which !== 'fg' && which !== 'bg') continue; // align=, list=, range=, fill=, …
      try {
        next[which] = parseColour(token.slice(eq + 1));
      } catch (err) {
        if (!(err instanceof StyleError)) throw err;
      }
      continue;
    }
    const neg = lower.startsWith('no') ? lower.slice(2) : undefined;
    try {
      const on = parseStyle(neg ?? lower).flags;
      if (on === 0) continue; // push-default, nolist, …: a layout word, no attribute
      next.flags = neg ? (next.flags ?? 0) & ~on : (next.flags ?? 0) | on;
    } catch (err) {
      if (!(err instanceof StyleError)) throw err; // push-default, nolist, …: not a style
    }
  }
  return next;
}

/**
 * Walk status text as tmux's format_draw reads it: `text` for what is drawn (a run of #s
 * halved, `##[` a literal `#[`), `directive` for the body of each `#[…]`; a `#[` never
 * closed is text.
 */
export function walkStyled(text: string, on: { text(s: string): void; directive(body: string): void }): void {
  let buf = '';
  const flush = (): void => {
    if (buf) on.text(buf);
    buf = '';
  };
  for (let i = 0; i < text.length; i++) {
    // A run of n #s (format_draw): n/2 of them (rounded up) when no [ follows; before a [,
    // n/2 and a literal [ when n is even, else n/2 and the last # opens a directive.
    if (text[i] === '#' && text[i + 1] !== '[' && i + 1 < text.length) {
      let n = 1;
      while (text[i + n] === '#') n++;
      if (text[i + n] !== '[') {
        buf += '#'.repeat(Math.ceil(n / 2));
        i += n - 1;
        continue;
      }
      buf += '#'.repeat(Math.floor(n / 2));
      if (n % 2 === 0) {
        buf += '[';
        i += n;
        continue;
      }
      i += n - 1;
    }
    if (text[i] === '#' && text[i + 1] === '[') {
      const end = text.indexOf(']', i + 2);
      if (end < 0) {
        buf += text.slice(i);
        break;
      }
      flush();
      on.directive(text.slice(i + 2, end));
      i = end;
      continue;
    }
    buf += text[i];
  }
  flush();
}

/** Split status text into runs at its `#[…]` directives. */
export function styledRuns(text: string): StyledRun[] {
  const runs: StyledRun[] = [];
  let cur: NonNullable<StyledRun['style']> = {};
  let align: Align | undefined;
  walkStyled(text, {
    text(t) {
      runs.push({ text: t, ...(Object.keys(cur).length ? { style: { ...cur } } : {}), ...(align ? { align } : {}) });
    },
    directive(body) {
      cur = applyDirective(cur, body);
      align = alignOf(body) ?? align;
    },
  });
  return runs;
}
