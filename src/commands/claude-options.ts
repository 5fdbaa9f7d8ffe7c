/*
 * The claude.* options of the table, read from and written to the typed ClaudeSettings
 * the server holds (they are one thing: `set -g claude.isolation.method home` changes
 * the settings later Claude panes are started with).
 */
import type { ClaudeSettings } from '../config/claude-settings.js';

/** claude.isolation.method → settings.isolation.method, etc. */
export function claudeOptionValue(settings: ClaudeSettings, name: string): unknown {
  let v: unknown = settings;
  for (const part of name.split('.').slice(1)) v = (v as Record<string, unknown>)?.[part];
  return v;
}

export function setClaudeOption(settings: ClaudeSettings, name: string, value: unknown): void {
  const parts = name.split('.').slice(1);
  let obj = settings as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) obj = obj[part] as Record<string, unknown>;
  obj[parts.at(-1)!] = value;
}
