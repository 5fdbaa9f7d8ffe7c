/*
 * What a checked configuration gives the server: options, key tables and Claude settings
 * (built by commands/read-config.ts, which checks bound commands against the registry).
 */
import type { OptionStore } from '../config/option-values.js';
import type { KeyTables } from './key-tables.js';
import type { ClaudeSettings } from '../config/claude-settings.js';

export interface LoadedConfig {
  options: OptionStore;
  keys: KeyTables;
  claude: ClaudeSettings;
}
