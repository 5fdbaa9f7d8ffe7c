/*
 * A control client over a model without a pty (fake-model.ts) and a fake socket: the
 * lines it writes for commands, notifications and pane output, in order; what it does
 * when its socket does not drain; how it leaves.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { world } from './fake-model.js';
import { ControlClient } from '../../src/server/control/control-client.js';
import { RUNNER } from '../../src/commands/run.js';
import { MsgType, PROTOCOL_VERSION, type HelloMsg } from '../../src/protocol/frames.js';
import type { ClientLink } from '../../src/server/client/terminal.js';
import type net from 'node:net';

/** A socket that keeps what is sent; `full` makes it look backed up until drain(). */
class FakeSocket extends EventEmitter {
  writableLength = 0;
  ended = false;
  end(): void {
    this.ended = true;
  }
}

function link() {
  const socket = new FakeSocket();
  const frames: Array<{ type: MsgType; payload: unknown }> = [];
  const l: ClientLink = {
    socket: socket as unknown as net.Socket,
    runner: RUNNER,
    send: (type, payload) => frames.push({ type, payload }),
  };
  const text = () =>
    frames
      .filter((f) => f.type === MsgType.Output)
      .map((f) => Buffer.from(f.payload as Buffer).toString('latin1'))
      .join('');
  return { socket, frames, l, text };
}

const hello: HelloMsg = { protocol: PROTOCOL_VERSION, version: 'test', pid: 4242, cwd: '/', tty: false, cols: 80, rows: 24, env: { PATH: '/bin' }, control: 1 };

/** Let setImmediate and microtasks run. */
const settle = () => new Promise((r) => setImmediate(() => setImmediate(r)));

/** The lines written, guard times and numbers masked. */
const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => l.replace(/^%(begin|end|error) \d+ \d+/, '%$1 T N'));

describe('ControlClient', () => {
  it('runs its start command, then lines, each framed, with notifications after the %end and pane output escaped', async () => {
    const { server, ptys } = world();
    const { l, text } = link();
    const c = new ControlClient(server, l, hello, 1);
    expect(await c.start([['new-session', '-s', 'x']])).toBe(true);
    c.input(Buffer.from('display -p "#{client_control_mode} #{client_name}"\nsplit-'));
    c.input(Buffer.from('window -h\n'));
    await settle();
    ptys[1]!.print('a\tb\\\r\n');
    await settle();
    expect(lines(text())).toEqual([
      '%begin T N 0',
      '%end T N 0',
      '%window-add @0',
      '%sessions-changed',
      '%session-changed $0 x',
      '%begin T N 1',
      '1 client-4242',
      '%end T N 1',
      '%begin T N 1',
      '%end T N 1',
      '%window-pane-changed @0 %1',
      '%layout-change @0 8205,80x24,0,0{40x24,0,0,0,39x24,41,0,1} 8205,80x24,0,0{40x24,0,0,0,39x24,41,0,1} *',
      '%output %1 a\\011b\\134\\015\\012',
    ]);
    c.disconnected();
  });

  it('does not count for window sizes until refresh-client -C, and then does', async () => {
    const { server } = world();
    const { l } = link();
    const c = new ControlClient(server, l, hello, 1);
    await c.start([['new-session', '-s', 'x', '-x', '120', '-y', '40']]);
    const w = c.session!.current;
    server.resizeSession(c.session!);
    expect([w.cols, w.rows]).toEqual([120, 40]);
    c.input(Buffer.from('refresh-client -C 90x20\n'));
    await settle();
    expect([w.cols, w.rows]).toEqual([90, 20]);
    c.disconnected();
  });

  it('waits for a socket that does not drain, without holding the server, and goes on after drain', async () => {
    const { server, ptys } = world();
    const { l, socket, text } = link();
    const c = new ControlClient(server, l, hello, 1);
    await c.start([['new-session', '-s', 'x']]);
    await settle();
    const before = text().length;
    socket.writableLength = 1 << 20; // backed up
    ptys[0]!.print('held back');
    await settle();
    expect(text().length).toBe(before);
    expect(c.queue.queuedOutput).toBe(9);
    socket.writableLength = 0;
    socket.emit('drain');
    expect(text().slice(before)).toBe('%output %0 held back\n');
    c.disconnected();
  });

  it('leaves after an empty line, with %exit left to the client process and no reason', async () => {
    const { server } = world();
    const { l, frames, socket } = link();
    const c = new ControlClient(server, l, hello, 1);
    await c.start([['new-session', '-s', 'x']]);
    c.input(Buffer.from('\ndisplay -p never\n'));
    await settle();
    expect(frames.at(-1)).toEqual({ type: MsgType.Detached, payload: { message: '', code: 0 } });
    expect(socket.ended).toBe(true);
    expect(server.clients.has(c)).toBe(false);
    expect(frames.some((f) => f.type === MsgType.Output && String(f.payload).includes('never'))).toBe(false);
  });

  it('refuses a mode over the screen with an error, framed', async () => {
    const { server } = world();
    const { l, text } = link();
    const c = new ControlClient(server, l, hello, 1);
    await c.start([['new-session', '-s', 'x']]);
    c.input(Buffer.from('choose-tree -w\n'));
    await settle();
    expect(lines(text()).slice(-3)).toEqual(['%begin T N 1', 'a control client has no screen to open this on', '%error T N 1']);
    c.disconnected();
  });
});
