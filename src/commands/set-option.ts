/*
 * set-option (set): change an option in the running server, validated against the
 * options table (`set -g mouse off`, `set history-limit 50000`); -u returns it to its
 * default. A value that does not fit says what was expected. As in tmux: -a appends to
 * a string (or adds to a list), -o leaves an option that is already set alone, -q says
 * nothing about an unknown option, -F expands formats in the value first. ccmux keeps one
 * level of every option (what tmux calls global, -g); -s and -w are taken as tmux 3.3
 * takes them, the option going to its own table whichever is named. User options
 * (`@name`, what plugins and themes use) take any name and a string. -p -t PANE sets a
 * pane's own remain-on-exit (on, off or failed). `name[N]` sets, appends to (-a) or
 * removes (-u) one item of an array option (array-option.ts).
 */
import { defineCommand } from './types.js';
import { findOption, OPTIONS } from '../config/options-table.js';
import { isUserOption, validateOptionValue } from '../config/option-values.js';
import { CommandError } from '../core/errors.js';
import { didYouMean } from '../config/suggest.js';
import { setClaudeOption } from './claude-options.js';
import { defaultClaudeSettings } from '../config/claude-settings.js';
import { claudeOptionValue } from './claude-options.js';
import { expandFor } from '../server/format-vars.js';
import { splitArrayValue, splitIndex, withItem } from './array-option.js';
import { current } from '../server/targets.js';
import { remains } from '../server/model.js';
import type { CommandContext } from './types.js';
import type { ParsedArgs } from './args.js';

export default defineCommand({
  name: 'set-option',
  alias: ['set'],
  help: 'Set an option',
  args: { flags: 'aFgopqsuw', options: 't', minArgs: 1, maxArgs: 2, names: { t: 'target-pane' }, positional: 'option [value]', target: { kind: 'pane', when: 'p' } },
  run(ctx, a) {
    if (isUserOption(a.args[0]!)) return setUserOption(ctx, a, a.args[0]!);
    const { name, index } = splitIndex(a.args[0]!);
    const def = findOption(name);
    if (!def) {
      if (a.flags.has('q')) return;
      throw new CommandError(`unknown option: ${name}${didYouMean(name, OPTIONS.map((d) => d.name))}`);
    }
    if (index !== undefined) {
      const raw = a.flags.has('u') ? undefined : a.args[1];
      if (raw === undefined && !a.flags.has('u')) throw new CommandError(`${name}: missing value`);
      ctx.server.options.set(name, withItem(def, ctx.server.options.get(name) as string[], index, raw === undefined ? raw : a.flags.has('F') ? expandFor(ctx.server, raw, formatScopeOf(ctx)) : raw, a.flags.has('a')), 'toml');
      ctx.server.model.optionsChanged();
      return;
    }
    if (a.flags.has('p')) return setPaneOption(ctx, a, name);
    if (a.values.has('t')) throw new CommandError('-t names a pane, with -p: ccmux keeps one level of the other options');
    const { server } = ctx;
    const current = () => (def.scope === 'claude' ? claudeOptionValue(server.claude, name) : server.options.get(name));
    const defaultValue = () => (def.scope === 'claude' ? claudeOptionValue(defaultClaudeSettings(), name) : def.default);
    // -o: an option already set (to other than its default) is left alone.
    if (a.flags.has('o') && JSON.stringify(current()) !== JSON.stringify(defaultValue())) {
      if (a.flags.has('q')) return;
      throw new CommandError(`already set: ${name}`);
    }
    let value: unknown;
    if (a.flags.has('u')) {
      value = def.scope === 'claude' ? claudeOptionValue(defaultClaudeSettings(), name) : def.default;
    } else {
      let raw = a.args[1];
      if (raw === undefined) {
        if (def.type !== 'boolean') throw new CommandError(`${name}: missing value`);
        raw = current() ? 'off' : 'on'; // tmux: a flag option without a value toggles
      }
      if (a.flags.has('F')) raw = expandFor(server, raw, formatScopeOf(ctx));
      let given: unknown = def.type === 'string-array' ? (splitArrayValue(def, raw) ?? safeJson(raw)) : raw;
      if (a.flags.has('a')) {
        const cur = current();
        if (def.type === 'string-array') given = [...(cur as string[]), ...(Array.isArray(given) ? given : [String(given)])];
        else if (def.type === 'string' || def.type === 'style') given = `${String(cur)}${raw}`;
        else throw new CommandError(`${name}: -a appends only to a string or a list`);
      }
      const res = validateOptionValue(def, given, 'cli');
      if (!res.ok) throw new CommandError(res.error);
      value = res.value;
    }
    if (def.scope === 'claude') setClaudeOption(server.claude, name, value);
    else if (a.flags.has('u')) server.options.reset(name);
    else server.options.set(name, value, 'toml');
    server.model.optionsChanged();
  },
});

/** `set @name value` as tmux: any name, a string; -u forgets it, -a appends, -o keeps a set one, -F expands. */
function setUserOption(ctx: Parameters<typeof current>[0], a: { flags: Set<string>; args: string[] }, name: string): void {
  const { options } = ctx.server;
  if (a.flags.has('u')) {
    options.unsetUser(name);
  } else {
    if (a.flags.has('o') && options.getUser(name) !== undefined) {
      if (a.flags.has('q')) return;
      throw new CommandError(`already set: ${name}`);
    }
    let raw = a.args[1];
    if (raw === undefined) throw new CommandError(`${name}: missing value`);
    if (a.flags.has('F')) raw = expandFor(ctx.server, raw, formatScopeOf(ctx));
    options.setUser(name, a.flags.has('a') ? `${options.getUser(name) ?? ''}${raw}` : raw);
  }
  ctx.server.model.optionsChanged();
}

/**
 * set-option -p: an option of one pane, over the global one. ccmux keeps pane values of
 * remain-on-exit (on, off, or failed: only when the program failed — what Claude Code's
 * agent teams set on teammates); -u returns the pane to the global value.
 */
function setPaneOption(ctx: CommandContext, a: ParsedArgs, name: string): void {
  const pane = a.target!.pane;
  if (!PANE_OPTIONS.includes(name)) {
    if (a.flags.has('q')) return;
    throw new CommandError(`${name}: not a pane option in ccmux (it applies to every pane: set it without -p)`);
  }
  if (a.flags.has('u')) return ctx.server.model.setPaneOption(pane, name, undefined);
  const raw = a.args[1] === undefined ? undefined : a.flags.has('F') ? expandFor(ctx.server, a.args[1], a.target!) : a.args[1];
  const value = raw === undefined ? (remains(pane.options.get(name) ?? ctx.server.options.get(name), { code: 1, signal: 0 }) ? 'off' : 'on') : raw;
  if (!['on', 'off', 'failed'].includes(value)) throw new CommandError(`${name}: expected on, off or failed, got ${JSON.stringify(value)}`);
  if (a.flags.has('o') && pane.options.has(name)) {
    if (a.flags.has('q')) return;
    throw new CommandError(`already set: ${name}`);
  }
  ctx.server.model.setPaneOption(pane, name, value);
}

/** The options a pane can have a value of its own for (set-option -p). */
const PANE_OPTIONS = ['remain-on-exit'];

/** The scope formats in -F values are expanded in: the caller's current pane. */
function formatScopeOf(ctx: Parameters<typeof current>[0]) {
  try {
    const r = current(ctx);
    return { session: r.session, window: r.window, pane: r.pane };
  } catch {
    return {};
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw.split(/[\s,]+/).filter(Boolean); // tmux splits an array option's value on spaces
  }
}
