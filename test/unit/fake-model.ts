/*
 * A model without a pty, for unit tests: a Server whose panes run on FakePty (prints and
 * exits on cue), with every event it raises recorded in `seen`.
 */
import os from 'node:os';
import pino from 'pino';
import { Server } from '../../src/server/server.js';
import type { PtyData, PtyProcess, PtySpawner } from '../../src/server/pty-host.js';
import { buildConfig } from '../../src/commands/read-config.js';

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
  for (const type of ['changed', 'window-selected', 'pane-output', 'pane-exited', 'pane-closed'] as const) {
    server.events.on(type, (p: unknown) => {
      const what = p && typeof p === 'object' && 'id' in p ? `%${(p as { id: number }).id}` : p && typeof p === 'object' && 'window' in p ? `@${(p as { window: { index: number } }).window.index}` : '';
      seen.push(what ? `${type} ${what}` : type);
    });
  }
  const req = { cwd: '/', env: { PATH: '/bin' } };
  return { server, ptys, seen, req };
}

