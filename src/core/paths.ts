/*
 * Where ccmux keeps things: the private socket dir (one socket per server, named by
 * `-L NAME`, or an explicit `-S PATH`), the state dir (logs, checkpoints, Claude pane
 * dirs) and the config file. Resolution is pure (env + uid in, paths out); the one
 * impure helper, ensurePrivateDir, creates a dir 0700 and refuses one that another
 * user owns or that others can write to — tmux's rule for its socket dir.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SocketChoice {
  /** `-L NAME`: a named server in the per-user socket dir. */
  label?: string;
  /** `-S PATH`: an explicit socket path. */
  socketPath?: string;
}

/** A label must be a plain file name: no separators, no dot-dirs, no control characters. */
export function validateLabel(label: string): string | null {
  if (label.length === 0) return 'server name (-L) must not be empty';
  if (label.length > 64) return `server name (-L) is longer than 64 characters: "${label.slice(0, 20)}…"`;
  if (label === '.' || label === '..' || /[/\\\x00-\x1f\x7f]/.test(label)) {
    return `server name (-L) must be a plain name without "/" or control characters: ${JSON.stringify(label)}`;
  }
  return null;
}

/** The per-user socket dir: $XDG_RUNTIME_DIR/ccmux, else /tmp/ccmux-<uid> (as tmux's /tmp/tmux-<uid>). */
export function socketDir(env: NodeJS.ProcessEnv, uid: number): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && path.isAbsolute(runtime)) return path.join(runtime, 'ccmux');
  const tmp = env.CCMUX_TMPDIR && path.isAbsolute(env.CCMUX_TMPDIR) ? env.CCMUX_TMPDIR : '/tmp';
  return path.join(tmp, `ccmux-${uid}`);
}

/** The socket a CLI invocation talks to. Inside a pane, $CCMUX names the server's socket (like $TMUX). */
export function resolveSocketPath(choice: SocketChoice, env: NodeJS.ProcessEnv, uid: number): string {
  if (choice.socketPath) return path.resolve(choice.socketPath);
  if (!choice.label && env.CCMUX) {
    const sock = env.CCMUX.split(',')[0];
    if (sock && path.isAbsolute(sock)) return sock;
  }
  return path.join(socketDir(env, uid), choice.label ?? 'default');
}

/** $XDG_STATE_HOME/ccmux, else ~/.local/state/ccmux. */
export function stateDir(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'ccmux');
  return path.join(home, '.local', 'state', 'ccmux');
}

/** The name a server's own files (log, checkpoint) carry: the socket's base name, made file-safe. */
export function serverFileStem(socketPath: string): string {
  return path.basename(socketPath).replace(/[^A-Za-z0-9._-]/g, '_') || 'default';
}

export class UnsafeDirError extends Error {}

/**
 * mkdir -p, one component at a time: the error is the real one for the component that
 * failed (EROFS, EACCES, ENOTDIR), never a loop. Node's recursive mkdirSync reports
 * ENOENT on a read-only file system, and under /proc it spins for good.
 */
export function makeDirs(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    try {
      fs.statSync(d);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(d);
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/**
 * Create `dir` (and parents) with mode 0700 if missing, then check that it is a real
 * directory (not a symlink), owned by `uid`, and not accessible to group or others.
 */
export function ensurePrivateDir(dir: string, uid: number): void {
  makeDirs(dir);
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw new UnsafeDirError(`${dir} is not a directory (a symlink or file is in its place); refusing to use it`);
  }
  if (st.uid !== uid) {
    throw new UnsafeDirError(`${dir} is owned by uid ${st.uid}, not by you (uid ${uid}); refusing to use it`);
  }
  if ((st.mode & 0o077) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    throw new UnsafeDirError(`${dir} is accessible to group or others (mode ${mode}); refusing to use it — fix with: chmod 700 ${dir}`);
  }
}

/**
 * The config file to load: `$XDG_CONFIG_HOME/ccmux/ccmux.toml`, else
 * `<home>/.config/ccmux/ccmux.toml`, whichever exists first; undefined when neither does.
 */
export function findConfigPath(env: NodeJS.ProcessEnv, home: string): string | undefined {
  const candidates: string[] = [];
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg !== undefined && xdg !== '' && path.isAbsolute(xdg)) candidates.push(path.join(xdg, 'ccmux', 'ccmux.toml'));
  candidates.push(path.join(home, '.config', 'ccmux', 'ccmux.toml'));
  return candidates.find((p) => fs.existsSync(p));
}
