/*
 * Loading ccmux.toml into a Config: general options at the top level (by their options-table
 * names), key bindings in [keys.TABLE], Claude settings in [claude], [claude.isolation],
 * [claude.seed] and [claude.profiles.NAME]. Every problem becomes a ConfigError pointing at
 * the file, line and column of the key or value concerned, and all of them are collected so
 * the user can fix them in one go; bad input never throws.
 *
 * smol-toml gives positions only for syntax errors, so TomlLocator re-scans the (valid) source
 * for where each key and value sits: table headers, dotted keys, inline tables and array
 * elements, keyed by path. The only I/O in src/config is at the bottom: reading the file
 * and looking for it.
 */

import { readFileSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { defaultClaudeSettings, type ClaudeProfile, type ClaudeSettings } from './claude-settings.js';
import { OPTIONS, findOption, type OptionDef } from './options-table.js';
import { describeValue, validateOptionValue } from './option-values.js';
import { didYouMean } from './suggest.js';

/** The key tables a config may bind keys in, as tmux's: copy-mode is the emacs table, copy-mode-vi the vi one. */
export const KEY_TABLES: readonly string[] = ['prefix', 'root', 'copy-mode', 'copy-mode-vi'];

/** Older names of key tables: ccmux 0.1 called the emacs copy-mode table copy-mode-emacs. */
const TABLE_ALIASES: Readonly<Record<string, string>> = { 'copy-mode-emacs': 'copy-mode' };

/** A key table's name as ccmux keeps it (an older name becomes today's). */
export function canonicalTable(name: string): string {
  return TABLE_ALIASES[name] ?? name;
}

/** Checks supplied by the server, so this file does not import the key and command code. */
export interface ConfigValidators {
  /** null if `name` is a valid key name, else why not. */
  key(name: string): string | null;
  /** null if `text` is a valid command string, else why not. */
  command(text: string): string | null;
}

/** What a ccmux.toml says, validated, on top of the defaults. */
export interface Config {
  /** Only the options the file set, validated, by table name (including "claude.*"). */
  options: Map<string, unknown>;
  /** Key table → key → command string; "" unbinds. */
  keys: Map<string, Map<string, string>>;
  /** The defaults overlaid with the file's [claude] sections. */
  claude: ClaudeSettings;
  /** The file it was loaded from, as given. */
  file?: string;
}

/** One problem in a config file, with where it is when known. */
export interface ConfigError {
  file: string;
  line?: number;
  column?: number;
  /** The dotted path of the key concerned, e.g. "claude.isolation.home_symlinks[2]". */
  key?: string;
  message: string;
}

/** `ccmux.toml:12:5: unknown option "histroy-limit" (did you mean "history-limit"?)` */
export function formatConfigError(e: ConfigError): string {
  let where = e.file;
  if (e.line !== undefined) where += `:${e.line}`;
  if (e.line !== undefined && e.column !== undefined) where += `:${e.column}`;
  return `${where}: ${e.message}`;
}

type Table = Record<string, unknown>;

export { TomlLocator, formatKeyPath, type TomlPosition } from './toml-locator.js';
import { TomlLocator, formatKeyPath } from './toml-locator.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROFILE_NAME = /^[A-Za-z0-9_-]+$/;
const PROFILE_KEYS = ['base_dir', 'method', 'env', 'api_key_env', 'args'];
const CLAUDE_SUBTABLES = ['claude.isolation', 'claude.seed', 'claude.worktree'];

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Walks a parsed document, filling a Config and collecting errors. */
class ConfigLoader {
  readonly errors: ConfigError[] = [];
  readonly config: Config;

  constructor(
    private readonly file: string,
    private readonly locator: TomlLocator | undefined,
    private readonly validators: ConfigValidators,
  ) {
    this.config = { options: new Map(), keys: new Map(), claude: defaultClaudeSettings(), file };
  }

  private report(path: (string | number)[], message: string, at: 'key' | 'value' = 'key'): void {
    const pos = this.locator?.find(path, at);
    this.errors.push({ file: this.file, line: pos?.line, column: pos?.column, key: formatKeyPath(path), message });
  }

  private unknown(path: string[], candidates: string[], value: unknown): void {
    const last = path[path.length - 1];
    const parent = path.slice(0, -1);
    if (parent.length === 0 && isTable(value)) {
      this.report(path, `unknown table [${formatKeyPath(path)}]${didYouMean(last, ['keys', 'claude'], (s) => `[${s}]`)}`);
    } else if (parent.length === 0) {
      this.report(path, `unknown option ${JSON.stringify(last)}${didYouMean(last, candidates)}`);
    } else {
      this.report(path, `unknown key ${JSON.stringify(last)} in [${formatKeyPath(parent)}]${didYouMean(last, candidates)}`);
    }
  }

  /** Validates one value against `def`; reports and returns undefined when it is bad. */
  private check(def: OptionDef, path: string[], raw: unknown): { value: unknown } | undefined {
    const result = validateOptionValue(def, raw, 'toml');
    if (!result.ok) {
      this.report(result.index === undefined ? path : [...path, result.index], result.error, 'value');
      return undefined;
    }
    return { value: result.value };
  }

  load(doc: Table): void {
    const general = OPTIONS.filter((d) => d.scope !== 'claude').map((d) => d.name);
    for (const [name, value] of Object.entries(doc)) {
      const def = findOption(name);
      if (name === 'keys') this.keys(value);
      else if (name === 'claude') this.claudeTable(['claude'], value);
      else if (def === undefined || def.scope === 'claude') this.unknown([name], [...general, 'keys', 'claude'], value);
      else this.option(def, [name], value);
    }
  }

  private option(def: OptionDef, path: string[], raw: unknown): void {
    const checked = this.check(def, path, raw);
    if (checked === undefined) return;
    if (def.type === 'key' && checked.value !== '') {
      const problem = this.validators.key(checked.value as string);
      if (problem !== null) return this.report(path, `${def.name}: ${problem}`, 'value');
    }
    this.config.options.set(def.name, checked.value);
  }

  private expectTable(path: string[], value: unknown, what: string): value is Table {
    if (isTable(value)) return true;
    this.report(path, `${formatKeyPath(path)}: expected ${what}, got ${describeValue(value)}`, 'value');
    return false;
  }

  private keys(value: unknown): void {
    if (!this.expectTable(['keys'], value, 'a table of key tables')) return;
    for (const [given, bindings] of Object.entries(value)) {
      const path = ['keys', given];
      const table = canonicalTable(given);
      if (!KEY_TABLES.includes(table)) {
        this.report(path, `unknown key table [${formatKeyPath(path)}]${didYouMean(table, KEY_TABLES, (s) => `[keys.${s}]`)}`);
        continue;
      }
      if (!this.expectTable(path, bindings, 'a table of key bindings')) continue;
      const map = this.config.keys.get(table) ?? new Map<string, string>();
      this.config.keys.set(table, map);
      for (const [key, command] of Object.entries(bindings)) this.binding(map, [...path, key], command);
    }
  }

  private binding(map: Map<string, string>, path: string[], command: unknown): void {
    const key = path[path.length - 1];
    const badKey = this.validators.key(key);
    if (badKey !== null) return this.report(path, `${formatKeyPath(path)}: ${badKey}`);
    if (typeof command !== 'string') {
      return this.report(path, `${formatKeyPath(path)}: expected a command string ("" to unbind), got ${describeValue(command)}`, 'value');
    }
    if (command.trim() !== '') {
      const badCommand = this.validators.command(command);
      if (badCommand !== null) return this.report(path, `${formatKeyPath(path)}: ${badCommand}`, 'value');
    }
    map.set(key, command.trim() === '' ? '' : command);
  }

  /** [claude] and its sub-tables, whose keys are the "claude.*" options. */
  private claudeTable(path: string[], value: unknown): void {
    if (!this.expectTable(path, value, 'a table')) return;
    const prefix = path.join('.');
    for (const [key, raw] of Object.entries(value)) {
      const name = `${prefix}.${key}`;
      const def = findOption(name);
      if (def !== undefined) {
        const checked = this.check(def, [...path, key], raw);
        if (checked === undefined) continue;
        this.config.options.set(name, checked.value);
        setByPath(this.config.claude, [...path.slice(1), key], checked.value);
      } else if (CLAUDE_SUBTABLES.includes(name)) {
        this.claudeTable([...path, key], raw);
      } else if (name === 'claude.profiles') {
        this.profiles(raw);
      } else {
        this.unknown([...path, key], claudeChildren(prefix), raw);
      }
    }
  }

  private profiles(value: unknown): void {
    if (!this.expectTable(['claude', 'profiles'], value, 'a table of profiles')) return;
    for (const [name, body] of Object.entries(value)) {
      const path = ['claude', 'profiles', name];
      if (!PROFILE_NAME.test(name)) {
        this.report(path, `${formatKeyPath(path)}: a profile name may contain only letters, digits, "-" and "_"`);
        continue;
      }
      if (!this.expectTable(path, body, 'a table')) continue;
      const profile = this.profile(path, body);
      if (profile !== undefined) this.config.claude.profiles[name] = profile;
    }
  }

  private profile(path: string[], body: Table): ClaudeProfile | undefined {
    const profile: ClaudeProfile = { name: path[2], env: {}, args: [] };
    const before = this.errors.length;
    const renamed = (option: string, key: string): OptionDef => ({ ...findOption(option)!, name: formatKeyPath([...path, key]) });
    for (const [key, raw] of Object.entries(body)) {
      const at = [...path, key];
      if (key === 'base_dir') {
        if (typeof raw === 'string') profile.base_dir = raw;
        else this.report(at, `${formatKeyPath(at)}: expected a string, got ${describeValue(raw)}`, 'value');
      } else if (key === 'method') {
        const checked = this.check(renamed('claude.isolation.method', key), at, raw);
        if (checked) profile.method = checked.value as ClaudeProfile['method'];
      } else if (key === 'args') {
        const checked = this.check(renamed('claude.args', key), at, raw);
        if (checked) profile.args = checked.value as string[];
      } else if (key === 'api_key_env') {
        if (typeof raw === 'string' && ENV_NAME.test(raw)) profile.api_key_env = raw;
        else this.report(at, `${formatKeyPath(at)}: expected the name of an environment variable (letters, digits and _), got ${describeValue(raw)}`, 'value');
      } else if (key === 'env') {
        if (this.expectTable(at, raw, 'a table of environment variables')) this.env(at, raw, profile.env);
      } else {
        this.unknown(at, PROFILE_KEYS, raw);
      }
    }
    return this.errors.length === before ? profile : undefined;
  }

  private env(path: string[], table: Table, out: Record<string, string>): void {
    for (const [name, value] of Object.entries(table)) {
      const at = [...path, name];
      if (!ENV_NAME.test(name)) this.report(at, `${formatKeyPath(at)}: not an environment variable name (letters, digits and _)`);
      else if (typeof value !== 'string') this.report(at, `${formatKeyPath(at)}: expected a string, got ${describeValue(value)}`, 'value');
      else out[name] = value;
    }
  }
}

/** Keys allowed directly in the [claude…] table called `prefix`: its options and sub-tables. */
function claudeChildren(prefix: string): string[] {
  const names = [...OPTIONS.map((d) => d.name), ...CLAUDE_SUBTABLES, 'claude.profiles'];
  return names.filter((n) => n.startsWith(`${prefix}.`) && !n.slice(prefix.length + 1).includes('.')).map((n) => n.slice(prefix.length + 1));
}

function setByPath(target: object, path: string[], value: unknown): void {
  let node = target as Table;
  for (const key of path.slice(0, -1)) node = node[key] as Table;
  node[path[path.length - 1]] = value;
}

/**
 * Parses and validates the text of a ccmux.toml; `file` is used in errors. Returns the
 * config (defaults wherever the file is silent or wrong; a profile with any error is left
 * out) and every error found, sorted by line. A TOML syntax error is the only error then.
 */
export function loadConfigText(text: string, file: string, validators: ConfigValidators): { config: Config; errors: ConfigError[] } {
  let doc: Table;
  try {
    doc = parse(text);
  } catch (err) {
    const loader = new ConfigLoader(file, undefined, validators);
    if (err instanceof TomlError) {
      const message = `TOML syntax error: ${err.message.split('\n')[0].replace(/^Invalid TOML document: /, '')}`;
      loader.errors.push({ file, line: err.line, column: err.column, message });
    } else {
      loader.errors.push({ file, message: err instanceof Error ? err.message : String(err) });
    }
    return { config: loader.config, errors: loader.errors };
  }
  const loader = new ConfigLoader(file, new TomlLocator(text), validators);
  try {
    loader.load(doc);
  } catch (err) {
    loader.errors.push({ file, message: `internal error while loading the config: ${err instanceof Error ? err.message : String(err)}` });
  }
  const errors = loader.errors.map((e, i) => ({ e, i }));
  errors.sort((a, b) => (a.e.line ?? Infinity) - (b.e.line ?? Infinity) || a.i - b.i);
  return { config: loader.config, errors: errors.map(({ e }) => e) };
}

/** Reads and loads a config file; an unreadable file is reported as an error, not thrown. */
export function loadConfigFile(path: string, validators: ConfigValidators): { config: Config; errors: ConfigError[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const empty = loadConfigText('', path, validators);
    return { config: empty.config, errors: [{ file: path, message: `cannot read the config file (${reason})` }] };
  }
  return loadConfigText(text, path, validators);
}

// Where the config file is: core/paths.ts (the ccmux command finds it without loading this file).
export { findConfigPath } from '../core/paths.js';
