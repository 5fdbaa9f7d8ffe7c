/*
 * Options of one session, window or pane: the values set on it with `set-option -t`
 * (tmux's local options), over the global ones kept in OptionStore. A value here is
 * already checked; a name missing here inherits. Lookups walk the layers a caller names
 * (OptionLayers) in tmux's order:
 *
 *   server option    global only
 *   session option   session → global
 *   window option    pane → window → global   (only pane options are ever set on a pane)
 *   user option @x   pane → window → session → global
 *
 * The model's Session, Window and Pane each carry a LocalOptions as `options`, so they are
 * OptionLayers' members as they are; nothing here knows the model.
 */

/** The values set on one session, window or pane. */
export class LocalOptions {
  private readonly values = new Map<string, unknown>();

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The value set here, or undefined when it inherits. */
  get(name: string): unknown {
    const v = this.values.get(name);
    return Array.isArray(v) ? [...v] : v;
  }

  set(name: string, value: unknown): void {
    this.values.set(name, Array.isArray(value) ? [...value] : value);
  }

  /** Forget the value set here; whether there was one. */
  delete(name: string): boolean {
    return this.values.delete(name);
  }

  /** The names set here, sorted as tmux lists them (`@` names sort first). */
  names(): string[] {
    return [...this.values.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get size(): number {
    return this.values.size;
  }
}

/** Where an option is looked up: any of a session, window and pane (from the model). */
export interface OptionLayers {
  session?: { options: LocalOptions } | undefined;
  window?: { options: LocalOptions } | undefined;
  pane?: { options: LocalOptions } | undefined;
}

/** The local tables an option of this scope is looked up in, nearest first. */
export function layersFor(scope: string, at: OptionLayers | undefined, user = false): LocalOptions[] {
  if (!at) return [];
  const out: LocalOptions[] = [];
  const add = (x: { options: LocalOptions } | undefined) => {
    if (x) out.push(x.options);
  };
  if (user || scope === 'window') {
    add(at.pane);
    add(at.window);
  }
  if (user || scope === 'session') add(at.session);
  return out;
}
