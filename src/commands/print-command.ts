/*
 * Commands printed as tmux prints them (cmd_list_print, args_print, args_escape): the
 * full command name, the boolean flags together in byte order, then each flag with a
 * value in byte order, then the arguments; several commands joined by " ; ". A value
 * with any of ` #';${}%` goes in double quotes (with `"`, `$` and `\` escaped), one with
 * a space or `"` in single quotes; control characters as C escapes (\t, \n, \033). What
 * show-hooks shows and #{hook_arguments} hold; ccmux's own parser reads it back.
 * (print-commands.ts prints whole commands, against the registry.)
 */

import { escapeArg } from '../core/args-escape.js';

export { escapeArg };

/** A command's flags and arguments as tmux prints them (args_print): `-dh -c /tmp -t a:0 x`; `printed`: arguments already printed (a `{ }` group). */
export function printArgs(flags: ReadonlySet<string>, values: ReadonlyMap<string, readonly string[]>, args: readonly string[], printed?: ReadonlyMap<number, string>): string {
  const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const parts: string[] = [];
  const bool = [...flags].filter((f) => f.length === 1 && !values.has(f)).sort(byte).join('');
  if (bool) parts.push(`-${bool}`);
  for (const f of [...values.keys()].filter((k) => k.length === 1).sort(byte)) for (const v of values.get(f)!) parts.push(`-${f}`, escapeArg(v));
  for (const f of [...flags].filter((k) => k.length > 1).sort(byte)) {
    const vs = values.get(f);
    if (vs?.length) for (const v of vs) parts.push(`--${f}`, escapeArg(v));
    else parts.push(`--${f}`);
  }
  for (const [i, a] of args.entries()) parts.push(printed?.get(i) ?? escapeArg(a));
  return parts.join(' ');
}
