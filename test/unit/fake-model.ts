/*
 * A model without a pty, for unit tests: a Server whose panes run on FakePty (prints and
 * exits on cue), with every event it raises recorded in `seen` (`window-changed @1 layout`,
 * `pane-output %3`, `session-created $work`).
 */
import os from 'node:os';
import pino from 'pino';
import { Server } from '../../src/server/server.js';
import type { PtyData, PtyProcess, PtySpawner } from '../../src/server/pty-host.js';
import { buildConfig } from '../../src/commands/read-config.js';
import { Pane } from '../../src/server/pane.js';
import { Session, Window } from '../../src/server/window.js';
import type { ModelEvents } from '../../src/server/events.js';

/** Every event the model raises (a test fails to compile if one is missing: see `satisfies`). */
const EVENTS = [
  'session-created', 'session-renamed', 'session-closed', 'window-created', 'window-changed', 'window-selected', 'window-closed',
  'window-flags', 'window-alert', 'pane-created', 'pane-output', 'pane-bell', 'pane-display', 'pane-title', 'pane-facts', 'pane-exited', 'pane-closed', 'pane-marked', 'options-changed', 'tick',
] as const satisfies ReadonlyArray<keyof ModelEvents>;

/** A pty that does what the test says: prints, exits. */
export class FakePty implements PtyProcess {
  private static nextPid = 900_000;
  readonly pid = FakePty.nextPid++;
  readonly written: string[] = [];
  private data: Array<(d: PtyData) => void> = [];
  private exit: Array<(code: number, signal: number) => void> = [];
  paused = false;
  constructor(readonly file: string, readonly args: string[]) {}
  onData(cb: (d: PtyData) => void): void {
    this.data.push(cb);
  }
  onExit(cb: (code: number, signal: number) => void): void {
    this.exit.push(cb);
  }
  write(d: string): void {
    this.written.push(d);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  resize(): void {}
  kill(): void {
    this.end(0, 1);
  }
  print(text: string): void {
    for (const cb of this.data) cb(Buffer.from(text));
  }
  end(code: number, signal = 0): void {
    for (const cb of this.exit) cb(code, signal);
  }
}

export function world() {
  const ptys: FakePty[] = [];
  const spawner: PtySpawner = (file, args) => {
    const p = new FakePty(file, args);
    ptys.push(p);
    return p;
  };
  const server = new Server({
    socketPath: '/nonexistent/ccmux-test',
    stateDir: os.tmpdir(),
    configFile: undefined,
    home: os.tmpdir(),
    spawner,
    log: pino({ level: 'silent' }),
    config: buildConfig(undefined),
  });
  const seen: string[] = [];
  // A window is named by its index: in the session the event names, else its first one;
  // one unlinked already by the index it had there when last seen.
  const known = new Map<Session, Map<Window, number>>();
  const windowName = (w: Window, s?: Session) => {
    const at = s ?? server.model.sessionsOf(w)[0] ?? [...known.keys()].find((x) => known.get(x)!.has(w));
    if (!at) return '@?';
    const i = at.indexOf(w);
    return `@${i >= 0 ? i : (known.get(at)?.get(w) ?? '?')}`;
  };
  const remember = () => {
    for (const x of server.model.sessions) {
      const of = known.get(x) ?? new Map<Window, number>();
      for (const w of x.windows) of.set(w, x.indexOf(w));
      known.set(x, of);
    }
  };
  const name = (p: unknown): string => {
    if (p instanceof Pane) return `%${p.id}`;
    if (p instanceof Window) return windowName(p);
    if (p instanceof Session) return `$${p.name}`;
    if (p && typeof p === 'object' && 'window' in p) {
      const o = p as { window: Window; session?: unknown; what?: string };
      return `${windowName(o.window, o.session instanceof Session ? o.session : undefined)}${o.what !== undefined ? ` ${o.what}` : ''}`;
    }
    return '';
  };
  for (const type of EVENTS) {
    server.model.events.on(type, (p: unknown) => {
      const what = name(p);
      seen.push(what ? `${type} ${what}` : type);
      remember();
    });
  }
  const req = { cwd: '/', env: { PATH: '/bin' } };
  return { server, ptys, seen, req };
}

