/*
 * For tests of the input decoder: a paste streams out in pieces cut where its chunks ended,
 * so events from different chunkings are compared with each paste's pieces joined.
 */
import type { InputEvent } from '../../src/core/input-decoder.js';

/** The pieces of each paste joined into one event. */
export function joinPastes(events: InputEvent[]): InputEvent[] {
  const out: InputEvent[] = [];
  for (const e of events) {
    const prev = out[out.length - 1];
    if (e.type === 'paste' && !e.first && prev?.type === 'paste' && !prev.last) {
      out[out.length - 1] = { type: 'paste', raw: prev.raw + e.raw, text: prev.text + e.text, first: prev.first, last: e.last };
    } else out.push(e);
  }
  return out;
}
