/*
 * Where set-option and show-options act, decided as tmux 3.3 decides it
 * (options_scope_from_name / _from_flags): a known option goes to its own table whatever
 * -s or -w say; -g picks the global table of its scope, else the target's own (the -t
 * pane's session, window, or with -p and a pane option, the pane). A user option (@name)
 * goes where the flags say: -s server, -p pane, -w (or setw/showw) window, else session.
 *
 *   place      the table set or listed: global (OptionStore) or a local one (LocalOptions)
 *   at         the layers lookups walk from there (for -A and inherited values)
 */
import type { OptionDef } from '../config/options-table.js';
import type { OptionStore, UserTable } from '../config/option-values.js';
import type { LocalOptions, OptionLayers } from '../config/local-options.js';
import { CommandError } from '../core/errors.js';
import type { ParsedArgs } from './args.js';
import type { Session, Window } from '../server/window.js';
import type { Pane } from '../server/pane.js';

export type OptionLevel = 'server' | 'session' | 'window' | 'pane';

export interface OptionPlace {
  level: OptionLevel;
  /** The table of a session, window or pane; null for a global one (server, -g). */
  local: LocalOptions | null;
  /** The session, window and pane a local table belongs to (for inherited values); {} for global. */
  at: OptionLayers & { session?: Session; window?: Window; pane?: Pane };
}

/** The global table of user options a global place holds (`set -g @x`: the session one). */
export function userTableOf(place: OptionPlace): UserTable {
  return place.level === 'pane' ? 'window' : place.level;
}

/**
 * A user option at `place` or, with `inherit`, the nearest above it as tmux's parents go:
 * pane → window → global window; session → global session; a global table has no parent.
 */
export function userAt(options: OptionStore, place: OptionPlace, name: string, inherit: boolean): { value: string; inherited: boolean } | undefined {
  const chain = place.local ? [place.at.pane, place.at.window, place.at.session].filter((x) => x !== undefined) : [];
  for (const [i, x] of chain.entries()) {
    if (i > 0 && !inherit) break;
    if (x.options.has(name)) return { value: x.options.get(name) as string, inherited: i > 0 };
  }
  if (place.local && !inherit) return undefined;
  const value = options.getGlobalUser(name, userTableOf(place));
  return value === undefined ? undefined : { value, inherited: place.local !== null };
}

/** The scope of an option: from its definition, or (user options, listing) from the flags. */
export function levelOf(def: OptionDef | undefined, a: ParsedArgs, windowCommand: boolean): OptionLevel {
  if (def) {
    if (def.scope === 'server' || def.scope === 'claude') return 'server';
    if (def.scope === 'session') return 'session';
    return def.pane && a.flags.has('p') ? 'pane' : 'window';
  }
  if (a.flags.has('s')) return 'server';
  if (a.flags.has('p')) return 'pane';
  if (windowCommand || a.flags.has('w')) return 'window';
  return 'session';
}

/** The table at `level`: global with -g (or for the server), else the target's; throws tmux's message when there is none. */
export function placeAt(level: OptionLevel, a: ParsedArgs): OptionPlace {
  if (level === 'server' || (a.flags.has('g') && level !== 'pane')) return { level, local: null, at: {} };
  const t = a.target;
  const named = a.values.get('t');
  if (!t) throw new CommandError(named !== undefined ? `no such ${level}: ${named}` : `no current ${level}`);
  // `at` is tmux's chain of parents: a session's options inherit from the global ones, a
  // window's from the global window options, a pane's from its window's.
  if (level === 'session') return { level, local: t.session.options, at: { session: t.session } };
  if (level === 'window') return { level, local: t.window.options, at: { window: t.window } };
  return { level, local: t.pane.options, at: { window: t.window, pane: t.pane } };
}
