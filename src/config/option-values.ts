/*
 * Option values: checking a raw value against its OptionDef (from a TOML file, already typed,
 * or from the command line, as a string), and the OptionStore the server keeps the current
 * values in. Style and colour strings are parsed by styles.ts.
 */

import fs from 'node:fs';
import path from 'node:path';
import { parseCommandString, CommandParseError } from '../core/parse-command.js';
import { OPTIONS, findOption, type OptionDef, type OptionType } from './options-table.js';
import { didYouMean } from './suggest.js';
import { UserError } from '../core/errors.js';
import { parseKey } from '../core/keys.js';
import { layersFor, type OptionLayers } from './local-options.js';

// Styles and colours (parseStyle, parseColour, the ATTR_* bits) are styles.ts's; kept importable from here.
export * from './styles.js';
import { StyleError, colourText, parseColour, parseStyle } from './styles.js';

/** How a value is shown in a message: strings quoted, tables and arrays by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return 'a table';
  return String(value);
}

/**
 * Whether `path` is a plain relative path that stays inside the directory it is relative to:
 * not empty, not absolute or ~, no empty, "." or ".." segments, no NUL.
 */
export function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.startsWith('~') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** A checked value, or a message; `index` is the offending element of an array. */
export type ValidationResult = { ok: true; value: unknown } | { ok: false; error: string; index?: number };

const BOOLEAN_WORDS: Record<string, boolean> = { on: true, off: false, true: true, false: false, 1: true, 0: false };

function numberRange(def: OptionDef): string {
  if (def.min !== undefined && def.max !== undefined) return `a number from ${def.min} to ${def.max}`;
  if (def.min !== undefined) return `a number of at least ${def.min}`;
  return 'a number';
}

function validateArray(def: OptionDef, raw: unknown, from: 'toml' | 'cli'): ValidationResult {
  let items: unknown = raw;
  if (from === 'cli' && typeof raw === 'string') {
    try {
      const commands = parseCommandString(raw);
      if (commands.length > 1) return { ok: false, error: `${def.name}: expected words separated by spaces, got ";"` };
      items = commands[0] ?? [];
    } catch (err) {
      if (err instanceof CommandParseError) return { ok: false, error: `${def.name}: ${err.message}` };
      throw err;
    }
  }
  if (!Array.isArray(items)) return { ok: false, error: `${def.name}: expected an array of strings, got ${describeValue(raw)}` };
  for (const [i, item] of items.entries()) {
    if (item === undefined) continue; // a gap (tmux's arrays have them: set -u name[N])
    if (typeof item !== 'string') return { ok: false, error: `${def.name}[${i}]: expected a string, got ${describeValue(item)}`, index: i };
    if (def.items === 'colour') {
      try {
        parseColour(item);
      } catch (err) {
        if (err instanceof StyleError) return { ok: false, error: from === 'cli' ? `bad colour: ${item}` : `${def.name}[${i}]: ${err.message}`, index: i };
        throw err;
      }
    }
    if (def.relativeTo !== undefined && !isPlainRelativePath(item)) {
      return { ok: false, error: `${def.name}[${i}]: ${JSON.stringify(item)} must be a path relative to ${def.relativeTo}`, index: i };
    }
  }
  const value = Array.from(items as Array<string | undefined>);
  return { ok: true, value: def.items === 'colour' ? value.map((c) => (c === undefined ? c : colourText(c))) : value };
}

/**
 * Checks `raw` against `def` and returns the value to store. From TOML, values must already
 * have the right type; from the CLI they may be strings: "on"/"off"/"true"/"false"/"1"/"0" for
 * booleans, digits for numbers, words (quoted as in a command) for arrays. Errors read like
 * `mode-keys: expected one of vi, emacs, got "vim"`.
 */
/**
 * As tmux's checkshell: an absolute path to a file this user may run, and not tmux (or
 * ccmux) itself. An access(2) of one path, as tmux's; '' (ccmux's default: $SHELL) is
 * not checked.
 */
function suitableShell(shell: string): boolean {
  if (!shell.startsWith('/') || /^(tmux|ccmux)$/.test(path.basename(shell))) return false;
  try {
    fs.accessSync(shell, fs.constants.X_OK);
    return fs.statSync(shell).isFile();
  } catch {
    return false;
  }
}

export function validateOptionValue(def: OptionDef, raw: unknown, from: 'toml' | 'cli'): ValidationResult {
  const fail = (expected: string): ValidationResult => ({ ok: false, error: `${def.name}: expected ${expected}, got ${describeValue(raw)}` });
  switch (def.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (from === 'cli' && typeof raw === 'string' && Object.hasOwn(BOOLEAN_WORDS, raw.toLowerCase())) {
        return { ok: true, value: BOOLEAN_WORDS[raw.toLowerCase()] };
      }
      return fail(from === 'cli' ? 'on or off' : 'true or false');
    }
    case 'number': {
      let n: unknown = raw;
      if (from === 'cli' && typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) n = Number(raw.trim());
      if (typeof n !== 'number' || !Number.isInteger(n)) return fail(numberRange(def));
      if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) return fail(numberRange(def));
      return { ok: true, value: n };
    }
    case 'choice': {
      const choices = def.choices ?? [];
      if (def.alsoBoolean) {
        if (typeof raw === 'boolean') return { ok: true, value: raw };
        if (from === 'cli' && typeof raw === 'string' && !choices.includes(raw) && Object.hasOwn(BOOLEAN_WORDS, raw.toLowerCase())) {
          return { ok: true, value: BOOLEAN_WORDS[raw.toLowerCase()] };
        }
        if (typeof raw !== 'string' || !choices.includes(raw)) return fail(`true, false or one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
        return { ok: true, value: raw };
      }
      if (typeof raw !== 'string' || !choices.includes(raw)) return fail(`one of ${choices.join(', ')}`);
      return { ok: true, value: raw };
    }
    case 'string':
      if (typeof raw !== 'string') return fail('a string');
      if (def.pattern && !def.pattern.re.test(raw)) return fail(def.pattern.expected);
      if (def.name === 'default-shell' && from === 'cli' && raw !== '' && !suitableShell(raw)) return { ok: false, error: `not a suitable shell: ${raw}` };
      return { ok: true, value: raw };
    case 'key': {
      if (typeof raw !== 'string') return fail('a key name like "C-b"');
      // ccmux.toml's keys are checked by its loader (load-config.ts), which names the file's place.
      if (from !== 'cli' || raw === '' || raw === 'None') return { ok: true, value: raw };
      // As tmux's set-option: a key it does not know is `bad key`, and a key is kept by its
      // own name (C-space → C-Space, ^A → C-a), DEL as tmux names it, C-?.
      if (raw === 'C-?' || raw === '^?') return { ok: true, value: 'C-?' };
      const key = parseKey(raw);
      if (key instanceof Error) return { ok: false, error: `bad key: ${raw}` };
      return { ok: true, value: key };
    }
    case 'style': {
      if (typeof raw !== 'string') return fail('a style like "fg=white,bg=blue,bold"');
      // As tmux: a style with a format in it is checked when it is drawn, expanded there.
      if (raw.includes('#{')) return { ok: true, value: raw };
      try {
        parseStyle(raw);
      } catch (err) {
        // From a command, tmux's words, then ccmux's line saying what is wrong (as a usage line
        // follows a bad flag); from ccmux.toml, the option and what is wrong.
        if (err instanceof StyleError) return { ok: false, error: `${from === 'cli' ? `invalid style: ${raw}\n` : ''}${def.name}: ${err.message}` };
        throw err;
      }
      return { ok: true, value: raw };
    }
    case 'colour': {
      if (typeof raw !== 'string') return fail('a colour like "blue", "colour208" or "#ff8800"');
      try {
        parseColour(raw);
      } catch (err) {
        // From a command, tmux's words; from ccmux.toml, the option and what is wrong.
        if (err instanceof StyleError) return { ok: false, error: from === 'cli' ? `bad colour: ${raw}` : `${def.name}: ${err.message}` };
        throw err;
      }
      return { ok: true, value: colourText(raw) };
    }
    case 'string-array':
      return validateArray(def, raw, from);
  }
}

/** The items of an array option's value that are there, in order, its gaps left out. */
export function presentItems(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** An unknown option or an invalid value given to OptionStore.set. */
export class OptionError extends UserError {}

/** One row of OptionStore.entries(). */
export interface OptionEntry {
  def: OptionDef;
  value: unknown;
  /** True when the option has not been set (or was reset) and shows its default. */
  isDefault: boolean;
}

function copy(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}

/** A user option's name, as tmux has them: `@` and a name (`@plugin`, `@theme-colour`). */
export function isUserOption(name: string): boolean {
  return /^@[^\s]+$/.test(name);
}

/** The global tables user options live in. */
export type UserTable = 'server' | 'session' | 'window';
const USER_TABLES: readonly UserTable[] = ['server', 'session', 'window'];

/**
 * The server's global option values (tmux's server, global session and global window
 * tables): the defaults of OPTIONS overlaid with what was set. Every getter takes the
 * layers to look in first (a session, window, pane: see local-options.ts); without them it
 * is the global value.
 */
export class OptionStore {
  private readonly values = new Map<string, unknown>();
  /**
   * User options (`@name`): any name, a string value, no default — what plugins and themes
   * keep. As tmux, the server, the global session and the global window tables each have their own.
   */
  private readonly user: Record<UserTable, Map<string, string>> = { server: new Map(), session: new Map(), window: new Map() };

  private def(name: string): OptionDef {
    const def = findOption(name);
    if (def === undefined) throw new OptionError(`unknown option "${name}"${didYouMean(name, OPTIONS.map((d) => d.name))}`);
    return def;
  }

  /** The value of `name` at `at` (the nearest layer that sets it, else global); throws OptionError for an unknown name. */
  get(name: string, at?: OptionLayers): unknown {
    const def = this.def(name);
    for (const local of layersFor(def.scope, at)) if (local.has(name)) return local.get(name);
    return this.getGlobal(name);
  }

  /** The global value of `name`, whatever any session, window or pane sets. */
  getGlobal(name: string): unknown {
    const def = this.def(name);
    return copy(this.values.has(name) ? this.values.get(name) : def.default);
  }

  /** Whether `name` is set globally (rather than showing its default). */
  isSetGlobally(name: string): boolean {
    return this.values.has(name);
  }

  /** Validates and stores a value, returning the stored value; throws OptionError. */
  set(name: string, raw: unknown, from: 'toml' | 'cli' = 'cli'): unknown {
    const result = validateOptionValue(this.def(name), raw, from);
    if (!result.ok) throw new OptionError(result.error);
    this.values.set(name, result.value);
    return copy(result.value);
  }

  /** Sets every option of a loaded Config's `options` map (already validated). */
  load(options: ReadonlyMap<string, unknown>): void {
    for (const [name, value] of options) this.set(name, value, 'toml');
  }

  /** Returns `name` to its default. */
  reset(name: string): void {
    this.def(name);
    this.values.delete(name);
  }

  /** Every option in table order with its current value. */
  entries(): OptionEntry[] {
    return OPTIONS.map((def) => ({
      def,
      value: copy(this.values.has(def.name) ? this.values.get(def.name) : def.default),
      isDefault: !this.values.has(def.name),
    }));
  }

  private typed(name: string, types: readonly OptionType[], at?: OptionLayers): unknown {
    const def = this.def(name);
    if (!types.includes(def.type)) throw new OptionError(`${name} is a ${def.type} option, not a ${types[0]} one`);
    return this.get(name, at);
  }

  /**
   * A user option as a format finds it (tmux's format_find): the pane's, the window's, the
   * global window one, the session's, the global session one, the server's; undefined when
   * none is set.
   */
  getUser(name: string, at?: OptionLayers): string | undefined {
    const local = (x: { options: { has(n: string): boolean; get(n: string): unknown } } | undefined) =>
      x?.options.has(name) ? (x.options.get(name) as string) : undefined;
    return local(at?.pane) ?? local(at?.window) ?? this.user.window.get(name) ?? local(at?.session) ?? this.user.session.get(name) ?? this.user.server.get(name);
  }

  /** A user option of one global table (`set -g @x` is the session table's, `-gw` the window's, `-s` the server's). */
  getGlobalUser(name: string, table: UserTable): string | undefined {
    return this.user[table].get(name);
  }

  setUser(name: string, value: string, table: UserTable = 'session'): void {
    if (!isUserOption(name)) throw new OptionError(`bad user option name "${name}": @ and a name without spaces`);
    this.user[table].set(name, value);
  }

  /** Forget a user option of a global table; whether it was set. */
  unsetUser(name: string, table: UserTable = 'session'): boolean {
    return this.user[table].delete(name);
  }

  /** The user options of a global table, sorted by name. */
  userEntries(table: UserTable = 'session'): Array<[string, string]> {
    return [...this.user[table]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Keep the user options of `from` that this store does not set (a reloaded config keeps what plugins set). */
  keepUserOptions(from: OptionStore): void {
    for (const table of USER_TABLES) for (const [n, v] of from.user[table]) if (!this.user[table].has(n)) this.user[table].set(n, v);
  }

  /** The value of a number option; throws OptionError for another type. */
  getNumber(name: string, at?: OptionLayers): number {
    return this.typed(name, ['number'], at) as number;
  }

  /** The value of a boolean option; throws OptionError for another type. */
  getBoolean(name: string, at?: OptionLayers): boolean {
    return this.typed(name, ['boolean'], at) as boolean;
  }

  /** The value of a string, choice, key or style option; throws OptionError for another type. */
  getString(name: string, at?: OptionLayers): string {
    return this.typed(name, ['string', 'choice', 'key', 'style', 'colour'], at) as string;
  }

  /** The value of a string-array option; throws OptionError for another type. */
  getStringArray(name: string, at?: OptionLayers): string[] {
    return this.typed(name, ['string-array'], at) as string[];
  }
}
