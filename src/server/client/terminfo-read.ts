/*
 * A client's terminfo entry, found and read as curses finds it, with the client's own
 * environment (ADR 0035, terminal-description-from-terminfo): $TERMINFO, then ~/.terminfo, then each of
 * $TERMINFO_DIRS (an empty item: the system's), then /etc/terminfo, /lib/terminfo,
 * /usr/share/terminfo; in each, `<first letter>/<name>` or `<its hex code>/<name>`
 * (macOS). Asynchronous (fs.promises, off the event loop), only regular files of at most
 * MAX_BYTES; anything unreadable or malformed is taken as not found.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseTerminfo, type TerminfoEntry } from '../../core/terminfo.js';

/** Compiled entries are a few KB (xterm-256color: 3.9 KB); curses refuses them above 32 KB. */
const MAX_BYTES = 32768;
const SYSTEM_DIRS = ['/etc/terminfo', '/lib/terminfo', '/usr/share/terminfo'];

/** The directories searched for `env`'s terminal, in order. */
export function terminfoDirs(env: Readonly<Record<string, string | undefined>>): string[] {
  const dirs: string[] = [];
  if (env.TERMINFO) dirs.push(env.TERMINFO);
  if (env.HOME) dirs.push(path.join(env.HOME, '.terminfo'));
  if (env.TERMINFO_DIRS !== undefined) for (const d of env.TERMINFO_DIRS.split(':')) dirs.push(...(d === '' ? SYSTEM_DIRS : [d]));
  dirs.push(...SYSTEM_DIRS);
  return [...new Set(dirs)];
}

/** Whether `name` can be a terminfo entry's file name (no path, no dot file, bounded). */
export function validTermName(name: string): boolean {
  return name.length > 0 && name.length <= 128 && !name.includes('/') && !name.startsWith('.') && !/[\x00-\x1f]/.test(name);
}

/** The terminfo entry of `term` as the client with environment `env` would find it, or undefined. */
export async function readTerminfo(term: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<TerminfoEntry | undefined> {
  if (!term || !validTermName(term)) return undefined;
  const first = term[0]!;
  for (const dir of terminfoDirs(env)) {
    for (const sub of [first, first.charCodeAt(0).toString(16)]) {
      const file = path.join(dir, sub, term);
      try {
        const st = await fs.stat(file);
        if (!st.isFile() || st.size > MAX_BYTES) continue;
        return parseTerminfo(await fs.readFile(file));
      } catch {
        continue;
      }
    }
  }
  return undefined;
}
