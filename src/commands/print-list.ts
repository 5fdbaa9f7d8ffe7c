/*
 * Printing a list command's items: one line each, by its -F format or the default one.
 */
import type { ParsedArgs } from './args.js';
import type { CommandContext } from './types.js';
import { expandFor, type FormatScope } from '../server/format-vars.js';

/** Print one line per item: -F format, else the default format. */
export function printList(ctx: CommandContext, a: ParsedArgs, scopes: FormatScope[], dflt: string): void {
  const fmt = a.values.get('F') ?? dflt;
  const filter = a.values.get('f');
  for (const s of scopes) {
    // -f: only the items the filter format is true for (not empty, not "0"), as tmux.
    if (filter !== undefined && !isTrue(expandFor(ctx.server, filter, s))) continue;
    ctx.out(expandFor(ctx.server, fmt, s) + '\n');
  }
}

/** tmux's format_true. */
function isTrue(text: string): boolean {
  return text !== '' && text !== '0';
}
