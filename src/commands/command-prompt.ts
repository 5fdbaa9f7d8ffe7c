/*
 * command-prompt: read a line in the status line and run it as a command (prefix :), or
 * put the answers into a template (`rename-window '%%'`), with tmux 3.3a's flags: -p
 * prompts and -I initial texts (comma-separated, one prompt after another; both formats),
 * -1 one key answers, -N digits only, -k a key's name answers, -i each change runs the
 * template (incremental), -F the template is a format, -T the history the prompt uses
 * (command, search, target, window-target), -t the client (else the caller's, or the one
 * most recently on the current session). Answers fill the template as tmux fills it
 * (core/prompt-template.ts). ccmux never waits for the answer before the next command:
 * -b, tmux's way of saying so, is what it always does.
 */
import { defineCommand } from './types.js';
import { Prompt, type PromptKind } from '../server/client/modes.js';
import { clientFor, expandFor } from '../server/format-vars.js';
import { current, findClient } from '../server/targets.js';
import { CommandError } from '../core/errors.js';
import { fillTemplate } from '../core/prompt-template.js';
import { promptType } from '../server/prompt-history.js';
import type { AttachedClient } from '../server/client/handle.js';

export default defineCommand({
  name: 'command-prompt',
  help: 'Prompt for a command (or for answers to put into a template)',
  args: { flags: '1bFikN', options: 'IptT', minArgs: 0, maxArgs: 1, names: { I: 'inputs', p: 'prompts', t: 'target-client', T: 'type' }, positional: '[template]' },
  run(ctx, a) {
    const { server } = ctx;
    const typeName = a.values.get('T') ?? 'command';
    const type = promptType(typeName);
    if (!type) throw new CommandError(`unknown type: ${typeName}`);
    const scope = current(ctx);
    const client = (a.values.has('t') ? findClient(server.clients, a.values.get('t')!) : clientFor(server, ctx.client, scope.session)) as AttachedClient | undefined;
    if (!client?.openMode) throw new CommandError('no current client');
    const fscope = { ...scope, client };
    let template = a.args[0];
    if (template !== undefined && a.flags.has('F')) template = expandFor(server, template, fscope);
    const prompts = a.values.has('p') ? a.values.get('p')!.split(',') : [template !== undefined ? `(${template.trim().split(/\s+/)[0]})` : ':'];
    const space = a.values.has('p') || template !== undefined;
    const inputs = a.values.get('I')?.split(',') ?? [];
    const kind: PromptKind = a.flags.has('1') ? 'single' : a.flags.has('N') ? 'numeric' : a.flags.has('i') ? 'incremental' : a.flags.has('k') ? 'key' : 'line';
    const history = { lines: () => server.promptHistory.get(type), add: (line: string) => server.promptHistory.add(type, line) };
    // status-keys and word-separators of the client's session (tmux reads them there).
    const at = { session: client.session ?? undefined };
    const keys = { vi: server.options.get('status-keys', at) === 'vi', separators: server.options.get('word-separators', at) as string, paste: () => server.buffers.get()?.text };
    const answers: string[] = [];
    const runFilled = (args: string[], c: AttachedClient): Promise<void> | void => {
      const text = fillTemplate(template ?? '%1', args);
      if (text.trim()) return c.runBinding(text);
    };
    const ask = (i: number): void => {
      client.openMode(
        new Prompt(
          expandFor(server, prompts[i]!, fscope, true),
          expandFor(server, inputs[i] ?? '', fscope, true),
          async (text, c) => {
            answers.push(text);
            if (i + 1 < prompts.length) return ask(i + 1);
            // As tmux: the last answer is given twice (a later %% takes it again).
            await runFilled([...answers, text], c);
          },
          { kind, history, space, keys, onChange: (text, c) => runFilled([...answers, text], c) },
        ),
      );
    };
    ask(0);
  },
});
