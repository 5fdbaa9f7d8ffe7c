/*
 * tmux-style format strings, as used by the status line, `display-message -p` and the
 * `-F` of list commands: `#{pane_id}`, the short forms `#S #W #I #P #D #T #F #H #h`, `##`
 * for a literal `#`, conditionals `#{?name,then,else}`, and every modifier of tmux 3.3a
 * (comparisons, `m:` matching, `s/re/with/`, `=N:` and `p N:`, `e|op:` arithmetic, `t:`
 * times, `b: d: q: l: a: c: n: w: E: T: N: C:`, the `S: W: P:` loops) — and, for the
 * status line and display-message, strftime's `%H:%M`-style fields. Pure: variables
 * and what needs the server come from a FormatContext. A variable's value is shown with
 * its control characters as visible escapes (core/escape.ts), as tmux does: a program
 * or title from outside can never put a terminal sequence into a list, `display -p` or
 * the status line.
 *
 * The pieces: format/expand.ts (the expander), modifiers.ts (reading a modifier list),
 * arithmetic.ts, regex.ts (POSIX extended regular expressions, linear time), fnmatch.ts,
 * text.ts (widths, cutting, padding, quoting), time.ts, colour.ts.
 */
import { expand, type FormatContext } from './format/expand.js';

export type { FormatContext } from './format/expand.js';
export { strftime, showsSeconds, showsTime } from './format/time.js';

/** A variable lookup alone: a FormatContext with nothing else. */
export type FormatLookup = (name: string) => string | undefined;

/**
 * Expand `#...` sequences. Unknown variables expand to the empty string, as in tmux.
 * With `time`, strftime fields (`%H`) are expanded too, as tmux does for the status
 * line and display-message.
 */
export function expandFormat(fmt: string, ctx: FormatLookup | FormatContext, time = false): string {
  return expand(fmt, typeof ctx === 'function' ? { lookup: ctx } : ctx, time);
}
