/*
 * Following claude's live-session file, `<config dir>/sessions/<pid>.json`: claude keeps
 * it while it runs and rewrites its `status` (busy, shell, idle, waiting with
 * `waitingFor`) within ~0.1–0.3 s of what its UI shows — including what fires no hook: an
 * Escape or Ctrl-C while it works, No at a permission question, its other dialogs
 * (measured with 2.1.197: docs/claude-real.md). The file appears at SessionStart and
 * goes at a clean exit.
 *
 * Watched with inotify (fs.watch on the config dir for `sessions/` to appear, then on
 * `sessions/`), never polled; each change is read once, without following a link and
 * at most MAX_BYTES, and reported only when the status (or what it waits for) changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SessionFileStatus } from './state-machine.js';

const MAX_BYTES = 64 * 1024;

/** Read `file` as claude's session status; undefined when absent, a link, too big or not one. */
export function readSessionStatus(file: string): SessionFileStatus | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > MAX_BYTES) return undefined;
    const buf = Buffer.alloc(st.size);
    const n = fs.readSync(fd, buf, 0, st.size, 0);
    const v = JSON.parse(buf.subarray(0, n).toString('utf8')) as Record<string, unknown>;
    if (typeof v !== 'object' || v === null || typeof v.status !== 'string') return undefined;
    return {
      status: v.status.slice(0, 40),
      ...(typeof v.waitingFor === 'string' ? { waitingFor: v.waitingFor.slice(0, 200) } : {}),
      ...(typeof v.sessionId === 'string' ? { sessionId: v.sessionId } : {}),
      ...(typeof v.statusUpdatedAt === 'number' && Number.isFinite(v.statusUpdatedAt) ? { at: v.statusUpdatedAt } : {}),
    };
  } catch {
    return undefined; // absent, or rewritten in place as we read: the next change tells
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Watch the session file of claude `pid` in `configDir`; `onStatus` on each change. */
export function watchSessionStatus(configDir: string, pid: number, onStatus: (s: SessionFileStatus) => void): { close(): void } {
  const sessions = path.join(configDir, 'sessions');
  const file = path.join(sessions, `${pid}.json`);
  let last = '';
  let inner: fs.FSWatcher | undefined;
  let outer: fs.FSWatcher | undefined;
  let closed = false;
  const check = () => {
    if (closed) return;
    const s = readSessionStatus(file);
    if (!s) return;
    const key = `${s.status}\0${s.waitingFor ?? ''}\0${s.sessionId ?? ''}`;
    if (key === last) return;
    last = key;
    onStatus(s);
  };
  const watchInner = () => {
    if (inner || closed) return;
    try {
      inner = fs.watch(sessions, (_ev, name) => {
        if (name === null || name === `${pid}.json`) check();
      });
      inner.on('error', () => inner?.close());
      inner.unref();
      outer?.close();
      outer = undefined;
      check();
    } catch {
      /* not there yet: the outer watch says when it is */
    }
  };
  try {
    outer = fs.watch(configDir, (_ev, name) => {
      if (name === null || name === 'sessions') watchInner();
    });
    outer.on('error', () => outer?.close());
    outer.unref();
  } catch {
    /* the dir is gone: nothing to follow */
  }
  watchInner();
  return {
    close() {
      closed = true;
      inner?.close();
      outer?.close();
    },
  };
}
