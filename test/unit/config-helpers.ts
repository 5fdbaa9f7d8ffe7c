/*
 * Shared by the config-*.test.ts files: stand-in validators for key names and commands (the
 * server supplies the real ones) and a loader that returns formatted error lines.
 */

import { parseCommandString } from '../../src/core/parse-command.js';
import { formatConfigError, loadConfigText, type ConfigValidators } from '../../src/config/load-config.js';

export const KNOWN_COMMANDS = ['split-window', 'select-pane', 'resize-pane', 'kill-pane', 'send-prefix', 'send-keys', 'display-message'];

/** Rejects key names starting with "Q-" and commands not in KNOWN_COMMANDS. */
export const validators: ConfigValidators = {
  key: (name) => (name.startsWith('Q-') ? `unknown key name ${JSON.stringify(name)}` : null),
  command(text) {
    try {
      for (const [name] of parseCommandString(text)) {
        if (!KNOWN_COMMANDS.includes(name)) return `unknown command: ${name}`;
      }
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  },
};

/** Accepts every key name and command. */
export const acceptAll: ConfigValidators = { key: () => null, command: () => null };

/** Loads `text` as "ccmux.toml" and returns the config and the formatted errors. */
export function load(text: string, checks: ConfigValidators = validators) {
  const { config, errors } = loadConfigText(text, 'ccmux.toml', checks);
  return { config, errors: errors.map(formatConfigError), raw: errors };
}
