/*
 * source-file (source): re-read ccmux.toml (or the given file) in the running server.
 * Running panes are untouched; options, key bindings and Claude settings are replaced
 * only if the whole file is valid — otherwise the errors are shown and the old config
 * stays in force. Bound to prefix R.
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { readConfig } from './read-config.js';
import path from 'node:path';

export default defineCommand({
  name: 'source-file',
  alias: ['source'],
  help: 'Reload the config file (or load another)',
  args: { flags: 'qn', options: '', minArgs: 0, maxArgs: 1, positional: '[path]' },
  run(ctx, a) {
    const { server } = ctx;
    const file = a.args[0] ? path.resolve(ctx.caller.cwd, a.args[0]) : server.opts.configFile;
    if (!file) {
      if (a.flags.has('q')) return;
      throw new CommandError('no config file to load (none was found at start-up; give a path)');
    }
    const { loaded, errors } = readConfig(file, (text) => ctx.runner.check(text));
    if (!loaded) {
      // A client's status line has room for one line: the first error. The CLI gets them all.
      if (ctx.client) throw new CommandError(`not reloaded: ${errors[0]}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`);
      throw new CommandError(`config not reloaded, the old one stays in force:\n${errors.join('\n')}`);
    }
    if (a.flags.has('n')) return; // check only
    server.applyConfig(loaded, file);
    if (ctx.client) ctx.client.showMessage(`reloaded ${file}`);
  },
});
