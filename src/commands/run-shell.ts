/*
 * run-shell (run): run a shell command (formats in it expanded first) and show what it
 * printed: on stdout for the CLI, in a list view for a key binding. -b: in the background
 * (the command returns at once; a client still sees the output when it ends); -C: the
 * argument is a ccmux command instead; -d N: wait N seconds first; -c DIR: run there
 * (else the target pane's directory). A non-zero exit is an error: `'cmd' returned N`.
 * tmux 3.3 shows the output in the pane's view mode instead; see docs/tmux-compat.md.
 * From an event hook the output and the exit error are its output (shown on the current
 * client, hook-queue.ts), or with -t shown on the clients showing that pane; the hook's
 * next command runs, as in tmux.
 */
import { defineCommand, type CommandContext } from './types.js';
import { CommandError } from '../core/errors.js';
import { expandFor } from '../server/format-vars.js';
import { runShellJob } from './shell-job.js';
import { jobEnv as serverJobEnv } from '../server/job-env.js';
import type { ParsedArgs } from './args.js';
import { inEventHook } from '../server/hook-queue.js';
import { addToView } from '../server/client/modes.js';
import type { AttachedClient } from '../server/client/handle.js';
import type { Pane } from '../server/pane.js';

/**
 * An event hook's `run-shell -t PANE` output: added to the output list of each drawn
 * client whose current window holds the pane — as tmux 3.3a's cmd_run_shell_print adds
 * it to that pane's view mode.
 */
export function showInPane(ctx: CommandContext, pane: Pane, text: string): void {
  const lines = text.replace(/\n$/, '').split('\n');
  for (const c of ctx.server.clients) {
    if (!c.control && c.session?.current.panes.has(pane.id)) addToView(c as AttachedClient, lines);
  }
}

/** Where a job of the command runs: -c, else the target pane's directory, else home. */
export function jobCwd(ctx: CommandContext, a: ParsedArgs): string {
  return a.values.get('c') ?? a.target?.pane.currentPath() ?? ctx.server.opts.home;
}

/** A job's environment (server/job-env.ts): the target's session's, with TMUX, CCMUX and `tmux` naming this server. */
export function jobEnv(ctx: CommandContext, a?: ParsedArgs): Record<string, string> {
  return serverJobEnv(ctx.server, a?.target?.session ?? ctx.client?.session ?? undefined);
}

async function runIt(ctx: CommandContext, a: ParsedArgs, text: string): Promise<void> {
  const delay = Number(a.values.get('d') ?? 0);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay * 1000));
  if (text === '') return;
  if (a.flags.has('C')) {
    if (!(await ctx.runner.runString(ctx, text))) throw new CommandError(`'${text}' failed`);
    return;
  }
  const r = await runShellJob(text, jobCwd(ctx, a), jobEnv(ctx, a));
  const output = r.output + (r.dropped ? `[${r.dropped} more bytes not kept]\n` : '');
  const failed = r.status !== 0 ? `'${text}' returned ${r.status}` : '';
  if (inEventHook()) {
    // tmux prints the failure into the view too, and the hook's next command runs.
    const shown = output + (failed ? `${failed}\n` : '');
    if (shown && a.values.has('t') && a.target) showInPane(ctx, a.target.pane, shown);
    else if (shown) ctx.out(shown);
    return;
  }
  if (output) ctx.out(output);
  if (failed) throw new CommandError(failed);
}

export default defineCommand({
  name: 'run-shell',
  alias: ['run'],
  help: 'Run a shell command and show its output',
  args: {
    flags: 'bC', options: 'cdt', minArgs: 0, maxArgs: 1,
    names: { c: 'start-directory', d: 'delay', t: 'target-pane' },
    positional: '[shell-command]',
    target: { kind: 'pane', optional: true },
  },
  async run(ctx, a) {
    const d = a.values.get('d');
    if (d !== undefined && !(Number(d) >= 0)) throw new CommandError(`bad delay: ${d}`);
    const given = a.args[0] ?? '';
    const scope = a.target ? { session: a.target.session, window: a.target.window, pane: a.target.pane } : {};
    const text = a.flags.has('C') ? given : expandFor(ctx.server, given, scope);
    if (!a.flags.has('b')) return runIt(ctx, a, text);
    // In the background: the caller goes on; a client it came from still sees what happened.
    const client = ctx.client;
    const out: string[] = [];
    void runIt({ ...ctx, out: (t) => out.push(t) }, a, text).then(
      () => out.length && client?.showMessage(out.join('').trim().split('\n').at(-1) ?? ''),
      (err: Error) => (client ? client.showMessage(err.message) : ctx.server.log.warn({ command: text, err: err.message }, 'run-shell -b failed')),
    );
  },
});
