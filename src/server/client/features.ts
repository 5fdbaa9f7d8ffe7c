/*
 * What a client's ScreenWriter is told of its terminal (TerminalFeatures), from what the
 * terminal is sent (TermOutput, core/term-description.ts: terminfo, terminal-features,
 * terminal-overrides) and the synchronized-output option:
 *
 *   usstyle     underline styles (Smulx), their colours with Setulc
 *   hyperlinks  OSC 8 (the hyperlinks feature, tmux 3.4's)
 *   sync        frames between Sync 1 and Sync 2, when synchronized-output is on
 *   rgb         RGB colours (setrgbf, setrgbb: Tc, RGB), else the nearest palette colour
 *   colours     256, 16 or 8: fewer colours brought down as tmux's tty_check_fg
 */
import type { TerminalFeatures } from '../../render/screen-writer.js';
import type { TermOutput } from '../../core/term-description.js';

/** The writer's features for a terminal sent `out`, with synchronized-output `sync`. */
export function writerFeatures(out: TermOutput, sync: boolean): TerminalFeatures {
  return {
    usstyle: out.usstyle,
    ulColour: out.ulColour,
    hyperlinks: out.hyperlinks,
    sync: sync && out.syncStart !== '',
    syncStart: out.syncStart,
    syncEnd: out.syncEnd,
    rgb: out.rgb,
    colours: out.colours,
  };
}
