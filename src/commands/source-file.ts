/*
 * source-file (source): with no path, re-read ccmux.toml in the running server, then the
 * tmux configuration files its `tmux-conf` lists. Running panes are untouched; options,
 * key bindings and Claude settings are replaced only if the whole ccmux.toml is valid —
 * otherwise the errors are shown and the old config stays in force. Bound to prefix R.
 * With paths: a `*.toml` path is loaded the same way (and re-read by later reloads); any
 * other is a tmux configuration file, run command by command as tmux does (tmux-conf.ts;
 * ~, globs, -F formats in the path; -q: a missing file is fine; -n: only check it; -v:
 * print each line's commands as tmux prints them).
 */
import { defineCommand, type CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import { readConfig, buildConfig } from './read-config.js';
import path from 'node:path';
import fs from 'node:fs';
import { expandHome, globFiles, isTomlConfig, printPlan, runTmuxConf, runTmuxConfList } from './tmux-conf.js';
import { splitTmuxConf } from '../config/tmux-conf.js';
import { parseCommandLines, quoteArgv, CommandParseError } from '../core/parse-command.js';
import { expandFor } from '../server/format-vars.js';
import { presentItems } from '../config/option-values.js';

/** Report a file's errors: every line to the CLI, the first to a client's status line. */
function report(ctx: CommandContext, what: string, errors: string[]): void {
  if (!errors.length) return;
  if (ctx.client) throw new CommandError(`${what}: ${errors[0]}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`);
  throw new CommandError(errors.join('\n'));
}

/** source-file -n of a tmux configuration file: its syntax and every command's name and flags. */
function checkTmuxConf(ctx: CommandContext, file: string, verbose = false): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return [`${file}: ${(err as Error).message}`];
  }
  const errors: string[] = [];
  const plan: Array<{ argv: string[]; where: string }> = [];
  for (const item of splitTmuxConf(text)) {
    if (item.kind === 'error') errors.push(`${file}:${item.line}: ${item.message}`);
    if (item.kind !== 'text') continue;
    try {
      for (const { argv, line } of parseCommandLines(item.text, { home: ctx.server.opts.home, variable: () => '' })) {
        if (argv.length === 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0]!)) continue;
        const bad = ctx.runner.check(quoteArgv(argv), presentItems(ctx.server.options.get('command-alias')));
        if (bad) errors.push(`${file}:${item.line + line - 1}: ${bad}`);
        else if (verbose) plan.push({ argv, where: `${file}:${item.line + line - 1}` });
      }
    } catch (err) {
      if (!(err instanceof CommandParseError)) throw err;
      errors.push(`${file}:${item.line + err.line - 1}: ${err.reason}`);
    }
  }
  if (verbose) printPlan(ctx, plan);
  return errors;
}

/** Reload ccmux.toml (`file`, or the defaults when there is none) and then its tmux-conf list. */
async function reloadToml(ctx: CommandContext, file: string | undefined, checkOnly: boolean): Promise<void> {
  const { server } = ctx;
  const { loaded, errors } = file ? readConfig(file, (text) => ctx.runner.check(text)) : { loaded: buildConfig(undefined), errors: [] };
  if (!loaded) {
    // A client's status line has room for one line: the first error. The CLI gets them all.
    if (ctx.client) throw new CommandError(`not reloaded: ${errors[0]}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`);
    throw new CommandError(`config not reloaded, the old one stays in force:\n${errors.join('\n')}`);
  }
  if (checkOnly) return;
  server.applyConfig(loaded, file);
  const conf = await runTmuxConfList(ctx);
  report(ctx, 'reloaded, but', conf.errors);
  if (ctx.client) ctx.client.showMessage(`reloaded ${file ?? 'the defaults'}`);
}

export default defineCommand({
  name: 'source-file',
  alias: ['source'],
  help: 'Reload the config file, or run a tmux configuration file',
  args: { flags: 'Fnqv', options: '', minArgs: 0, maxArgs: -1, positional: '[path ...]' },
  async run(ctx, a) {
    const { server } = ctx;
    const checkOnly = a.flags.has('n');
    if (a.args.length === 0) {
      const file = server.opts.configFile;
      if (file && !isTomlConfig(file)) {
        // Started with -f on a tmux configuration file: reloading runs it again.
        const r = checkOnly ? { errors: checkTmuxConf(ctx, file, a.flags.has('v')) } : await runTmuxConf(ctx, file, false, a.flags.has('v'));
        report(ctx, 'reloaded, but', r.errors);
        if (ctx.client && !checkOnly) ctx.client.showMessage(`reloaded ${file}`);
        return;
      }
      if (!file && !a.flags.has('q') && (server.options.get('tmux-conf') as string[]).length === 0) {
        throw new CommandError('no config file to load (none was found at start-up; give a path)');
      }
      await reloadToml(ctx, file, checkOnly);
      return;
    }
    const errors: string[] = [];
    for (const given of a.args) {
      const spec = a.flags.has('F') ? expandFor(server, given, {}) : given;
      const files = globFiles(path.resolve(ctx.caller.cwd, expandHome(spec, server.opts.home)));
      if (files.length === 0 && !a.flags.has('q')) errors.push(`${spec}: No such file or directory`);
      for (const file of files) {
        if (isTomlConfig(file)) {
          await reloadToml(ctx, file, checkOnly);
          continue;
        }
        if (checkOnly) errors.push(...checkTmuxConf(ctx, file, a.flags.has('v')));
        else errors.push(...(await runTmuxConf(ctx, file, a.flags.has('q'), a.flags.has('v'))).errors);
      }
    }
    report(ctx, 'source-file', errors);
  },
});
