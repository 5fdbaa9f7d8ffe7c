/*
 * The backspace option: what the Backspace key (BSpace, with Meta or not) sends to a
 * pane, as tmux 3.3a's input_key does it — the option's key when that is a character
 * below DEL (C-h sends ^H, a letter itself), else DEL (the default C-?, and keys with no
 * single byte). Typed Backspace and send-keys BSpace both go through it.
 */
import { keyToBytes, parseKey } from '../core/keys.js';

/** The byte Backspace sends with `option` (the backspace option's key name). */
export function backspaceByte(option: string): string {
  const key = parseKey(option);
  if (key instanceof Error) return '\x7f';
  const bytes = keyToBytes(key);
  return bytes.length === 1 && bytes.charCodeAt(0) < 0x7f ? bytes : '\x7f';
}

/** `raw`, the bytes of key `key`, with the Backspace byte replaced by `byte` when `key` is Backspace. */
export function withBackspace(key: string, raw: string, byte: string): string {
  if (byte === '\x7f' || (key !== 'BSpace' && key !== 'M-BSpace') || !raw.endsWith('\x7f')) return raw;
  return raw.slice(0, -1) + byte;
}
