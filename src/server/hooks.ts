/*
 * The hooks the user set (set-hook), kept as tmux keeps them — as array options at the
 * level their hook belongs to (core/hook-names.ts): session hooks globally or on a
 * session, window and pane hooks globally (for windows), on a window, or (pane hooks)
 * on a pane. Each is `index → command text`, indexes kept with their gaps (`hook[3]`).
 *
 * Finding what to run for an event walks the levels as tmux's options do: a session
 * hook on the session, else the global one; a pane hook on the pane, else its window,
 * else the global one; the first level that has the hook set wins whole.
 */
import type { HookLevel } from '../core/hook-names.js';
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';

/** The commands of one hook, by index. */
export type HookItems = Map<number, string>;

/** The hooks set at one level: name → items. */
export class HookTable {
  private readonly hooks = new Map<string, HookItems>();

  get(name: string): HookItems | undefined {
    const items = this.hooks.get(name);
    return items && items.size ? items : undefined;
  }

  /** Sets item `index`, or with no index replaces the whole hook by `command` (item 0) — appends with `append`. */
  set(name: string, command: string, index: number | undefined, append: boolean): void {
    let items = this.hooks.get(name);
    if (!items) this.hooks.set(name, (items = new Map()));
    if (index === undefined) {
      // As tmux's options_array_assign: into the first free index.
      if (!append) items.clear();
      let next = 0;
      while (items.has(next)) next++;
      items.set(next, command);
    } else if (append && items.has(index)) {
      items.set(index, `${items.get(index)!}${command}`);
    } else {
      items.set(index, command);
    }
  }

  /** Removes item `index`, or the whole hook. */
  unset(name: string, index?: number): void {
    if (index === undefined) this.hooks.delete(name);
    else this.hooks.get(name)?.delete(index);
  }

  /** The names set here, sorted. */
  names(): string[] {
    return [...this.hooks.keys()].filter((n) => this.get(n)).sort();
  }
}

/** Where a hook is set: a level and, unless global, the session, window or pane. */
export type HookPlace =
  | { level: 'session'; session?: Session }
  | { level: 'window'; window?: Window }
  | { level: 'pane'; pane: Pane };

export class HookStore {
  /** Every name ever set anywhere: an event whose hook was never set is not queued at all. */
  private readonly everSet = new Set<string>();
  readonly globalSession = new HookTable();
  readonly globalWindow = new HookTable();
  private readonly sessions = new WeakMap<Session, HookTable>();
  private readonly windows = new WeakMap<Window, HookTable>();
  private readonly panes = new WeakMap<Pane, HookTable>();

  /** Notes that `name` is set somewhere (set-hook calls it). */
  noteSet(name: string): void {
    this.everSet.add(name);
  }

  /** Whether hook `name` may be set anywhere. */
  isSet(name: string): boolean {
    return this.everSet.has(name);
  }

  /** The table of `place`, made when `create`. */
  table(place: HookPlace, create = true): HookTable | undefined {
    const of = <K extends object>(map: WeakMap<K, HookTable>, key: K): HookTable | undefined => {
      let t = map.get(key);
      if (!t && create) map.set(key, (t = new HookTable()));
      return t;
    };
    if (place.level === 'session') return place.session ? of(this.sessions, place.session) : this.globalSession;
    if (place.level === 'window') return place.window ? of(this.windows, place.window) : this.globalWindow;
    return of(this.panes, place.pane);
  }

  /**
   * What hook `name` (of `level`) runs for an event at session `s`, window `w`, pane `p`:
   * the items of the nearest level that has it set, or undefined.
   */
  find(name: string, level: HookLevel, s: Session | undefined, w: Window | undefined, p: Pane | undefined): HookItems | undefined {
    if (level === 'session') return (s && this.sessions.get(s)?.get(name)) || this.globalSession.get(name);
    return (level === 'pane' && p && this.panes.get(p)?.get(name)) || (w && this.windows.get(w)?.get(name)) || this.globalWindow.get(name);
  }
}
