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
  'window-flags', 'window-alert', 'pane-created', 'pane-output', 'pane-bell', 'pane-display', 'pane-facts', 'pane-exited', 'pane-closed', 'options-changed', 'tick',
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
  const name = (p: unknown): string => {
    if (p instanceof Pane) return `%${p.id}`;
    if (p instanceof Window) return `@${p.index}`;
    if (p instanceof Session) return `$${p.name}`;
    if (p && typeof p === 'object' && 'window' in p) return `${name((p as { window: unknown }).window)}${'what' in p ? ` ${String(p.what)}` : ''}`;
    return '';
  };
  for (const type of EVENTS) {
    server.model.events.on(type, (p: unknown) => {
      const what = name(p);
      seen.push(what ? `${type} ${what}` : type);
    });
  }
  const req = { cwd: '/', env: { PATH: '/bin' } };
  return { server, ptys, seen, req };
}

