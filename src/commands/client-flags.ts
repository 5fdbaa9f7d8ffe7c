/*
 * A client's flags as attach-session -f, new-session -f and refresh-client -f set them
 * (tmux 3.3a's server_client_set_flags): `read-only` and `ignore-size` on any client,
 * `no-output` and `pause-after[=N]` on a control client; `!flag` clears one. As tmux,
 * `!read-only` never makes a read-only client writable. An ignore-size client does not
 * size the windows it shows while a client that does is attached, so its session's
 * windows are sized again.
 */
import { CommandError } from '../core/errors.js';
import type { ControlFlags } from '../protocol/control-lines.js';
import type { ClientHandle } from '../server/client/handle.js';
import type { ControlClient } from '../server/control/control-client.js';
import type { Server } from '../server/server.js';

/** Does `f` hold a flag only a control client has? */
export function hasControlFlags(f: ControlFlags): boolean {
  return f.noOutput !== undefined || 'pauseAfter' in f;
}

/** Set `f` on client `c`; a control client's flags on another client are an error. */
export function applyClientFlags(server: Server, c: ClientHandle, f: ControlFlags): void {
  if (hasControlFlags(f)) {
    if (!c.control) throw new CommandError('not a control client');
    (c as unknown as ControlClient).setFlags(f);
  }
  if (f.readOnly) c.readOnly = true;
  if (f.ignoreSize !== undefined && f.ignoreSize !== c.ignoreSize) {
    c.ignoreSize = f.ignoreSize;
    if (c.session) server.resizeSession(c.session);
  }
}
