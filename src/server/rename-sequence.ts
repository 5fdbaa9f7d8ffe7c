/*
 * screen's window-rename sequence, ESC k NAME ESC \, taken out of a pane's output before
 * xterm parses it (xterm knows no such string and would print NAME), as tmux 3.3a's
 * input.c reads it: printable bytes make the name, other C0 controls are dropped, and
 * ESC, CAN or SUB end it — the ending byte itself goes on to the terminal (ESC \ is a
 * no-op string terminator there). Whether the name renames the window is allow-rename's
 * business (the caller's).
 *
 * A chunk without ESC k costs one search. A sequence split across reads is followed: a
 * read ending in ESC whose next read starts with k leaves that k to xterm too (ESC k is a
 * no-op for it) and takes what follows as the name.
 */
import { LIMITS } from '../core/limits.js';

const ESC = 0x1b;
const K = 0x6b;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class RenameSequences {
  /** Inside a sequence: the name's bytes so far. */
  private name: number[] | null = null;
  /** The last read ended with ESC, outside a sequence. */
  private endedInEsc = false;

  /** `data` without the rename sequences in it; `found` gets each complete name (valid UTF-8 only). */
  strip(data: Buffer, found: (name: string) => void): Buffer {
    const split = this.endedInEsc && data[0] === K;
    this.endedInEsc = false;
    if (this.name === null && !split && data.indexOf('\x1bk') < 0) {
      this.endedInEsc = data.length > 0 && data[data.length - 1] === ESC;
      return data;
    }
    const kept: Buffer[] = [];
    let from = 0;
    let i = 0;
    if (split) {
      this.name = [];
      i = 1;
      kept.push(data.subarray(0, 1));
      from = 1;
    }
    while (i < data.length) {
      if (this.name === null) {
        const at = data.indexOf('\x1bk', i);
        if (at < 0) {
          i = data.length;
          break;
        }
        kept.push(data.subarray(from, at));
        this.name = [];
        i = at + 2;
        from = i;
        continue;
      }
      const b = data[i]!;
      if (b === ESC || b === 0x18 || b === 0x1a) {
        this.finish(found);
        from = i; // the ending byte goes on
        continue;
      }
      if (b >= 0x20 && this.name.length < LIMITS.title * 4) this.name.push(b);
      i++;
      from = i;
    }
    if (this.name === null) {
      kept.push(data.subarray(from));
      this.endedInEsc = data.length > 0 && data[data.length - 1] === ESC;
    }
    return kept.length === 1 ? kept[0]! : Buffer.concat(kept);
  }

  private finish(found: (name: string) => void): void {
    const bytes = this.name!;
    this.name = null;
    let name: string;
    try {
      name = utf8.decode(Uint8Array.from(bytes));
    } catch {
      return; // not UTF-8: ignored, as tmux's utf8_isvalid check
    }
    found(name);
  }
}
