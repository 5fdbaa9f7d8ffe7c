/*
 * Key tables, as tmux has them: named maps from a canonical key name (src/core/keys.ts)
 * to a command string. `root` is looked up for every key, `prefix` for the key after the
 * prefix, `copy-mode-vi` / `copy-mode` (mode-keys vi / emacs) while a pane is in copy mode. A binding marked
 * `repeat` (bind -r) keeps the prefix table active for repeat-time ms, so C-b C-Up C-Up
 * resizes twice. Mouse keys (`MouseDown1Pane`, keys.ts) are bound like any other.
 */
import { compareKeys } from '../core/key-order.js';

export interface Binding {
  command: string;
  note?: string;
  repeat?: boolean;
}

export class KeyTables {
  private readonly tables = new Map<string, Map<string, Binding>>();

  bind(table: string, key: string, binding: Binding): void {
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = new Map()));
    t.set(key, binding);
  }

  unbind(table: string, key: string): boolean {
    return this.tables.get(table)?.delete(key) ?? false;
  }

  unbindAll(table: string): void {
    this.tables.get(table)?.clear();
  }

  lookup(table: string, key: string): Binding | undefined {
    return this.tables.get(table)?.get(key);
  }

  /** The binding a key runs in `table`: its own, else the table's `Any` binding (tmux's KEYC_ANY). */
  find(table: string, key: string): Binding | undefined {
    const t = this.tables.get(table);
    return t?.get(key) ?? t?.get('Any');
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /** Every binding of a table, in tmux's order of keys (key-order.ts). */
  list(table: string): Array<[string, Binding]> {
    return [...(this.tables.get(table) ?? new Map<string, Binding>()).entries()].sort(([a], [b]) => compareKeys(a, b));
  }
}
