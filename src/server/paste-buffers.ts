/*
 * Paste buffers, as tmux keeps them: a stack of named texts, newest first. Copy mode and
 * capture-pane add to it; paste-buffer (prefix ]) types the newest into a pane. Automatic
 * names are buffer0, buffer1, ...; the stack is bounded so it cannot grow without end.
 */

export interface PasteBuffer {
  name: string;
  text: string;
  created: number;
}

/** The most automatic buffers kept (tmux's buffer-limit). */
const BUFFER_LIMIT = 50;

export class PasteBuffers {
  private list: PasteBuffer[] = [];
  private next = 0;

  /** Add a buffer (or replace the named one); returns its name. */
  add(text: string, name?: string): string {
    if (name !== undefined) {
      this.list = this.list.filter((b) => b.name !== name);
    } else {
      name = `buffer${this.next++}`;
      const auto = this.list.filter((b) => /^buffer\d+$/.test(b.name));
      if (auto.length >= BUFFER_LIMIT) this.list = this.list.filter((b) => b !== auto.at(-1));
    }
    this.list.unshift({ name, text, created: Date.now() });
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
