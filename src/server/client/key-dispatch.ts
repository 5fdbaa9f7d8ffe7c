/*
 * Key dispatch of an attached client, as tmux's server_client_key_callback: which key
 * table a key is looked up in (the prefix table after the prefix, a table of
 * switch-client -T for one key, the copy-mode table of a pane in copy mode, else the
 * client's default table), repeat bindings (bind -r) keeping the prefix table for
 * repeat-time, and a key nothing binds written to the active pane.
 *
 * The client's input queue (input-queue.ts) hands it the keys it does not write to a
 * pane itself; one KeyDispatch per client owns the repeat timer.
 */
import type { OptionLayers } from '../../config/local-options.js';
import type { Pane } from '../pane.js';
import type { Server } from '../server.js';
import type { Session } from '../window.js';
import { writeKey } from './input-queue.js';

/** What key dispatch needs of the client it dispatches for. */
export interface KeyOwner {
  readonly server: Server;
  readonly session: Session | null;
  readonly at: OptionLayers;
  readonly activePane: Pane | undefined;
  readonly readOnly: boolean;
  /** The key table the next key is looked up in. */
  keyTable: string;
  /** The table it goes back to (the key-table option, else root). */
  readonly defaultKeyTable: string;
  runBinding(command: string): Promise<void>;
}

export class KeyDispatch {
  private repeatTimer: NodeJS.Timeout | null = null;

  constructor(private readonly c: KeyOwner) {}

  /** A key the input queue did not write to a pane itself. */
  async handleKey(key: string, raw: string): Promise<void> {
    const c = this.c;
    const { keys, options } = c.server;
    const root = c.defaultKeyTable;
    if (c.keyTable !== root && c.keyTable !== 'prefix') {
      // A table entered with switch-client -T: one key is looked up there, then back to
      // root; an unbound key ends the table and goes nowhere (tmux 3.3).
      const table = c.keyTable;
      c.keyTable = root;
      const b = keys.lookup(table, key);
      if (b) await c.runBinding(b.command);
      return;
    }
    if (c.keyTable === 'prefix') {
      const wasRepeating = this.repeatTimer !== null;
      this.endRepeat();
      c.keyTable = root;
      const b = keys.lookup('prefix', key);
      if (b && (!wasRepeating || b.repeat)) {
        if (b.repeat) this.startRepeat();
        await c.runBinding(b.command);
        return;
      }
      if (!wasRepeating) return; // unbound key after the prefix: ignored, as tmux does
    }
    if (key === options.get('prefix', c.at) || (options.get('prefix2', c.at) && key === options.get('prefix2', c.at))) {
      c.keyTable = 'prefix';
      return;
    }
    if (c.readOnly) {
      // Its keys only look up bindings (which run if read-only commands); none reaches a pane.
      const b = keys.lookup('root', key);
      if (b) await c.runBinding(b.command);
      return;
    }
    const pane = c.activePane;
    if (pane?.clockMode) {
      // Any key ends clock mode, and does nothing else (as in tmux).
      c.server.model.setClockMode(pane, false);
      return;
    }
    if (pane?.copyMode) {
      const table = options.get('mode-keys', c.at) === 'emacs' ? 'copy-mode' : 'copy-mode-vi';
      const b = keys.lookup(table, key);
      // An unbound key does nothing; what a binding changes in copy mode redraws the pane (paneDisplayChanged).
      if (b) await c.runBinding(b.command);
      return;
    }
    const b = keys.lookup(root, key);
    if (b) {
      await c.runBinding(b.command);
      return;
    }
    if (pane && c.session) writeKey(c.server, c.session.current, pane, key, raw);
  }

  private startRepeat(): void {
    const c = this.c;
    c.keyTable = 'prefix';
    this.repeatTimer = setTimeout(() => {
      this.repeatTimer = null;
      c.keyTable = c.defaultKeyTable;
    }, c.server.options.get('repeat-time', c.at) as number);
  }

  private endRepeat(): void {
    if (this.repeatTimer) clearTimeout(this.repeatTimer);
    this.repeatTimer = null;
  }

  /** The client has gone: no timer left behind. */
  dispose(): void {
    this.endRepeat();
  }
}
