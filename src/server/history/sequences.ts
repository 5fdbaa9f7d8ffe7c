/*
 * The sequences that reset or clear a pane's screen, caught before xterm applies them so
 * that the history follows them as tmux's does (xterm alone would lose or keep lines):
 *
 *   ESC c         RIS       the screen's used rows join the history; xterm then starts
 *                           new buffers (PaneHistory follows the new one)
 *   CSI 2 J       ED 2      on the normal screen: its used rows join the history (while
 *                           the pane's scroll-on-clear is on), then xterm erases it
 *   CSI 3 J       ED 3      the history is emptied — on the alternate screen too
 *   CSI ? 3 h/l   DECCOLM   cursor home and ED 2 (scroll-on-clear too), as in tmux
 *                           (xterm ignores DECCOLM)
 *
 * Handlers added through xterm's parser API run before xterm's own; they return false
 * so that xterm's run after them.
 */
import { homeAndEraseScreen, normalIsActive, type HeadlessTerminal } from '../../render/xterm.js';

/** What the sequences do to a history. */
export interface HistoryActions {
  /** Move the used rows of the normal screen (and everything above them) into the history. */
  screenToHistory(): void;
  /** Empty the history (the screen stays). */
  clear(): void;
  /** Whether a clear (ED 2, DECCOLM) keeps the screen first (tmux's scroll-on-clear). */
  scrollOnClear(): boolean;
}

/** Make `history` follow `term`'s resets and clears. Returns the handlers, to dispose. */
export function followResetsAndClears(term: HeadlessTerminal, history: HistoryActions): Array<{ dispose(): void }> {
  const deccolm = (params: (number | number[])[]) => {
    if (params.includes(3)) {
      if (normalIsActive(term) && history.scrollOnClear()) history.screenToHistory();
      homeAndEraseScreen(term);
    }
    return false;
  };
  return [
    term.parser.registerEscHandler({ final: 'c' }, () => {
      history.screenToHistory();
      return false;
    }),
    term.parser.registerCsiHandler({ final: 'J' }, (params) => {
      if (params[0] === 2 && normalIsActive(term) && history.scrollOnClear()) history.screenToHistory();
      if (params[0] === 3) history.clear();
      return false;
    }),
    term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, deccolm),
    term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, deccolm),
  ];
}
