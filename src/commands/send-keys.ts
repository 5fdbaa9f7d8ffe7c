/*
 * send-keys (send): type into a pane as if the user did. Each argument is a key name
 * (Enter, C-c, Up, F5 — sent as the bytes a terminal sends, honouring the program's
 * cursor-key mode) or, when it is not one, literal text; -l sends every argument as
 * literal text; -H each argument as a byte in hex (one that is not is skipped, as
 * tmux); -N repeats (in copy mode without keys, the next command's repeat count, as
 * tmux's prefix); -X runs a copy-mode command on the pane (send-keys -X search-forward
 * text: tmux's names, see src/server/copy/commands.ts), -F expanding the search text
 * of search-* commands as a format, as tmux 3.3a does (its only use of -F). With
 * synchronize-panes on, the keys go to the window's other synchronized panes too, each
 * encoded for its program, as tmux 3.3 sends them (synchronize-panes.ts). -M sends the
 * mouse event of the binding running to the pane under it (a program that asked for the
 * mouse gets it, server/mouse-target.ts); -X from a mouse binding first moves copy mode's
 * cursor to the mouse, and begin-selection starts a drag (copy/mouse.ts), as tmux's.
 */
import { defineCommand } from './types.js';
import { keyBytesFor, paneExtended } from '../server/client/input-queue.js';
import { extendedForm, extendedKeyBytes } from '../server/extended-keys.js';
import { keyToBytes, parseKey } from '../core/keys.js';
import { CommandError } from '../core/errors.js';
import { runCopyCommandOn } from '../server/copy/clipboard.js';
import { COPY_COMMANDS } from '../server/copy/commands.js';
import { didYouMean } from '../config/suggest.js';
import { synchronizedPanes } from '../server/synchronize-panes.js';
import { backspaceByte, withBackspace } from '../server/backspace-key.js';
import type { Pane } from '../server/pane.js';
import { mousePane } from '../server/mouse-target.js';
import { forwardMouse } from '../server/mouse-forward.js';
import { moveCopyCursorToMouse, startCopyDrag } from '../server/copy/mouse.js';
import { expandFor } from '../server/format-vars.js';

/** Repeats at most: tmux takes up to 2^32−1, which would hold the server for minutes. */
const MAX_REPEAT = 100_000;

/** Copy-mode commands run in one turn of the event loop (~10 ms of cursor motions). */
const COPY_REPEAT_TURN = 250;

/** -N's count, with tmux's messages. */
function repeatCount(text: string): number {
  if (!/^-?\d+$/.test(text)) throw new CommandError('repeat count invalid');
  const n = Number(text);
  if (n < 1) throw new CommandError('repeat count too small');
  if (n > MAX_REPEAT) throw new CommandError(`repeat count too large (at most ${MAX_REPEAT})`);
  return n;
}

/** -H's arguments as bytes: each a number in hex up to ff; one that is not is skipped, as tmux's strtol check. */
export function hexBytes(args: readonly string[]): number[] {
  return args.filter((x) => /^\s*(0x)?[0-9a-f]+$/i.test(x) && parseInt(x, 16) <= 0xff).map((x) => parseInt(x, 16));
}

export default defineCommand({
  name: 'send-keys',
  alias: ['send'],
  help: 'Send keys or text to a pane',
  args: { flags: 'FHlMRX', options: 'Nt', minArgs: 0, maxArgs: -1, names: { N: 'repeat-count', t: 'target-pane' }, positional: 'key ...', target: { kind: 'pane' } },
  async run(ctx, a) {
    if (a.flags.has('M')) {
      if (!ctx.mouse || !mousePane(ctx.mouse)) throw new CommandError('no mouse target');
      forwardMouse(ctx.server, ctx.mouse);
      return;
    }
    const r = a.target!;
    const pane = r.pane;
    const nText = a.values.get('N');
    const n = nText === undefined ? 1 : repeatCount(nText);
    const copy = pane.copyMode;
    if (nText !== undefined && copy && (a.flags.has('X') || a.args.length === 0)) copy.repeat = n;
    if (a.flags.has('X')) {
      if (!copy) throw new CommandError('not in a mode');
      const [name, ...rest] = a.args;
      if (!name) throw new CommandError('no copy-mode command given');
      if (a.flags.has('F') && name.startsWith('search-') && rest[0] !== undefined) {
        const window = ctx.server.model.windowOf(pane);
        rest[0] = expandFor(ctx.server, rest[0], { session: window && ctx.server.model.sessionOf(window), window, pane });
      }
      // From a mouse binding: the cursor to the mouse first; begin-selection starts a drag.
      const mouse = ctx.mouse;
      if (mouse && mousePane(mouse) === pane) {
        moveCopyCursorToMouse(mouse, pane, name);
        if (name === 'begin-selection') {
          copy.repeat = 1;
          startCopyDrag(ctx.server, mouse);
          return;
        }
      }
      const times = copy.repeat;
      copy.repeat = 1;
      for (let i = 0; i < times && pane.copyMode === copy; i++) {
        if (runCopyCommandOn(ctx.server, pane, name, rest) === 'unbound') {
          throw new CommandError(`unknown copy-mode command: ${name}${didYouMean(name, COPY_COMMANDS)}`);
        }
        // A motion costs ~40 µs: let other clients and panes in between runs of them.
        if (i % COPY_REPEAT_TURN === COPY_REPEAT_TURN - 1) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return;
    }
    if (a.args.length === 0 && nText !== undefined) return;
    if (a.flags.has('R')) {
      pane.term.reset();
      ctx.server.model.paneDisplayChanged(pane);
    }
    const backspace = backspaceByte(ctx.server.options.get('backspace') as string);
    const bytesFor = (p: Pane) => {
      const modes = { appCursor: p.term.modes.applicationCursorKeysMode, appKeypad: p.term.modes.applicationKeypadMode };
      let data = '';
      if (a.flags.has('H')) return Buffer.from(hexBytes(a.args)).toString('latin1').repeat(n);
      for (const arg of a.args) {
        if (a.flags.has('l')) {
          data += arg;
          continue;
        }
        const key = parseKey(arg);
        if (key instanceof Error) data += arg;
        // BSpace as the backspace option says; C-? is DEL itself, as in tmux.
        else {
          const bytes = arg.includes('?') ? keyToBytes(key, modes) : withBackspace(key, keyToBytes(key, modes), backspace);
          // A key with modifiers and no legacy bytes (C-Enter, S-Enter): as extended-keys.ts
          // says for the pane; one tmux has no bytes for at all goes as its name, as tmux's.
          const form = extendedForm(bytes);
          data += form ? (extendedKeyBytes(form, paneExtended(p)) ?? arg) : keyBytesFor(p, bytes);
        }
      }
      return data.repeat(n);
    };
    // -H bytes go as they are (latin1 maps each char to its byte); the rest as UTF-8.
    const encode = (text: string) => (a.flags.has('H') ? Buffer.from(text, 'latin1') : text);
    pane.write(encode(bytesFor(pane)));
    for (const p of synchronizedPanes(ctx.server.options, r.window, pane)) p.write(encode(bytesFor(p)));
  },
});
