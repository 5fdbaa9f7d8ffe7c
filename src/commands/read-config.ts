/*
 * Loading ccmux.toml into a running server: at start-up and on source-file / prefix R.
 * The file is checked in full first (syntax, options, key names, bound commands); only a
 * config with no errors replaces the one in force, so a bad edit never leaves the
 * server half-configured. Options not in the file return to their defaults; key tables
 * are the defaults with the file's bindings laid over them.
 */
import { parseKey } from '../core/keys.js';
import { loadConfigFile, formatConfigError, type Config, type ConfigError, type ConfigValidators } from '../config/load-config.js';
import { OptionStore } from '../config/option-values.js';
import { DEFAULT_BINDINGS } from './default-bindings.js';
import { KeyTables } from '../server/key-tables.js';
import type { LoadedConfig } from '../server/loaded-config.js';
import { defaultClaudeSettings } from '../config/claude-settings.js';

/** The config's checks: key names, and bound commands by `check` (the dispatcher's). */
export function validatorsWith(check: (text: string) => string | null): ConfigValidators {
  return {
    key(name) {
      const k = parseKey(name);
      return k instanceof Error ? k.message : null;
    },
    command: check,
  };
}

export type { LoadedConfig } from '../server/loaded-config.js';

/** Build options, key tables and Claude settings from a checked config (or the defaults). */
export function buildConfig(config: Config | undefined): LoadedConfig {
  const options = new OptionStore();
  if (config) options.load(new Map([...config.options].filter(([k]) => !k.startsWith('claude.'))));
  // As tmux at its start: the server's $VISUAL, else $EDITOR, is the editor (the table's
  // default is vi), and says the keys: vi for an editor whose name holds "vi", else emacs,
  // for the status line's prompt and copy mode (with neither set, ccmux's mode-keys is vi).
  const editor = process.env.VISUAL ?? process.env.EDITOR;
  if (editor !== undefined) {
    if (!config?.options.has('editor')) options.set('editor', editor, 'toml');
    const keys = (editor.slice(editor.lastIndexOf('/') + 1).includes('vi') ? 'vi' : 'emacs');
    for (const name of ['status-keys', 'mode-keys']) if (!config?.options.has(name)) options.set(name, keys, 'toml');
  }
  const keys = new KeyTables();
  for (const [table, key, command, note, repeat] of DEFAULT_BINDINGS) keys.bind(table, key, { command, note, repeat });
  for (const [table, bindings] of config?.keys ?? []) {
    for (const [key, command] of bindings) {
      const canonical = parseKey(key);
      const k = canonical instanceof Error ? key : canonical;
      if (command === '') keys.unbind(table, k);
      else keys.bind(table, k, { command });
    }
  }
  return { options, keys, claude: config?.claude ?? defaultClaudeSettings() };
}

/** Read and check a config file; errors are formatted for the user. */
export function readConfig(file: string | undefined, check: (text: string) => string | null): { loaded?: LoadedConfig; errors: string[] } {
  if (!file) return { loaded: buildConfig(undefined), errors: [] };
  let result: { config: Config; errors: ConfigError[] };
  try {
    result = loadConfigFile(file, validatorsWith(check));
  } catch (err) {
    return { errors: [`${file}: ${(err as Error).message}`] };
  }
  if (result.errors.length) return { errors: result.errors.map(formatConfigError) };
  return { loaded: buildConfig(result.config), errors: [] };
}
