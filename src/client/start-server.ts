/*
 * Starting a server for the ccmux command (`new`, `start-server`, `restore` with none
 * running): spawn `dist/server/main.js` detached, with SERVER_NODE_FLAGS and an
 * environment without what a ccmux pane was given, and wait for its "ready" (or why it
 * could not start) on fd 3; when another server holds the start lock, wait for that one
 * instead. Imported lazily by connect.ts, so a command against a running server loads
 * none of this (child_process, crypto, the start lock). The server runs from its bundle
 * when `npm run build` made a fresh one (serverEntry).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { takeStartLock } from '../protocol/start-lock.js';
import { scrubInjected, serverStartEnv } from '../core/spawn-env.js';
import { makeDirs } from '../core/paths.js';
import { ClientError, tryConnect } from './dial.js';

const START_TIMEOUT_MS = 10000;

/**
 * Node flags the server runs with. `--max-semi-space-size=1` (MB) caps V8's young
 * generation, which otherwise grows to 16 MB a semi-space while panes print and keeps
 * that much resident afterwards: with 50 panes of `seq` 148 MB RSS instead of 193, 1.5
 * MB a pane instead of 2.35, no change measured in throughput or keystroke latency
 * (docs/adr/0007, docs/performance.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * Start a server on `sock` and wait for it to report ready (or why it could not start).
 * When another server holds the start lock (several commands starting one at once, or a
 * server still on its way out after kill-server), wait for that one to listen — or, if
 * it goes away instead, start one again.
 */
export async function startServer(sock: string, configFile: string | undefined): Promise<void> {
  const end = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const result = await spawnServer(sock, configFile);
    if (result === 'ready') return;
    if (!result.startsWith('busy:')) throw new ClientError(result.replace(/^error: /, ''));
    if (await waitForWinner(sock, end)) return;
  }
}

/**
 * The server's entry under `dist`: its bundle (dist/bundle/server.cjs, made by `npm run
 * build`: one file to load instead of ~270 modules, issue 18), started through
 * server-boot.cjs (which compiles it with V8's code cache) when that is there, while the
 * bundle is not older than tsc's dist/server/main.js — else that file: a bare `tsc -p .`
 * never runs a stale bundle.
 */
export function serverEntry(dist: string): string {
  const compiled = path.join(dist, 'server', 'main.js');
  const bundled = path.join(dist, 'bundle', 'server.cjs');
  const boot = path.join(dist, 'bundle', 'server-boot.cjs');
  const b = fs.statSync(bundled, { throwIfNoEntry: false });
  const c = fs.statSync(compiled, { throwIfNoEntry: false });
  if (!b || !c || b.mtimeMs < c.mtimeMs) return compiled;
  return fs.existsSync(boot) ? boot : bundled;
}

/** Start one server process; what it reported on fd 3. */
async function spawnServer(sock: string, configFile: string | undefined): Promise<string> {
  const main = serverEntry(path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  makeDirs(path.dirname(sock));
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, main, '--socket', sock, '--config', configFile ?? ''], {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    cwd: '/',
    // Nothing a ccmux pane was given (profile secrets, isolation) goes into a new server.
    // NODE_EXTRA_CA_CERTS renamed: the server puts it back for its panes (spawn-env.ts).
    env: serverStartEnv(scrubInjected(process.env, { HOME: os.userInfo().homedir })),
  });
  const pipe = child.stdio[3] as NodeJS.ReadableStream;
  let text = '';
  const result = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve(`error: the server did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    pipe.on('data', (d: Buffer) => (text += d.toString()));
    pipe.on('end', () => {
      clearTimeout(timer);
      resolve(text.trim() || 'error: the server exited without saying why (see its log in the state directory)');
    });
    pipe.on('error', () => undefined);
  });
  child.unref();
  (pipe as unknown as { destroy?: () => void }).destroy?.();
  return result;
}

/**
 * Another server holds the start lock: true once it accepts connections on `sock`, false
 * when it let go of the lock without doing so (it exited: start another).
 */
async function waitForWinner(sock: string, end: number): Promise<boolean> {
  for (;;) {
    const s = await tryConnect(sock);
    if (s instanceof net.Socket) {
      s.destroy();
      return true;
    }
    const lock = await takeStartLock(sock, process.getuid?.() ?? 0);
    if (lock) {
      await new Promise<void>((r) => lock.close(() => r()));
      return false;
    }
    if (Date.now() > end) throw new ClientError(`another server is starting on ${sock} but did not start listening within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

