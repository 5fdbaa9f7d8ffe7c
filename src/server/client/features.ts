/*
 * What a client's terminal understands beyond the basics, as the ScreenWriter needs it
 * (TerminalFeatures): from the terminal-features option, read as tmux reads its own —
 * entries `pattern:feature:feature…`, the pattern matched (fnmatch-style: * and ?) against
 * the client's TERM, entries separated by commas too (so tmux's `,xterm*:usstyle`
 * appended with set -as works) — and the synchronized-output option.
 *
 *   usstyle     underline styles and colours (SGR 4:n, 58, 59)
 *   hyperlinks  OSC 8
 *
 * Other tmux feature names are accepted and ignored. tmux also asks the terminal what it
 * is (XTVERSION, device attributes); ccmux does not, so its default lists the terminals
 * known to understand both features, xterm* included: every terminal that sets
 * TERM=xterm-256color today (VTE, Konsole, iTerm2, Windows Terminal, VS Code, Alacritty,
 * xterm itself) parses colon sub-parameters and skips an OSC it does not know.
 */
import type { TerminalFeatures } from '../../render/screen-writer.js';

/** Features the option can name that ccmux uses. */
const KNOWN = ['usstyle', 'hyperlinks'] as const;

/** fnmatch(3)-style: `*` any run, `?` one character, everything else itself. */
export function matchPattern(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(name);
}

/** The features `entries` (terminal-features) give a terminal named `term`. */
export function featuresOf(entries: readonly string[], term: string | undefined, sync: boolean): TerminalFeatures {
  const out: TerminalFeatures = { usstyle: false, hyperlinks: false, sync };
  if (!term) return out;
  for (const entry of entries.flatMap((e) => e.split(','))) {
    const [pattern, ...features] = entry.split(':');
    if (!pattern || !matchPattern(pattern, term)) continue;
    for (const f of features) if ((KNOWN as readonly string[]).includes(f)) out[f as (typeof KNOWN)[number]] = true;
  }
  return out;
}
