/*
 * send-keys (send): type into a pane as if the user did. Each argument is a key name
 * (Enter, C-c, Up, F5 — sent as the bytes a terminal sends, honouring the program's
 * cursor-key mode) or, when it is not one, literal text; -l sends every argument as
 * literal text; -N repeats; -X runs a copy-mode command on the pane (send-keys -X
 * search-forward text: tmux's names, see src/server/copy-commands.ts). With
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

export default defineCommand({
  name: 'send-keys',
  alias: ['send'],
  help: 'Send keys or text to a pane',
  args: { flags: 'lMRX', options: 'Nt', minArgs: 0, maxArgs: -1, names: { N: 'repeat-count', t: 'target-pane' }, positional: 'key ...', target: { kind: 'pane' } },
  run(ctx, a) {
    if (a.flags.has('M')) {
      if (!ctx.mouse || !mousePane(ctx.mouse)) throw new CommandError('no mouse target');
      forwardMouse(ctx.server, ctx.mouse);
      return;
    }
    const r = a.target!;
    const pane = r.pane;
    const nText = a.values.get('N') ?? '1';
    if (!/^\d+$/.test(nText) || Number(nText) < 1 || Number(nText) > 100000) throw new CommandError(`invalid repeat count: ${nText}`);
    if (a.flags.has('X')) {
      if (!pane.copyMode) throw new CommandError('not in a mode');
      const [name, ...rest] = a.args;
      if (!name) throw new CommandError('no copy-mode command given');
      const mouse = ctx.mouse;
      if (mouse && mousePane(mouse) === pane) {
        moveCopyCursorToMouse(mouse, pane, name);
        if (name === 'begin-selection') {
          startCopyDrag(ctx.server, mouse);
          return;
        }
      }
      for (let i = 0; i < Number(nText) && pane.copyMode; i++) {
        if (runCopyCommandOn(ctx.server, pane, name, rest) === 'unbound') {
          throw new CommandError(`unknown copy-mode command: ${name}${didYouMean(name, COPY_COMMANDS)}`);
        }
      }
      return;
    }
    if (a.flags.has('R')) {
      pane.term.reset();
      ctx.server.model.paneDisplayChanged(pane);
    }
    const backspace = backspaceByte(ctx.server.options.get('backspace') as string);
    const bytesFor = (p: Pane) => {
      const modes = { appCursor: p.term.modes.applicationCursorKeysMode, appKeypad: p.term.modes.applicationKeypadMode };
      let data = '';
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
      return data.repeat(Number(nText));
    };
    pane.write(bytesFor(pane));
    for (const p of synchronizedPanes(ctx.server.options, r.window, pane)) p.write(bytesFor(p));
  },
});
