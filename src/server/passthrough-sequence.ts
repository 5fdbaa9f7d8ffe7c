/*
 * tmux's passthrough sequence, ESC P tmux; DATA ESC \ (DATA with each ESC doubled),
 * taken out of a pane's output before xterm parses it, as tmux 3.3a's input.c reads a
 * DCS: inside, ESC \ ends it and ESC x stands for x (so ESC ESC is one ESC). xterm
 * would end the DCS at the first inner ESC and apply what follows to the pane's screen.
 * Whether DATA goes on to the clients' terminals is allow-passthrough's business (the
 * caller's); DATA beyond 1 MB (tmux's input buffer limit) is dropped whole.
 *
 * A read without ESC P tmux; costs one search. A read ending inside the prefix (ESC,
 * ESC P, …) keeps those bytes back for the next read: they are the start of an escape
 * sequence either way, which the terminal could not act on before its next bytes.
 */

const PREFIX = Buffer.from('\x1bPtmux;');
/**
 * What is searched for: PREFIX without its ESC. Buffer.indexOf is slow for a needle whose
 * first byte is frequent (ESC, in coloured output: ~30–90 µs a 64 KB read, against ~4 µs
 * for this one on this machine); the ESC before it is checked after.
 */
const NEEDLE = PREFIX.subarray(1);
const ESC = 0x1b;
/** tmux's INPUT_BUF_LIMIT: a longer DCS is discarded. */
const LIMIT = 1024 * 1024;

export class PassthroughSequences {
  /** Inside a sequence: DATA's parts so far, its size, and whether the last byte was an ESC. */
  private inside: { parts: Buffer[]; size: number; esc: boolean; over: boolean } | null = null;
  /** The end of the last read, kept back: a beginning of PREFIX. */
  private held: Buffer | null = null;

  /** `data` without the passthrough sequences in it; `found` gets each one's DATA. */
  strip(input: Buffer, found: (data: Buffer) => void): Buffer {
    let data = input;
    if (this.held) {
      data = Buffer.concat([this.held, input]);
      this.held = null;
    }
    if (this.inside === null && data.indexOf(NEEDLE) < 0 && !this.endsInPrefix(data, 0)) return data;
    const kept: Buffer[] = [];
    let i = 0;
    while (i < data.length) {
      if (this.inside === null) {
        const at = this.find(data, i);
        if (at < 0) {
          const hold = this.endsInPrefix(data, i);
          kept.push(data.subarray(i, data.length - hold));
          if (hold) this.held = Buffer.from(data.subarray(data.length - hold));
          break;
        }
        kept.push(data.subarray(i, at));
        this.inside = { parts: [], size: 0, esc: false, over: false };
        i = at + PREFIX.length;
        continue;
      }
      i = this.take(data, i, found);
    }
    return kept.length === 1 ? kept[0]! : Buffer.concat(kept);
  }

  /** Read DATA from `data` at `i` until the sequence ends or the read does; where reading stopped. */
  private take(data: Buffer, i: number, found: (data: Buffer) => void): number {
    const s = this.inside!;
    let from = i;
    const add = (b: Buffer) => {
      if (s.over) return;
      s.size += b.length;
      if (s.size > LIMIT) {
        s.over = true;
        s.parts = [];
      } else s.parts.push(b);
    };
    while (i < data.length) {
      const b = data[i]!;
      if (s.esc) {
        s.esc = false;
        if (b === 0x5c) {
          this.inside = null;
          if (!s.over) found(Buffer.concat(s.parts));
          return i + 1;
        }
        from = i; // ESC x stands for x
        i++;
        continue;
      }
      if (b === ESC) {
        add(data.subarray(from, i));
        s.esc = true;
        i++;
        from = i;
        continue;
      }
      i++;
    }
    add(data.subarray(from, i));
    return i;
  }

  /** Where PREFIX is in `data` from `i` on, or -1. */
  private find(data: Buffer, i: number): number {
    for (let at = data.indexOf(NEEDLE, i + 1); at >= 0; at = data.indexOf(NEEDLE, at + 1)) {
      if (data[at - 1] === ESC) return at - 1;
    }
    return -1;
  }

  /** How many bytes at the end of `data` (from `start` on) are a beginning of PREFIX (never all of it). */
  private endsInPrefix(data: Buffer, start: number): number {
    const last = data.lastIndexOf(ESC);
    if (last < start || last < data.length - (PREFIX.length - 1)) return 0;
    const tail = data.subarray(last);
    return PREFIX.subarray(0, tail.length).equals(tail) ? tail.length : 0;
  }
}
