/*
 * start-server (start): make sure a server is running (the CLI starts it); does nothing else.
 */
import { defineCommand } from './types.js';

export default defineCommand({
  name: 'start-server',
  alias: ['start'],
  help: 'Start the server if it is not running',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run() {},
});
