/*
 * has-session (has): exit 0 if the session exists, 1 (with a message) if not — for scripts.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'has-session',
  alias: ['has'],
  help: 'Check whether a session exists',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0, names: { t: 'target-session' }, target: { kind: 'session' } },
  run(ctx, a) {
    a.session!;
  },
});
