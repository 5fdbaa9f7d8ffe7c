/*
 * Paste buffers, as tmux keeps them: a stack of named texts, newest first. Copy mode and
 * capture-pane add to it; paste-buffer (prefix ]) types the newest into a pane. Automatic
 * names are buffer0, buffer1, ...; at most buffer-limit of those are kept (the oldest go).
 */
import { visible } from '../core/escape.js';

/** How much of a buffer its sample shows (tmux's paste_make_sample: 200). */
const SAMPLE_BYTES = 200;

/**
 * tmux's paste_make_sample (#{buffer_sample}): the first 200 bytes of the text, a backslash
 * doubled and control characters escaped as vis(3)'s C style, cut at 200 with "..." when
 * the text or what it became is longer.
 */
export function bufferSample(text: string): string {
  const out = visible(leadingBytes(text, SAMPLE_BYTES).replace(/\\/g, '\\\\'));
  if (Buffer.byteLength(text) <= SAMPLE_BYTES && Buffer.byteLength(out) <= SAMPLE_BYTES) return out;
  // Cut at 200 bytes of what it became (a whole character, where tmux may cut one).
  return `${leadingBytes(out, SAMPLE_BYTES)}...`;
}

/** The whole characters of `text` that fit in its first `max` bytes. */
function leadingBytes(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

export interface PasteBuffer {
  name: string;
  text: string;
  created: number;
  /** Named by ccmux (bufferN), not by the user: these are the ones buffer-limit drops. */
  automatic?: boolean;
}

export class PasteBuffers {
  private list: PasteBuffer[] = [];
  private next = 0;

  /** `limit`: the most automatic buffers kept (the buffer-limit option, read at each add). */
  constructor(private readonly limit: () => number = () => 50) {}

  /**
   * Add a buffer (or replace the named one); returns its name. An automatic one first drops
   * the oldest automatic buffers beyond buffer-limit, and skips a bufferN name in use (paste_add).
   */
  add(text: string, name?: string): string {
    if (name !== undefined) {
      this.list = this.list.filter((b) => b.name !== name);
      this.list.unshift({ name, text, created: Date.now() });
      return name;
    }
    let auto = this.list.filter((b) => b.automatic);
    const limit = this.limit();
    while (auto.length >= limit) {
      const oldest = auto.at(-1)!;
      this.list = this.list.filter((b) => b !== oldest);
      auto = auto.slice(0, -1);
    }
    do name = `buffer${this.next++}`;
    while (this.list.some((b) => b.name === name));
    this.list.unshift({ name, text, created: Date.now(), automatic: true });
    return name;
  }

  get(name?: string): PasteBuffer | undefined {
    return name === undefined ? this.list[0] : this.list.find((b) => b.name === name);
  }

  delete(name?: string): boolean {
    const b = this.get(name);
    if (!b) return false;
    this.list = this.list.filter((x) => x !== b);
    return true;
  }

  all(): readonly PasteBuffer[] {
    return this.list;
  }
}
