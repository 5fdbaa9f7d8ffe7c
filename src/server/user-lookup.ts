/*
 * Users by name or uid, as getpwnam(3)/getpwuid(3) find them, for server-access: through
 * `getent passwd` (which asks NSS: /etc/passwd, LDAP, systemd-homed …), run without
 * waiting on it (execFile), else /etc/passwd read asynchronously when getent is missing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';

export interface UserEntry {
  name: string;
  uid: number;
}

/** Give up on getent after this long (an NSS source that does not answer). */
const GETENT_TIMEOUT_MS = 5000;

/** Parse one passwd(5) line. */
export function parsePasswdLine(line: string): UserEntry | undefined {
  const f = line.split(':');
  if (f.length < 3 || f[0] === '' || !/^\d+$/.test(f[2]!)) return undefined;
  return { name: f[0]!, uid: Number(f[2]) };
}

function getent(key: string): Promise<UserEntry | undefined | null> {
  return new Promise((resolve) => {
    execFile('getent', ['passwd', key], { timeout: GETENT_TIMEOUT_MS }, (err, stdout) => {
      // exit 2: no such entry; ENOENT: no getent here (null: ask /etc/passwd instead)
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') resolve(null);
      else if (err) resolve(undefined);
      else resolve(parsePasswdLine(stdout.split('\n')[0] ?? ''));
    });
  });
}

async function fromPasswdFile(match: (u: UserEntry) => boolean): Promise<UserEntry | undefined> {
  try {
    const text = await fs.promises.readFile('/etc/passwd', 'utf8');
    for (const line of text.split('\n')) {
      const u = parsePasswdLine(line);
      if (u && match(u)) return u;
    }
  } catch {
    /* none to read */
  }
  return undefined;
}

/** The user named `name` (a name made only of digits is a name here, as getpwnam). */
export async function userByName(name: string): Promise<UserEntry | undefined> {
  if (name === '' || name.includes(':') || name.includes('\n')) return undefined;
  const u = await getent(name);
  if (u === null) return fromPasswdFile((x) => x.name === name);
  return u && u.name === name ? u : undefined;
}

/** The user of `uid`. */
export async function userByUid(uid: number): Promise<UserEntry | undefined> {
  const u = await getent(String(uid));
  if (u === null) return fromPasswdFile((x) => x.uid === uid);
  return u && u.uid === uid ? u : undefined;
}
