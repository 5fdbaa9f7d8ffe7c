/*
 * A command's number argument read as tmux reads one (args_strtonum: OpenBSD strtonum
 * within [min, max]), its error in tmux's words: "<what> invalid", "<what> too small",
 * "<what> too large" (split-window's "lines too large", resize-pane's "adjustment invalid").
 */
import { strtonumCause } from '../core/format/arithmetic.js';
import { CommandError } from '../core/errors.js';

/** C's INT_MAX, tmux's bound for most sizes and counts. */
export const INT_MAX = 2147483647;

/** `text` as a whole number in [min, max], or a CommandError naming `what`. */
export function numberArg(text: string, min: number, max: number, what: string): number {
  const n = strtonumCause(text, min, max);
  if (typeof n === 'string') throw new CommandError(`${what} ${n}`);
  return n;
}
