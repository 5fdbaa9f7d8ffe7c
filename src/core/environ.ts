/*
 * An environment as tmux keeps one (environ.c): variables by name, each with a value or
 * none — a removal mark, shown as `-NAME`, that takes the variable out of what a pane
 * inherits — and a hidden flag (set-environment -h: kept for formats and %if, shown by
 * show-environment -h only, never given to a pane).
 *
 * The server holds the global one (its own environment at start); each session holds
 * only what differs for it: the creating or attaching client's `update-environment`
 * variables (present: set, absent: marked removed), new-session -e and set-environment.
 * A pane starts with the global environment overlaid by its session's (childEnv).
 */
import { fnmatch } from './format/fnmatch.js';

export interface EnvEntry {
  /** null: marked removed (set-environment -r). */
  value: string | null;
  hidden: boolean;
}

export class Environ {
  private readonly entries = new Map<string, EnvEntry>();

  constructor(from?: Record<string, string | undefined>) {
    for (const [k, v] of Object.entries(from ?? {})) if (v !== undefined) this.set(k, v);
  }

  /** Sets a value (environ_set). */
  set(name: string, value: string, hidden = false): void {
    this.entries.set(name, { value, hidden });
  }

  /** Marks a variable removed, keeping its hidden flag if it exists (environ_clear). */
  clear(name: string): void {
    const e = this.entries.get(name);
    if (e) e.value = null;
    else this.entries.set(name, { value: null, hidden: false });
  }

  /** Forgets a variable altogether (set-environment -u). */
  unset(name: string): void {
    this.entries.delete(name);
  }

  find(name: string): EnvEntry | undefined {
    return this.entries.get(name);
  }

  /** Every entry, sorted by name as tmux's tree keeps them (byte order). */
  list(): Array<[string, EnvEntry]> {
    return [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Copies every entry into `dst`, removal marks as marks (environ_copy). */
  copyInto(dst: Environ): void {
    for (const [k, e] of this.entries) {
      if (e.value === null) dst.clear(k);
      else dst.set(k, e.value, e.hidden);
    }
  }
}

/**
 * Applies `update-environment` (environ_update): for each pattern (fnmatch), the first
 * variable of `client` in name order it matches is set in `dst` — one per pattern, as
 * tmux 3.3a does (`SSH_*` takes SSH_AUTH_SOCK, not SSH_CONNECTION too); a pattern
 * matching none marks the pattern's own name removed, so a pane does not keep a stale
 * SSH_AUTH_SOCK.
 */
export function updateEnviron(patterns: readonly string[], client: Record<string, string | undefined>, dst: Environ): void {
  const names = Object.keys(client).filter((k) => client[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const pattern of patterns) {
    const k = names.find((n) => fnmatch(pattern, n));
    if (k === undefined) dst.clear(pattern);
    else dst.set(k, client[k]!);
  }
}

/**
 * What a pane of a session inherits: the global environment, the session's on top, then
 * the pane's own -e; without removed and hidden variables (environ_for_session +
 * environ_push).
 */
export function childEnv(global: Environ, session?: Environ, extra: Record<string, string> = {}): Record<string, string> {
  const merged = new Environ();
  global.copyInto(merged);
  session?.copyInto(merged);
  const out: Record<string, string> = {};
  for (const [k, e] of merged.list()) if (e.value !== null && !e.hidden) out[k] = e.value;
  return { ...out, ...extra };
}

/** A variable's value for formats: the session's, else the global one (format_find). */
export function lookupEnv(global: Environ, session: Environ | undefined, name: string): string | undefined {
  const e = session?.find(name) ?? global.find(name);
  return e?.value ?? undefined;
}

/** Why `name` cannot be a variable name, as set-environment says it, or null. */
export function badVariableName(name: string): string | null {
  if (name === '') return 'empty variable name';
  if (name.includes('=')) return 'variable name contains =';
  return null;
}

/** One show-environment line: `NAME=value` / `-NAME`, or with -s a line for sh. */
export function showEnvLine(name: string, e: EnvEntry, shell: boolean): string {
  if (!shell) return e.value === null ? `-${name}` : `${name}=${e.value}`;
  if (e.value === null) return `unset ${name};`;
  // POSIX interprets $ ` " and \ inside double quotes.
  const escaped = e.value.replace(/[$`"\\]/g, (c) => `\\${c}`);
  return `${name}="${escaped}"; export ${name};`;
}
