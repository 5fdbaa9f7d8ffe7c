/*
 * The history-file server option, as tmux 3.3a keeps it (status.c): what was typed at
 * prompts, read from the file once the start-up configuration has run and written back,
 * whole, when the server exits. One line per entry, `type:text` (command, search, target,
 * window-target); a line without a known type is a command (older tmux files). The path
 * is absolute or starts with `~/`; anything else means no file, as in tmux.
 */
import fs from 'node:fs';
import type { Logger } from 'pino';
import { PROMPT_TYPES, promptType, type PromptHistory, type PromptType } from './prompt-history.js';

/** The file history-file names, or null: "" (off), or neither absolute nor under ~/. */
export function historyFilePath(option: string, home: string): string | null {
  if (option === '') return null;
  if (option.startsWith('/')) return option;
  if (option.startsWith('~/')) return `${home}${option.slice(1)}`;
  return null;
}

/** The entries of a history file's text, in order (status_prompt_add_typed_history). */
export function parseHistoryFile(text: string): Array<[PromptType, string]> {
  const out: Array<[PromptType, string]> = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // after the last newline; an empty line before it is an entry, as in tmux
  for (const line of lines) {
    const colon = line.indexOf(':');
    const type = colon >= 0 ? promptType(line.slice(0, colon)) : undefined;
    out.push(type ? [type, line.slice(colon + 1)] : ['command', line]);
  }
  return out;
}

/** The history as a file's text: each type's lines, oldest first, types in tmux's order. */
export function formatHistoryFile(history: PromptHistory): string {
  let text = '';
  for (const type of PROMPT_TYPES) for (const line of history.get(type)) text += `${type}:${line}\n`;
  return text;
}

/** Read `file` into `history` (a missing or unreadable file is logged and changes nothing). */
export async function loadHistoryFile(file: string, history: PromptHistory, log: Logger): Promise<void> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    log.debug({ err, file }, 'history-file not read');
    return;
  }
  for (const [type, line] of parseHistoryFile(text)) history.add(type, line, true);
}

/**
 * Write `history` to `file`, as the server exits (synchronously: the process ends next, as
 * tmux's does at the end of its loop). A failure is logged.
 */
export function saveHistoryFile(file: string, history: PromptHistory, log: Logger): void {
  try {
    fs.writeFileSync(file, formatHistoryFile(history));
  } catch (err) {
    log.warn({ err, file }, 'history-file not written');
  }
}
