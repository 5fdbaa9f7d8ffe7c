/*
 * The escape sequence a pane's output ended in the middle of, as tmux keeps it
 * (input_pending: what the parser has read since it was last in its ground state), for
 * capture-pane -P. Worked out from the bytes alone, chunk by chunk: a sequence starts at
 * an ESC and is still open when it is an ESC alone, a CSI without its final byte, an
 * ESC with intermediates and no final, or a string (OSC, DCS, SOS, PM, APC) without its
 * BEL or ST. A string cannot hold an ESC other than its ST's, so the last ESC of a chunk
 * starts the only sequence that can be open; a chunk without one carries an open
 * sequence on.
 */

/** At most this much of an open sequence is kept (its start): tmux's input buffer grows, ours need not. */
export const MAX_PENDING = 64 * 1024;

const ESC = 0x1b;
const EMPTY = Buffer.alloc(0);

/** True when `seq` (starting with ESC) is not finished. */
export function isOpenSequence(seq: Buffer): boolean {
  if (seq.length === 0 || seq[0] !== ESC) return false;
  if (seq.length === 1) return true;
  const kind = seq[1]!;
  if (kind === 0x5b) {
    // CSI: parameters and intermediates until a final byte.
    for (let i = 2; i < seq.length; i++) if (seq[i]! >= 0x40 && seq[i]! <= 0x7e) return false;
    return true;
  }
  if (kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f) {
    // A string: ended by ST (ESC \), or BEL for OSC.
    for (let i = 2; i < seq.length; i++) {
      if (seq[i] === 0x07 && kind === 0x5d) return false;
      if (seq[i] === ESC && seq[i + 1] === 0x5c) return false;
    }
    return true;
  }
  if (kind >= 0x20 && kind <= 0x2f) {
    for (let i = 2; i < seq.length; i++) if (seq[i]! >= 0x30 && seq[i]! <= 0x7e) return false;
    return true;
  }
  return false;
}

/** The open sequence after `chunk`, given the one open before it (`prev`, empty if none). */
export function pendingSequence(prev: Buffer, chunk: Buffer): Buffer {
  let last = chunk.lastIndexOf(ESC);
  // An ST's ESC ends the string it closes: the sequence to look at starts before it.
  if (last > 0 && chunk[last + 1] === 0x5c) last = chunk.lastIndexOf(ESC, last - 1);
  let seq: Buffer;
  if (last >= 0) seq = chunk.subarray(last);
  else if (prev.length > 0) seq = Buffer.concat([prev, chunk]);
  else return EMPTY;
  if (!isOpenSequence(seq)) return EMPTY;
  return seq.length > MAX_PENDING ? Buffer.from(seq.subarray(0, MAX_PENDING)) : Buffer.from(seq);
}
