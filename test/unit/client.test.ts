/*
 * An attached Client, driven without a pty or a socket: the model runs on fake ptys
 * (fake-model.ts), the client's link is a FakeLink that records every message sent and
 * says whether it is backed up, and the clock is vitest's (timers, setImmediate,
 * performance.now and Date are all fake). What the client sent is fed to a headless
 * terminal standing for the user's, so tests read the screen the user would see; the
 * client's own grid (what compose drew, before the ScreenWriter) is read too, and every
 * compose is counted (client.screen.compose is called once per frame).
 *
 * Covered: keys reach the active pane, the prefix and its bindings do not; a lone escape
 * waits for escape-time; frames are paced (one per gap during a flood, longer gaps after
 * costly frames, the echo of a key at once); a backed-up link is skipped until it drains,
 * then gets the latest screen; a re-check frame when reused status text expires; a
 * message expires after display-time; the status clock redraws at the minute; detach and
 * a destroyed session restore the terminal and say why; a synchronized-output block
 * (DEC 2026) of a pane on screen holds every frame until it ends or for its cap;
 * underline styles and hyperlinks go to terminals terminal-features names; the
 * synchronized-output option.
 */
import { EventEmitter } from 'node:events';
import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Client } from '../../src/server/client/client.js';
import type { ClientLink } from '../../src/server/client/terminal.js';
import { MsgType, PROTOCOL_VERSION, type HelloMsg } from '../../src/protocol/frames.js';
import { RUNNER } from '../../src/commands/run.js';
import { createTerminal, writeSync, type HeadlessTerminal } from '../../src/render/xterm.js';
import type { Server } from '../../src/server/server.js';
import type { SpawnRequest as PaneRequest } from '../../src/server/spawn.js';
import type { Session } from '../../src/server/window.js';
import type { Pane } from '../../src/server/pane.js';
import { world } from './fake-model.js';
import { MIN_FRAME_MS } from '../../src/server/client/frame-pacer.js';
import { SYNC_HOLD_MS } from '../../src/server/pane.js';

// ---- the model's calls, in one place (their names may change) ----------------------------

function newSession(server: Server, req: PaneRequest, name: string, cols: number, rows: number): Session {
  return server.model.newSession(name, req, cols, rows, 'main');
}

function splitRight(server: Server, pane: Pane, req: PaneRequest): Pane {
  return server.model.splitWindow(pane, 'h', req, { select: true });
}

// ---- the fakes -------------------------------------------------------------------------

/** Taken before any test fakes the clock: lets input handling (promises) run without firing fake timers. */
const realSetImmediate = setImmediate;

/** Let queued promise work (the client's input chain, async commands) finish; fires no fake timer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => realSetImmediate(r));
}

/**
 * A setImmediate queued from inside a fake timer runs 1 ms later on the fake clock
 * (@sinonjs/fake-timers), not at the same instant: a frame that a timer asks for (an
 * expired message, a re-check) is drawn after advancing this much more.
 */
const FAKE_TURN = 1;

/** The socket as the client uses it: writableLength for back-pressure, 'drain', end(). */
class FakeSocket extends EventEmitter {
  writableLength = 0;
  destroyed = false;
  ended = false;
  end(): this {
    this.ended = true;
    return this;
  }
}

/** A relayed client's link: records every message; what goes out as OUTPUT is fed to `screen`. */
class FakeLink implements ClientLink {
  readonly sock = new FakeSocket();
  readonly runner = RUNNER;
  readonly sent: Array<{ type: MsgType; payload: unknown }> = [];
  /** The user's terminal, as the OUTPUT bytes leave it. */
  readonly screen: HeadlessTerminal;
  /** Called for each OUTPUT message (a test may make a frame "cost" time here). */
  onOutput: () => void = () => undefined;
  constructor(cols: number, rows: number) {
    this.screen = createTerminal(cols, rows, 0);
  }
  get socket(): net.Socket {
    return this.sock as unknown as net.Socket;
  }
  send(type: MsgType, payload?: Buffer | string | object): void {
    this.sent.push({ type, payload });
    if (type === MsgType.Output) {
      writeSync(this.screen, payload as string);
      this.onOutput();
    }
  }
  /** The OUTPUT messages, as strings. */
  outputs(): string[] {
    return this.sent.filter((m) => m.type === MsgType.Output).map((m) => m.payload as string);
  }
  /** Row y of the user's screen. */
  row(y: number): string {
    return this.screen.buffer.active.getLine(y)?.translateToString(true) ?? '';
  }
}

const COLS = 40;
const ROWS = 11; // 10 rows of panes and the status line

function hello(env: Record<string, string> = {}): HelloMsg {
  return { protocol: PROTOCOL_VERSION, version: 'test', pid: 1, cwd: '/', tty: true, cols: COLS, rows: ROWS, env: { PATH: '/bin', ...env } };
}

/** Row y of what compose drew (independent of the ScreenWriter). */
function gridRow(c: Client, y: number): string {
  const g = c.grid;
  return Array.from({ length: g.cols }, (_, x) => g.char(y * g.cols + x) || ' ').join('').trimEnd();
}

/** A server on fake ptys with one session 'work' and a client attached to it, first frame drawn. */
function attached(setup?: (server: Server) => void, env?: Record<string, string>) {
  const { server, ptys, req } = world();
  // type() feeds chunks at one instant of the fake clock, which assume-paste-time would take
  // for a paste from the third key on: off here, and tested on its own below.
  server.options.set('assume-paste-time', 0);
  setup?.(server);
  const session = newSession(server, req, 'work', COLS, ROWS - 1);
  const link = new FakeLink(COLS, ROWS);
  const client = new Client(server, link, hello(env), session);
  const composes = vi.spyOn(client.screen, 'compose');
  vi.advanceTimersByTime(100); // the first frame, and the frame gap over
  const type = async (keys: string) => {
    client.handleFrame({ type: MsgType.Input, payload: Buffer.from(keys) });
    await settle();
  };
  return { server, ptys, req, session, link, client, composes, type, pty: ptys[0]! };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 11, 3, 12, 34, 0));
  vi.advanceTimersByTime(1000); // performance.now() starts at 0 on a fake clock: be past the first gap
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

// ---- the tests -----------------------------------------------------------------------

describe('Client, on fake ptys, a fake link and a fake clock', () => {
  it('attaches: ATTACHED, the alternate screen, and a first frame with the pane and the status line', () => {
    const { link, pty, client, composes } = attached();
    expect(link.sent[0]).toEqual({ type: MsgType.Attached, payload: { session: 'work', direct: false } });
    expect(link.outputs()[0]).toContain('\x1b[?1049h');
    expect(composes).toHaveBeenCalledTimes(1);
    expect(link.row(ROWS - 1)).toMatch(/^\[work\] 0:main\*/);
    pty.print('hello');
    vi.advanceTimersByTime(0);
    expect(link.row(0)).toBe('hello');
    expect(gridRow(client, 0)).toBe('hello');
  });

  it('takes keys that come within assume-paste-time of each other for a paste from the third on: no binding runs (tmux)', async () => {
    const { client, session, type, pty, server } = attached();
    server.options.set('assume-paste-time', 1);
    await type('ab\x02c');
    expect(pty.written.join('')).toBe('ab\x02c'); // C-b c from a paste reaches the program
    expect(session.current.panes.size).toBe(1);
    expect(client.keyTable).toBe('root');
    vi.advanceTimersByTime(5);
    await type('\x02'); // typed: the prefix
    vi.advanceTimersByTime(5);
    await type('%');
    expect(session.current.panes.size).toBe(2);
    vi.advanceTimersByTime(5);
    server.options.set('assume-paste-time', 0);
    await type('xy\x02%');
    expect(session.current.panes.size).toBe(3);
  });

  it('times assume-paste-time per session, as tmux: keys from two clients of one session in one instant are a paste', async () => {
    const { client, session, type, pty, server } = attached();
    server.options.set('assume-paste-time', 1);
    const other = new Client(server, new FakeLink(COLS, ROWS), hello(), session);
    vi.advanceTimersByTime(100);
    await type('a');
    other.handleFrame({ type: MsgType.Input, payload: Buffer.from('b') });
    await settle();
    await type('\x02%'); // the third and fourth key of the session within 1 ms: pasted, not C-b %
    expect(pty.written.join('')).toBe('ab\x02%');
    expect(session.current.panes.size).toBe(1);
    expect(client.keyTable).toBe('root');
  });

  it('sends typed keys to the active pane; the prefix and its bindings are not sent (C-b % splits, C-b o moves focus)', async () => {
    const { link, ptys, client, session, type, pty } = attached();
    await type('ls\r');
    expect(pty.written.join('')).toBe('ls\r');

    await type('\x02');
    expect(client.keyTable).toBe('prefix');
    expect(pty.written.join('')).toBe('ls\r');
    await type('%');
    expect(client.keyTable).toBe('root');
    expect(session.current.panes.size).toBe(2);
    expect(ptys).toHaveLength(2);
    const right = ptys[1]!;
    expect(pty.written.join('')).toBe('ls\r'); // neither C-b nor % reached the program
    expect(right.written).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(link.row(0)).toContain('│'); // the split is drawn
    expect(gridRow(client, 0)).toContain('│');

    await type('x');
    expect(right.written.join('')).toBe('x');
    expect(pty.written.join('')).toBe('ls\r');

    await type('\x02o');
    expect(session.current.activePane.pid).toBe(pty.pid);
    await type('y');
    expect(pty.written.join('')).toBe('ls\ry');
    expect(right.written.join('')).toBe('x');

    // The prefix twice sends it to the program (send-prefix); an unbound key after the prefix is dropped.
    await type('\x02\x02');
    expect(pty.written.join('')).toBe('ls\ry\x02');
    await type('\x02Z');
    expect(pty.written.join('')).toBe('ls\ry\x02');
    expect(client.keyTable).toBe('root');
  });

  it("looks the next key up in a table of the user's own after switch-client -T, then goes back to root (tmux 3.3)", async () => {
    const { server, client, session, type, pty, ptys } = attached();
    server.keys.bind('resize', 'x', { command: 'split-window -h' });
    server.keys.bind('prefix', 'r', { command: 'switch-client -T resize' });
    await type('\x02r');
    expect(client.keyTable).toBe('resize');
    await type('x');
    expect(session.current.panes.size).toBe(2);
    expect(client.keyTable).toBe('root');
    expect(pty.written).toEqual([]);
    // An unbound key in the table ends it and goes nowhere; the next key reaches the pane.
    await type('\x02r');
    await type('q');
    expect(client.keyTable).toBe('root');
    await type('z');
    expect(ptys[1]!.written.join('')).toBe('z');
  });

  it('holds a lone escape for escape-time, then sends it; an escape with a key after it goes at once', async () => {
    const { server, type, pty } = attached();
    server.options.set('escape-time', '50');
    await type('\x1b');
    expect(pty.written).toEqual([]);
    vi.advanceTimersByTime(49);
    await settle();
    expect(pty.written).toEqual([]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(pty.written.join('')).toBe('\x1b');

    pty.written.length = 0;
    await type('\x1b');
    await type('x'); // within escape-time: Meta-x, sent whole, no wait
    expect(pty.written.join('')).toBe('\x1bx');
    vi.advanceTimersByTime(100);
    await settle();
    expect(pty.written.join('')).toBe('\x1bx'); // the held escape was not sent again
  });

  it('writes a run of unbound keys with one write; a binding in the run still runs, in order', async () => {
    const { ptys, session, type, pty } = attached();
    const text = Array.from({ length: 2000 }, (_, n) => `line ${n} é😀日\r`).join('');
    await type(text);
    expect(pty.written).toEqual([text]); // a plain paste: 2000 lines, one write
    pty.written.length = 0;
    await type('ab\x02%cd'); // C-b % in the middle of one chunk
    expect(session.current.panes.size).toBe(2);
    expect(pty.written.join('')).toBe('ab');
    expect(ptys[1]!.written.join('')).toBe('cd');
  });

  it('streams a bracketed paste to the pane as it arrives, without its markers unless the program asked for them', async () => {
    const { server, type, pty } = attached();
    server.options.set('escape-time', '10');
    await type('\x1b[200~first é');
    expect(pty.written.join('')).toBe('first é'); // before the end marker has come
    vi.advanceTimersByTime(100); // a pause longer than escape-time inside the paste cuts nothing
    await settle();
    await type('😀 second\r\x1b[20');
    vi.advanceTimersByTime(100);
    await settle();
    await type('1~x');
    expect(pty.written.join('')).toBe('first é😀 second\rx');

    pty.written.length = 0;
    pty.print('\x1b[?2004h'); // the program turns bracketed paste on
    await type('\x1b[200~a\rb');
    await type('\x1b[201~');
    expect(pty.written.join('')).toBe('\x1b[200~a\rb\x1b[201~');
  });

  it('pastes into an open prompt as text, newlines as spaces, and not into the pane', async () => {
    const { client, type, pty } = attached();
    await type('\x02:');
    expect(client.mode).not.toBeNull();
    await type('\x1b[200~rename-');
    await type('window\rpasted\x1b[201~\r');
    expect(pty.written).toEqual([]);
    expect(client.session?.current.name).toBe('pasted');
  });

  it('paces frames: a flood within one gap is one frame, the next comes a gap later', () => {
    const { link, pty, client, composes } = attached();
    pty.print('count 0');
    expect(composes).toHaveBeenCalledTimes(1); // not drawn in the same tick: no input is waiting for an echo
    vi.advanceTimersByTime(0); // the last frame is older than the gap: drawn next tick
    expect(composes).toHaveBeenCalledTimes(2);
    expect(link.row(0)).toBe('count 0');

    for (let i = 1; i <= 10; i++) {
      vi.advanceTimersByTime(1);
      pty.print(`\rcount ${i}`);
    }
    vi.advanceTimersByTime(5); // 15 ms after the last frame
    expect(composes).toHaveBeenCalledTimes(2);
    expect(link.row(0)).toBe('count 0');
    vi.advanceTimersByTime(1); // 16 ms: one frame, with the latest screen
    expect(composes).toHaveBeenCalledTimes(3);
    expect(link.row(0)).toBe('count 10');
    expect(gridRow(client, 0)).toBe('count 10');

    vi.advanceTimersByTime(1);
    pty.print('\rcount 11');
    vi.advanceTimersByTime(14);
    expect(composes).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(1);
    expect(composes).toHaveBeenCalledTimes(4);
    expect(link.row(0)).toBe('count 11');
    const sent = link.outputs().length;
    vi.advanceTimersByTime(1000);
    expect(link.outputs()).toHaveLength(sent); // nothing changed: nothing sent (a re-check, tested below, may compose)
  });

  it('draws the echo of a key in the tick it arrives, inside the frame gap; other output still waits', async () => {
    const { link, pty, ptys, composes, type, server, req, session, client } = attached();
    pty.print('$ ');
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(2); // well inside the 16 ms gap
    await type('a');
    expect(pty.written.join('')).toBe('a');
    expect(composes).toHaveBeenCalledTimes(2); // typing alone changes nothing on screen
    pty.print('a'); // the echo
    expect(composes).toHaveBeenCalledTimes(3); // drawn now, no timer run
    expect(link.row(0)).toBe('$ a');
    expect(link.screen.buffer.active.cursorX).toBe(3);

    // Output that is not an echo, right after: paced again.
    pty.print('b');
    vi.advanceTimersByTime(15);
    expect(composes).toHaveBeenCalledTimes(3);
    expect(link.row(0)).toBe('$ a');
    vi.advanceTimersByTime(1);
    expect(composes).toHaveBeenCalledTimes(4);
    expect(link.row(0)).toBe('$ ab');

    // Only the active pane's output is the echo: another pane printing after a key is not.
    splitRight(server, session.current.activePane, req);
    const right = ptys[1]!;
    vi.advanceTimersByTime(100);
    right.print('R');
    vi.advanceTimersByTime(0);
    const n = composes.mock.calls.length;
    vi.advanceTimersByTime(2);
    await type('c');
    expect(right.written.join('')).toBe('c');
    pty.print('L'); // the pane on the left, not the one typed into
    expect(composes).toHaveBeenCalledTimes(n);
    right.print('c'); // the echo
    expect(composes).toHaveBeenCalledTimes(n + 1);
    expect(gridRow(client, 0)).toMatch(/^\$ abL +│Rc$/);
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(n + 1); // one frame held both
  });

  it('draws the next change next tick after input even when it is not the echo', async () => {
    const { link, composes, type, client, pty } = attached();
    pty.print('x');
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(2);
    await type('q'); // sent to the pane; its program prints nothing
    client.showMessage('note');
    expect(composes).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(0); // next tick, 14 ms before the gap would end
    expect(composes).toHaveBeenCalledTimes(3);
    expect(link.row(ROWS - 1)).toContain('note');
  });

  it('waits longer after a costly frame: FRAME_COST_RATIO times its cost, at most MAX_FRAME_MS', () => {
    const { link, pty, composes } = attached();
    const fakeNow = performance.now.bind(performance);
    let cost = 0; // ms the client sees pass while a frame is sent
    vi.spyOn(performance, 'now').mockImplementation(() => fakeNow() + cost);

    link.onOutput = () => (cost += 2); // this frame takes 2 ms: the next gap is 32 ms
    pty.print('costly');
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(2);
    link.onOutput = () => undefined;
    vi.advanceTimersByTime(20); // 22 ms after the frame, as the client sees it
    pty.print('!');
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(2); // with a 16 ms gap this would be drawn now
    vi.advanceTimersByTime(9);
    expect(composes).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1); // 32 ms
    expect(composes).toHaveBeenCalledTimes(3);
    expect(link.row(0)).toBe('costly!');

    link.onOutput = () => (cost += 10); // ×16 would be 160 ms: capped at 50
    vi.advanceTimersByTime(100);
    pty.print('?');
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(4);
    link.onOutput = () => undefined;
    pty.print('.'); // 10 ms after that frame, as the client sees it: due at 50
    vi.advanceTimersByTime(39);
    expect(composes).toHaveBeenCalledTimes(4);
    vi.advanceTimersByTime(1);
    expect(composes).toHaveBeenCalledTimes(5);
    expect(link.row(0)).toBe('costly!?.');
  });

  it('sends a backed-up link nothing until it drains, then the latest screen in one frame', async () => {
    const { link, pty, composes, type } = attached();
    const before = link.outputs().length;
    link.sock.writableLength = 2 << 20; // over the 1 MB backlog limit
    pty.print('line 1');
    vi.advanceTimersByTime(0);
    for (let i = 2; i <= 5; i++) {
      vi.advanceTimersByTime(100);
      pty.print(`\rline ${i}`);
    }
    await type('k'); // even an echo waits
    pty.print('k');
    vi.advanceTimersByTime(1000);
    expect(link.outputs()).toHaveLength(before);
    expect(composes).toHaveBeenCalledTimes(1);
    expect(link.sock.listenerCount('drain')).toBe(1); // one wait, not one per skipped frame

    link.sock.writableLength = 0;
    link.sock.emit('drain');
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(2);
    expect(link.outputs()).toHaveLength(before + 1);
    expect(link.row(0)).toBe('line 5k');
    expect(link.sock.listenerCount('drain')).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(composes).toHaveBeenCalledTimes(2);
  });

  it('paints nothing of a synchronized-output block (DEC 2026) until it ends, then the whole frame at once', async () => {
    const { link, pty, client, composes, type } = attached();
    pty.print('\x1b[H\x1b[2Jframe 0');
    vi.advanceTimersByTime(100);
    const base = composes.mock.calls.length;
    const sent = link.outputs().length;
    pty.print('\x1b[?2026h\x1b[H\x1b[2Jframe 1 top'); // the block begins: half of a frame
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(MIN_FRAME_MS * 2);
      pty.print(`\r\nmiddle ${i}`);
    }
    // Nor does anything else the client shows paint it: an echo, a message.
    await type('x');
    pty.print('x');
    client.showMessage('meanwhile');
    vi.advanceTimersByTime(100);
    expect(link.outputs()).toHaveLength(sent);
    expect(composes).toHaveBeenCalledTimes(base);
    expect(link.row(0)).toBe('frame 0');
    vi.advanceTimersByTime(2); // 2 ms inside the frame gap, had there been one
    pty.print('\r\nbottom\x1b[?2026l'); // the block ends: drawn now, whole
    vi.advanceTimersByTime(0);
    expect(composes).toHaveBeenCalledTimes(base + 1);
    expect(link.row(0)).toBe('frame 1 top');
    expect(link.row(6)).toBe('bottom');
    expect(gridRow(client, 6)).toBe('bottom');
    expect(link.row(ROWS - 1)).toMatch(/^meanwhile/);
  });

  it('holds a block nobody ends for SYNC_HOLD_MS from its start, not longer; a new block holds again', () => {
    const { link, pty, composes } = attached();
    vi.advanceTimersByTime(100);
    const base = composes.mock.calls.length;
    pty.print('\x1b[?2026hstuck');
    vi.advanceTimersByTime(SYNC_HOLD_MS / 2);
    pty.print(' still');
    vi.advanceTimersByTime(SYNC_HOLD_MS / 2 - 1);
    expect(composes).toHaveBeenCalledTimes(base);
    expect(link.row(0)).toBe('');
    vi.advanceTimersByTime(1 + FAKE_TURN); // the cap: drawn, though the program never said so
    expect(composes).toHaveBeenCalledTimes(base + 1);
    expect(link.row(0)).toBe('stuck still');
    // The block is over as far as frames go: later output is paced as usual.
    pty.print(' more');
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(link.row(0)).toBe('stuck still more');
    // A new block (even with no end to the old one) holds again, for its own cap.
    pty.print('\x1b[?2026h!');
    vi.advanceTimersByTime(SYNC_HOLD_MS - 1);
    expect(link.row(0)).toBe('stuck still more');
    vi.advanceTimersByTime(1 + FAKE_TURN);
    expect(link.row(0)).toBe('stuck still more!');
  });

  it('draws at least once every SYNC_HOLD_MS however a program chains its blocks (each read ending inside the next)', () => {
    const { link, pty, composes } = attached();
    vi.advanceTimersByTime(100);
    const base = composes.mock.calls.length;
    pty.print('\x1b[?2026h0');
    for (let i = 1; i <= 25; i++) {
      vi.advanceTimersByTime(100);
      pty.print(`\x1b[?2026l\x1b[?2026h${i % 10}`); // a frame ends and the next begins, in each read
      if (i === 9) expect(composes).toHaveBeenCalledTimes(base);
    }
    // 2.5 s of blocks: drawn at the cap twice — at 1 s from the first block, then 1 s from
    // the first frame held after that (the read at 1.1 s) — each time as parsed then.
    expect(composes).toHaveBeenCalledTimes(base + 2);
    expect(link.row(0)).toBe('0123456789012345678901');
  });

  it('holds frames only for panes on screen: another window\'s block, or a reset, holds nothing', () => {
    const { link, pty, server, session, req, composes } = attached();
    server.model.newWindow(session, req, { select: false });
    const hidden = session.windows.find((w) => w !== session.current)!.activePane;
    vi.advanceTimersByTime(100);
    hidden.print('\x1b[?2026hhalf'); // in a window this client does not show
    pty.print('visible');
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(link.row(0)).toBe('visible');
    const n = composes.mock.calls.length;
    pty.print('\x1b[?2026h\x1bcafter reset'); // RIS ends the block (xterm resets its modes)
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(composes).toHaveBeenCalledTimes(n + 1);
    expect(link.row(0)).toBe('after reset');
  });

  it('sends underline styles and colours and hyperlinks to a terminal terminal-features names, not to others', () => {
    const styled = '\x1b[4:3;58:5:1mcurly\x1b[0m \x1b]8;;https://x.example/\x1b\\link\x1b]8;;\x1b\\';
    const xterm = attached(undefined, { TERM: 'xterm-256color' });
    xterm.pty.print(styled);
    vi.advanceTimersByTime(MIN_FRAME_MS);
    const out = xterm.link.outputs().join('');
    expect(out).toMatch(/\x1b\[[0-9;]*4:3;[0-9;]*58:5:1mcurly/);
    expect(out).toMatch(/\x1b\]8;id=ccmux\d+;https:\/\/x\.example\/\x1b\\link\x1b\]8;;\x1b\\/);
    xterm.client.detach('', 0);

    const linux = attached(undefined, { TERM: 'linux' });
    linux.pty.print(styled);
    vi.advanceTimersByTime(MIN_FRAME_MS);
    const plain = linux.link.outputs().join('');
    expect(plain).toMatch(/\x1b\[(|[0-9;]*;)4(|;[0-9;]*)mcurly/);
    expect(plain).not.toMatch(/4:3|58:|\x1b\]8/);
    expect(linux.link.row(0)).toBe('curly link');
    // Named in the option later: drawn again, with them.
    linux.server.options.set('terminal-features', '"linux:usstyle"');
    linux.server.model.optionsChanged(); // as set-option says it
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(linux.link.outputs().at(-1)).toMatch(/4:3;[0-9;]*58:5:1mcurly/);
  });

  it('wraps frames in synchronized output for a terminal with the sync feature, unless synchronized-output is off', () => {
    const other = attached(undefined, { TERM: 'screen-256color' }); // no sync in terminal-features for it
    other.pty.print('one');
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(other.link.outputs().join('')).toContain('one');
    expect(other.link.outputs().join('')).not.toContain('2026');
    other.client.detach('', 0);
    const { link, pty, server } = attached(undefined, { TERM: 'xterm-256color' });
    pty.print('one');
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(link.outputs().at(-1)).toMatch(/^\x1b\[\?2026h.*one.*\x1b\[\?2026l$/s);
    server.options.set('synchronized-output', 'off');
    server.model.optionsChanged();
    pty.print(' two');
    vi.advanceTimersByTime(MIN_FRAME_MS);
    const last = link.outputs().at(-1)!;
    expect(last).toContain('two');
    expect(last).not.toContain('2026');
  });

  it('follows a frame that reused the status text with one re-check frame when it expires, and only one', () => {
    const { pty, client, server, composes } = attached();
    const first = client.statusText.left!.at; // both sides computed by the first frame
    expect(client.statusText.right!.at).toBe(first);
    server.options.set('status-right', 'R'); // the right side's key changes: recomputed by the next frame
    server.model.optionsChanged(); // as set-option says it
    pty.print('a');
    vi.advanceTimersByTime(0); // 100 ms later: reuses status-left, computes status-right
    expect(composes).toHaveBeenCalledTimes(2);
    expect(client.statusText.left!.at).toBe(first);
    expect(client.statusText.right!.at).toBe(first + 100);
    vi.advanceTimersByTime(150); // status-left is 250 ms old: expired, but no frame yet
    expect(composes).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1 + FAKE_TURN); // the re-check (its timer queues the frame for the next turn: FAKE_TURN)
    expect(composes).toHaveBeenCalledTimes(3);
    // It recomputed both, the younger right side too: reusing that would ask for another
    // re-check when it expires, and the two sides would take turns forever.
    const recheck = client.statusText.left!.at;
    expect(recheck).toBeGreaterThan(first + 250);
    expect(client.statusText.right!.at).toBe(recheck);
    vi.advanceTimersByTime(5000);
    expect(composes).toHaveBeenCalledTimes(3);
  });

  it('keeps the status line through frames of pane output, and paints it again when its values expire', () => {
    const { pty, client, composes } = attached();
    const first = client.statusText.left!.at;
    pty.print('a');
    vi.advanceTimersByTime(0); // 100 ms after the first frame: only the pane row is drawn
    expect(composes).toHaveBeenCalledTimes(2);
    expect(client.statusText.left!.at).toBe(first);
    vi.advanceTimersByTime(150 + 1 + FAKE_TURN); // the status line's values expire: a re-check frame paints it
    expect(composes).toHaveBeenCalledTimes(3);
    expect(client.statusText.left!.at).toBeGreaterThan(first + 250);
    vi.advanceTimersByTime(5000);
    expect(composes).toHaveBeenCalledTimes(3);
  });

  it('leaves no timer behind when it goes (frame, message, escape)', async () => {
    const { client, pty, type } = attached((server) => server.options.set('status-right', 'no clock'));
    client.showMessage('pending'); // a message timer
    vi.advanceTimersByTime(0);
    pty.print('x'); // inside the frame gap: a frame timer
    await type('\x1b'); // a held escape: the escape timer
    expect(vi.getTimerCount()).toBe(3);
    client.detach('[bye]', 0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows a message for display-time, then the status line again', () => {
    const { link, client, server, composes } = attached();
    server.options.set('display-time', '2000');
    client.showMessage('hello there');
    vi.advanceTimersByTime(0);
    expect(link.row(ROWS - 1)).toMatch(/^hello there/);
    expect(gridRow(client, ROWS - 1)).toMatch(/^hello there/);
    const n = composes.mock.calls.length;
    vi.advanceTimersByTime(1999);
    expect(link.row(ROWS - 1)).toMatch(/^hello there/);
    vi.advanceTimersByTime(1);
    expect(client.message).toBeNull();
    vi.advanceTimersByTime(FAKE_TURN);
    expect(composes.mock.calls.length).toBeGreaterThan(n);
    expect(link.row(ROWS - 1)).toMatch(/^\[work\] 0:main\*/);
    expect(link.row(ROWS - 1)).not.toContain('hello there');
  });

  it('keeps a message until a key is pressed when display-time is 0 (as tmux), and the key still reaches the pane', async () => {
    const { link, client, server, type, pty } = attached();
    server.options.set('display-time', '0');
    client.showMessage('read me');
    vi.advanceTimersByTime(600_000);
    expect(link.row(ROWS - 1)).toMatch(/^read me/);
    await type('q');
    expect(client.message).toBeNull();
    expect(pty.written.join('')).toBe('q');
    vi.advanceTimersByTime(MIN_FRAME_MS);
    expect(link.row(ROWS - 1)).toMatch(/^\[work\] 0:main\*/);
  });

  it('redraws the status clock at the minute boundary, and not before', () => {
    vi.setSystemTime(new Date(2026, 11, 3, 12, 34, 50));
    const { link, client, composes } = attached((server) => server.options.set('status-right', 'at %H:%M'));
    expect(link.row(ROWS - 1)).toMatch(/at 12:34$/);
    const n = composes.mock.calls.length;
    vi.advanceTimersByTime(9_800); // 12:34:59.9 (attached at 12:34:50.1)
    expect(composes.mock.calls.length).toBe(n);
    expect(link.row(ROWS - 1)).toMatch(/at 12:34$/);
    vi.advanceTimersByTime(200); // past 12:35:00
    expect(composes.mock.calls.length).toBe(n + 1);
    expect(link.row(ROWS - 1)).toMatch(/at 12:35$/);
    expect(gridRow(client, ROWS - 1)).toMatch(/at 12:35$/);
    vi.advanceTimersByTime(60_000);
    expect(link.row(ROWS - 1)).toMatch(/at 12:36$/);
  });

  it('detaches on C-b d: restores the terminal, then DETACHED with the reason, and sends nothing after', async () => {
    const { link, pty, server, client, type } = attached();
    await type('\x02d');
    const last = link.sent.slice(-2);
    expect(last[0]!.type).toBe(MsgType.Output);
    expect(last[0]!.payload).toContain('\x1b[?1049l'); // out of the alternate screen
    expect(last[0]!.payload).toContain('\x1b[?25h'); // cursor shown
    expect(last[1]).toEqual({ type: MsgType.Detached, payload: { message: '[detached (from session work)]', code: 0 } });
    expect(link.sock.ended).toBe(true);
    expect(server.clients.has(client)).toBe(false);
    expect(server.model.sessions).toHaveLength(1); // the session goes on
    expect(pty.written).toEqual([]);
    const n = link.sent.length;
    pty.print('still running');
    vi.advanceTimersByTime(1000);
    client.showMessage('nobody sees this');
    vi.advanceTimersByTime(1000);
    expect(link.sent).toHaveLength(n);
  });

  it('tells the client [exited] when its session is destroyed', () => {
    const { link, pty, server, client } = attached((s) => s.options.set('exit-empty', 'off'));
    pty.end(0); // the session's only program exits
    expect(server.model.sessions).toHaveLength(0);
    const last = link.sent.slice(-2);
    expect(last[0]!.type).toBe(MsgType.Output);
    expect(last[0]!.payload).toContain('\x1b[?1049l');
    expect(last[1]).toEqual({ type: MsgType.Detached, payload: { message: '[exited]', code: 0 } });
    expect(link.sock.ended).toBe(true);
    expect(server.clients.has(client)).toBe(false);
    const n = link.sent.length;
    vi.advanceTimersByTime(1000);
    expect(link.sent).toHaveLength(n);
  });
});
