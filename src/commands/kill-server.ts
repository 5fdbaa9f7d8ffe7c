/*
 * kill-server: end every session and the server. Clients are detached first. The final
 * checkpoint is marked clean: nothing is restored next time unless asked (`ccmux restore`).
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'kill-server',
  help: 'Kill the server and every session',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    setImmediate(() => ctx.server.shutdown('kill-server', true));
  },
});
