/*
 * The model without a pty: a Server with a fake pty spawner. Sessions, windows and panes
 * are made and closed through it, programs print and exit on cue, and what the model
 * raises (events.ts) is recorded: every change a checkpoint holds raises 'changed', a
 * window switch raises 'window-selected' whoever asked for it, output and exits reach
 * subscribers in order, and a pane whose program exits is closed with its window.
 */
import os from 'node:os';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Emitter, type ModelEvents } from '../../src/server/events.js';
import { Server } from '../../src/server/server.js';
import type { PtyData, PtyProcess, PtySpawner } from '../../src/server/pty-host.js';
import { buildConfig } from '../../src/commands/read-config.js';
import { RUNNER } from '../../src/commands/run.js';

/** A pty that does what the test says: prints, exits. */
class FakePty implements PtyProcess {
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

function world() {
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
  return { server, ptys, seen, req, RUNNER };
}

describe('the model, through a fake pty', () => {
  it('raises changed for what a checkpoint holds, and window-selected however the window changes', () => {
    const { server, seen, req } = world();
    const s = server.newSession('work', req, 80, 24);
    expect(seen).toContain('changed');
    seen.length = 0;
    const w1 = server.newWindow(s, req, { select: true });
    expect(seen).toEqual(['window-selected @1', 'changed', 'changed']);
    seen.length = 0;
    s.select(s.findIndex(0)!); // as select-window, a mouse click or next-waiting would
    expect(seen).toEqual(['window-selected @0', 'changed']);
    seen.length = 0;
    server.splitWindow(w1.activePane, 'h', req, { select: true });
    expect(seen).toEqual(['changed']);
  });

  it('passes output to the pane and its subscribers; an exited program closes its pane, then its window', () => {
    const { server, ptys, seen, req } = world();
    const s = server.newSession('work', req, 80, 24);
    const w = server.newWindow(s, req, { select: true });
    const pane = w.activePane;
    const pty = ptys.at(-1)!;
    seen.length = 0;
    pty.print('hello from the program\r\n');
    expect(seen).toEqual([`pane-output %${pane.id}`]);
    expect(pane.term.buffer.active.getLine(0)!.translateToString(true)).toBe('hello from the program');
    seen.length = 0;
    pty.end(0);
    expect(seen.slice(0, 2)).toEqual([`pane-exited %${pane.id}`, `pane-closed %${pane.id}`]);
    expect(s.windows).not.toContain(w);
    expect(s.current.index).toBe(0);
    expect(seen).toContain('window-selected @0');
    expect(server.panes.has(pane.id)).toBe(false);
  });
});

describe('Emitter', () => {
  it('calls handlers in order, and not after they unsubscribe', () => {
    const e = new Emitter<ModelEvents>();
    const got: string[] = [];
    const off = e.on('changed', () => got.push('a'));
    e.on('changed', () => got.push('b'));
    e.emit('changed', undefined);
    off();
    e.emit('changed', undefined);
    expect(got).toEqual(['a', 'b', 'b']);
  });
});
