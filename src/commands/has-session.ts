/*
 * has-session (has): exit 0 if the session exists, 1 (with a message) if not — for scripts.
 */
import { defineCommand } from './types.js';
import { resolveSession } from '../server/targets.js';

export default defineCommand({
  name: 'has-session',
  alias: ['has'],
  usage: '[-t target-session]',
  help: 'Check whether a session exists',
  args: { flags: '', options: 't', minArgs: 0, maxArgs: 0 },
  run(ctx, a) {
    resolveSession(ctx, a.values.get('t'));
  },
});
