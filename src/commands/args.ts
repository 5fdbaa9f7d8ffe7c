/*
 * getopt-style argument parsing against a declarative spec, as tmux's arguments.c does for
 * each cmd_entry's "args" template. A command declares which single-letter flags it takes,
 * which letters take a value, which --long options it knows and how many positional
 * arguments it accepts; parseArgs() turns its argv into sets and maps or a UsageError.
 *
 *   split-window -dh -c /tmp -- htop -d 5
 *     flags {d, h}   values {c: /tmp}   args [htop, -d, 5]
 *
 * Options end at "--" or at the first positional argument, so a command's own arguments
 * (htop's "-d 5" above) are never taken for ccmux flags. A lone "-" is positional.
 */
import type { Resolved, WindowIndex } from '../server/targets.js';
import type { Session } from '../server/window.js';
import type { ClientHandle } from '../server/client/handle.js';

/** What a command accepts. */
export interface ArgSpec {
  /** Single-letter boolean flags, e.g. "dhvPZ". */
  flags: string;
  /** Single-letter flags taking a value, e.g. "ctlFnsSE". */
  options: string;
  /**
   * Single-letter flags whose value may be left out (tmux's `l::`, refresh-client -l): the
   * value attached (-l%1), else the next argument, else (last on the line) none; the flag is
   * in `flags` either way.
   */
  optional?: string;
  /**
   * Long options by name (without "--"): a boolean flag, one taking a value, or one whose
   * value is optional (`--worktree`, `--worktree NAME`, `--worktree=NAME`: the next
   * argument is its value unless it starts with "-"; the option is in `flags` either way).
   */
  long?: Record<string, 'flag' | 'value' | 'optional'>;
  minArgs: number;
  /** -1 for no limit. */
  maxArgs: number;
  /** What each value-taking flag's value is, for the usage line: { t: 'target-pane' }. */
  names?: Record<string, string>;
  /** The positional arguments as the usage line shows them: "[shell-command [argument ...]]". */
  positional?: string;
  /**
   * What -t names, resolved before the command runs (tmux's command entries declare it
   * the same way): the pane, window or session, into ParsedArgs.target / .session. Not
   * when one of the `unless` flags is given (list-panes -a names no target).
   */
  target?: {
    kind: 'pane' | 'window' | 'session' | 'window-index' | 'client';
    unless?: string;
    when?: string;
    /** With no -t, the current one if there is any, else none (run-shell at start-up, as tmux's CMD_FIND_CANFAIL). */
    optional?: boolean;
    /**
     * A -t that names nothing leaves no target instead of failing: the command says what
     * was missing in its own words (set-option's "no such session: x", as tmux).
     */
    canFail?: boolean;
    /** With one of these flags -t names a session instead, into ParsedArgs.session (move-window -r). */
    sessionWhen?: string;
  };
  /**
   * What -s names, resolved the same way into ParsedArgs.source (the pane join-pane and
   * break-pane move, tmux's `.source = { 's', CMD_FIND_PANE }`; the window move-window
   * moves, `CMD_FIND_WINDOW`; the session detach-client -s names, into ParsedArgs.session).
   * Not when one of the `unless` flags is given; with `given`, only when -s is; with
   * `canFail`, one that cannot be found is none (tmux's CMD_FIND_CANFAIL); with
   * `defaultMarked`, it is found from the marked pane when there is one, not the current
   * pane — no -s is the marked pane (tmux's CMD_FIND_DEFAULT_MARKED).
   */
  source?: { kind: 'pane' | 'window' | 'session'; unless?: string; given?: boolean; canFail?: boolean; defaultMarked?: boolean };
}

/**
 * The usage line, made from the spec (so it can never leave out a flag the command takes,
 * or show one it does not): tmux's style, boolean flags grouped and sorted as tmux sorts
 * them (letters alphabetically, a lower-case one before its capital, digits first), then
 * each value flag with its name, the long options, the positional arguments.
 */
export function usageOf(spec: ArgSpec): string {
  const order = (a: string, b: string) => {
    const ka = a.toLowerCase() + (a === a.toLowerCase() ? '0' : '1');
    const kb = b.toLowerCase() + (b === b.toLowerCase() ? '0' : '1');
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  const parts: string[] = [];
  // A flag whose value may be left out goes with the plain flags, as tmux's usage lines show it.
  const flags = [...spec.flags, ...(spec.optional ?? '')].sort(order).join('');
  if (flags) parts.push(`[-${flags}]`);
  for (const o of [...spec.options].sort(order)) parts.push(`[-${o} ${spec.names?.[o] ?? 'value'}]`);
  for (const [name, kind] of Object.entries(spec.long ?? {})) {
    const value = spec.names?.[name] ?? 'value';
    parts.push(kind === 'flag' ? `[--${name}]` : kind === 'optional' ? `[--${name} [${value}]]` : `[--${name} ${value}]`);
  }
  if (spec.positional) parts.push(spec.positional);
  return parts.join(' ');
}

/** The result of parseArgs; long options are stored under their name ("claude", "profile"). */
export interface ParsedArgs {
  flags: Set<string>;
  /** The last value of each option given. */
  values: Map<string, string>;
  /** Flags given more than once (display-popup's -EE). */
  repeated?: Set<string>;
  /** Every value of each option, in order (for options that may repeat, as -e). */
  all?: Map<string, string[]>;
  args: string[];
  /** The pane or window -t declared (spec.target), resolved before the command ran. */
  target?: Resolved;
  /** The session -t declared, resolved before the command ran. */
  session?: Session;
  /** The client -t declared (tmux's target-client), resolved before the command ran. */
  client?: ClientHandle;
  /** The pane -s declared, resolved before the command ran. */
  source?: Resolved;
  /**
   * A window -t declared as `window-index` (break-pane's dst-window): its session, and the
   * index it names — undefined for none ("work:"), free or taken — with the window there.
   */
  dest?: WindowIndex;
  /**
   * Where the command's after-hook runs when not at its target: the session, window or
   * pane it made (new-session, new-window, split-window set it, as tmux's do).
   */
  made?: Resolved;
  /** Set by a command whose after-hook tmux runs only sometimes (select-pane: when the active pane changed). */
  noAfterHook?: boolean;
}

function setValue(out: ParsedArgs, key: string, value: string): void {
  out.values.set(key, value);
  out.all ??= new Map();
  const list = out.all.get(key);
  if (list) list.push(value);
  else out.all.set(key, [value]);
}

/** Every value given for option `key`. */
export function valuesOf(a: ParsedArgs, key: string): string[] {
  return a.all?.get(key) ?? (a.values.has(key) ? [a.values.get(key)!] : []);
}

/** A command line that does not match its command's ArgSpec; the message is for the user. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseLong(spec: ArgSpec, argv: string[], i: number, out: ParsedArgs): number {
  const body = argv[i].slice(2);
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  const kind = spec.long !== undefined && Object.hasOwn(spec.long, name) ? spec.long[name] : undefined;
  if (kind === undefined) throw new UsageError(`unknown flag --${name}`);
  if (kind === 'flag') {
    if (eq >= 0) throw new UsageError(`--${name} takes no value`);
    out.flags.add(name);
    return i + 1;
  }
  if (kind === 'optional') {
    out.flags.add(name);
    if (eq >= 0) {
      setValue(out, name, body.slice(eq + 1));
      return i + 1;
    }
    if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      setValue(out, name, argv[i + 1]);
      return i + 2;
    }
    return i + 1;
  }
  if (eq >= 0) {
    setValue(out, name, body.slice(eq + 1));
    return i + 1;
  }
  if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
  setValue(out, name, argv[i + 1]);
  return i + 2;
}

function parseShort(spec: ArgSpec, argv: string[], i: number, out: ParsedArgs): number {
  const cluster = argv[i];
  for (let j = 1; j < cluster.length; j++) {
    const letter = cluster[j];
    if (spec.flags.includes(letter)) {
      if (out.flags.has(letter)) (out.repeated ??= new Set()).add(letter);
      out.flags.add(letter);
    } else if (spec.options.includes(letter)) {
      const attached = cluster.slice(j + 1);
      if (attached !== '') {
        setValue(out, letter, attached);
        return i + 1;
      }
      if (i + 1 >= argv.length) throw new UsageError(`-${letter} needs a value`);
      setValue(out, letter, argv[i + 1]);
      return i + 2;
    } else if (spec.optional?.includes(letter)) {
      out.flags.add(letter);
      const attached = cluster.slice(j + 1);
      if (attached !== '') {
        setValue(out, letter, attached);
        return i + 1;
      }
      if (i + 1 >= argv.length) return i + 1;
      setValue(out, letter, argv[i + 1]);
      return i + 2;
    } else {
      throw new UsageError(`unknown flag -${letter}`);
    }
  }
  return i + 1;
}

/**
 * Parses argv (without the command name). Grouped flags (-dh), values attached or separate
 * (-tfoo / -t foo), `--` ends options, `--long` / `--long=value` / `--long value`. A value
 * given twice keeps the last. Throws UsageError: "unknown flag -q", "unknown flag --foo",
 * "-t needs a value", "--profile needs a value", "--json takes no value",
 * "too few arguments", "too many arguments".
 */
export function parseArgs(spec: ArgSpec, argv: string[]): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), args: [] };
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) i = parseLong(spec, argv, i, out);
    else if (arg.startsWith('-') && arg !== '-') i = parseShort(spec, argv, i, out);
    else break;
  }
  out.args = argv.slice(i);
  // tmux 3.3a's words, with the count.
  if (out.args.length < spec.minArgs) throw new UsageError(`too few arguments (need at least ${spec.minArgs})`);
  if (spec.maxArgs >= 0 && out.args.length > spec.maxArgs) throw new UsageError(`too many arguments (need at most ${spec.maxArgs})`);
  return out;
}
