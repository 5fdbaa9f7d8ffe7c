/*
 * Expanded status-line text as styled segments (pure): its `#[…]` runs laid over a base
 * style as tmux's style_add does. The window list, status-left/-right, status-format
 * lines and messages all draw through it.
 */
import { COLOUR_DEFAULT, type ParsedStyle } from '../../config/option-values.js';
import { styledRuns, type StyledRun } from '../../config/styled-text.js';
import type { Segment, Style } from '../../render/style.js';

/** A colour over `base`: as in tmux, `default` (-1) keeps what is underneath. */
const colour = (top: number | undefined, base: number | undefined) => (top === undefined || top === COLOUR_DEFAULT ? base : top);

/** `top` over `base` as tmux's style_add: colours replace (but `default`), attributes add. */
export function addStyle(base: Style, top: ParsedStyle): Style {
  return { fg: colour(top.fg, base.fg), bg: colour(top.bg, base.bg), flags: (base.flags ?? 0) | top.flags };
}

/** A #[…] run over its entry's style: `#[none]` (flags 0) clears the attributes, `fg=default` is the entry's, as in tmux. */
export function runOver(base: Style, run: StyledRun['style']): Style {
  if (!run) return base;
  return { fg: colour(run.fg, base.fg), bg: colour(run.bg, base.bg), flags: run.flags === undefined ? base.flags : run.flags === 0 ? 0 : (base.flags ?? 0) | run.flags };
}

/** Runs of expanded status text as segments over `base`. */
export function segmentsOver(text: string, base: Style): Segment[] {
  return styledRuns(text).map((r) => ({ text: r.text, style: runOver(base, r.style) }));
}

