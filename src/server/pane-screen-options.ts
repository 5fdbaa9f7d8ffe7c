/*
 * Window options that change how a pane's terminal takes its program's output, as tmux's
 * input.c applies them, registered on the pane's xterm parser (handlers run before
 * xterm's own; one that returns true stops the sequence there):
 *
 *   alternate-screen off   DEC modes 47, 1047 and 1049 (set and reset) are ignored: the
 *                          program draws on the normal screen, its output stays in the
 *                          history (tmux skips screen_alternate_on/off for them)
 *
 * `option` looks the option up for the pane as it is now (its window may change).
 */
import type { HeadlessTerminal } from '../render/xterm.js';

const ALTERNATE_MODES = [47, 1047, 1049];

/** Register the handlers on `term`; returns them, to dispose. */
export function applyScreenOptions(term: HeadlessTerminal, option: (name: string) => unknown): Array<{ dispose(): void }> {
  // A sequence setting only alternate-screen modes is dropped while the option is off.
  // (One that also sets other modes is left whole to xterm: programs do not mix them.)
  const refuse = (params: (number | number[])[]) =>
    params.length > 0 && params.every((p) => typeof p === 'number' && ALTERNATE_MODES.includes(p)) && option('alternate-screen') === false;
  return [
    term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, refuse),
    term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, refuse),
  ];
}
