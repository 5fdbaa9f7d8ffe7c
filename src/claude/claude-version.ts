/*
 * Which Claude Code a pane will run: `claude --version` ("2.1.197 (Claude Code)"), asked
 * once per executable (path, size and mtime: an upgrade in place is asked again) and
 * never blocking the server — the child runs asynchronously, bounded by VERSION_TIMEOUT_MS.
 * What ccmux needs it for: http hooks exist since 2.1.63 (hook-kind.ts).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';

/** A claude that has not said its version by then is taken as unknown. */
const VERSION_TIMEOUT_MS = 5000;

const cache = new Map<string, Promise<string | undefined>>();

/** "2.1.197" from `claude --version` output; undefined when there is no such number. */
export function parseClaudeVersion(text: string): string | undefined {
  return /^\s*(\d+\.\d+\.\d+)\b/.exec(text)?.[1];
}

/** -1, 0 or 1 as version a is older than, the same as or newer than b ("2.1.63"). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The version of the claude at `exe` (run with `env`), or undefined when it cannot tell. */
export async function claudeVersion(exe: string, env: Record<string, string>): Promise<string | undefined> {
  let key = exe;
  try {
    const st = await fs.stat(exe);
    key = `${exe}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    return undefined;
  }
  let p = cache.get(key);
  if (!p) {
    p = new Promise((resolve) => {
      execFile(exe, ['--version'], { env, timeout: VERSION_TIMEOUT_MS, maxBuffer: 64 * 1024, encoding: 'utf8' }, (err, stdout) => resolve(err ? undefined : parseClaudeVersion(stdout)));
    });
    cache.set(key, p);
    // An unknown version is asked again next time (a claude busy or broken for a moment).
    p.then((v) => v === undefined && cache.delete(key));
  }
  return p;
}
