/*
 * The command prompt's vi keys (status-keys vi) and word motions, as tmux 3.3a's status.c
 * has them; pure, over the prompt's characters.
 *
 *   entry mode     what is typed is inserted; Escape goes to command mode; the editing
 *                  keys (C-a C-e C-k C-u C-w C-y, arrows, Home, End, BSpace, DC, Enter,
 *                  C-c, C-g, C-h, Tab, C-n, C-p, C-t) act as with emacs keys
 *   command mode   vi's: h l 0 ^ $ w b e W B E move, x X s S C D d edit, p pastes,
 *                  i a I A s S C go back to entry mode, j k walk the history, q and
 *                  C-c cancel, Enter runs, Escape goes to entry mode
 *
 * viPromptKey translates one key (status_prompt_translate_key): ignore it, insert it as
 * text, or act on the (emacs) key it stands for; the motions work out the new cursor
 * (status_prompt_forward_word, _end_word, _backward_word).
 */

export type PromptKeyMode = 'entry' | 'command';

/** What a key does in a vi prompt: nothing, text to insert, or the editing key it stands for. */
export type ViPromptAction = { act: 'ignore' } | { act: 'insert' } | { act: 'key'; key: string };

/** Keys that edit in entry mode as they do with emacs keys (the rest are text). */
const ENTRY_KEYS = new Set(['C-a', 'C-c', 'C-e', 'C-g', 'C-h', 'Tab', 'C-k', 'C-n', 'C-p', 'C-t', 'C-u', 'C-w', 'C-y', 'Enter', 'C-j', 'C-Left', 'C-Right', 'BSpace', 'DC', 'Down', 'End', 'Home', 'Left', 'Right', 'Up']);

/** Command-mode keys and the editing keys they stand for. */
const COMMAND_KEYS: Record<string, string> = {
  A: 'End', $: 'End', I: 'Home', 0: 'Home', '^': 'Home', C: 'C-k', D: 'C-k', BSpace: 'Left', X: 'BSpace',
  b: 'M-b', B: 'vi-B', d: 'C-u', e: 'vi-e', E: 'vi-E', w: 'vi-w', W: 'vi-W', p: 'C-y', q: 'C-c',
  s: 'DC', DC: 'DC', x: 'DC', Down: 'Down', j: 'Down', Left: 'Left', h: 'Left', a: 'Right', Right: 'Right', l: 'Right',
  Up: 'Up', k: 'Up', 'C-h': 'C-h', 'C-c': 'C-c', Enter: 'Enter', 'C-j': 'Enter',
};

/** Translate `key` in a vi prompt in `mode`; returns the action and the mode after it. */
export function viPromptKey(mode: PromptKeyMode, key: string): { action: ViPromptAction; mode: PromptKeyMode } {
  if (mode === 'entry') {
    if (key === 'Escape') return { action: { act: 'ignore' }, mode: 'command' };
    return { action: ENTRY_KEYS.has(key) ? { act: 'key', key } : { act: 'insert' }, mode };
  }
  if (key === 'S') return { action: { act: 'key', key: 'C-u' }, mode: 'entry' };
  if (key === 'i' || key === 'Escape') return { action: { act: 'ignore' }, mode: 'entry' };
  const next: PromptKeyMode = ['A', 'I', 'C', 's', 'a'].includes(key) ? 'entry' : 'command';
  const to = COMMAND_KEYS[key];
  return { action: to ? { act: 'key', key: to } : { act: 'ignore' }, mode: next };
}

const isSpace = (ch: string | undefined): boolean => ch === ' ';
const inList = (seps: string, ch: string | undefined): boolean => ch !== undefined && [...ch].length === 1 && seps.includes(ch);

/** w (vi) or M-f (emacs): the start of the next word, or the end of an emacs word. */
export function forwardWord(chars: readonly string[], from: number, vi: boolean, separators: string): number {
  let idx = from;
  const size = chars.length;
  if (!vi) while (idx !== size && isSpace(chars[idx])) idx++;
  if (idx === size) return idx;
  const wordIsSeparators = inList(separators, chars[idx]) && !isSpace(chars[idx]);
  do {
    idx++;
    if (isSpace(chars[idx])) {
      if (vi) while (idx !== size && isSpace(chars[idx])) idx++;
      break;
    }
  } while (idx !== size && wordIsSeparators === inList(separators, chars[idx]));
  return idx;
}

/** e: the end of this word or the next. */
export function endWord(chars: readonly string[], from: number, separators: string): number {
  let idx = from;
  const size = chars.length;
  if (idx === size) return idx;
  do {
    idx++;
    if (idx === size) return idx;
  } while (isSpace(chars[idx]));
  const wordIsSeparators = inList(separators, chars[idx]);
  do {
    idx++;
    if (idx === size) break;
  } while (!isSpace(chars[idx]) && wordIsSeparators === inList(separators, chars[idx]));
  return idx - 1;
}

/** b (M-b): the start of this word or the one before. */
export function backwardWord(chars: readonly string[], from: number, separators: string): number {
  let idx = from;
  while (idx !== 0) {
    --idx;
    if (!isSpace(chars[idx])) break;
  }
  const wordIsSeparators = inList(separators, chars[idx]);
  while (idx !== 0) {
    --idx;
    if (isSpace(chars[idx]) || wordIsSeparators !== inList(separators, chars[idx])) {
      idx++;
      break;
    }
  }
  return idx;
}
