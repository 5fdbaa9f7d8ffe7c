/*
 * End-to-end: the CLI's stdin on the wire (READ_OPEN, READ, READ_DONE; client-stdin.ts),
 * spoken by a raw peer. A command that reads stdin (split-window -I) asks for it once; the
 * pieces go into the pane as they come and READ_DONE ends the command. A READ or READ_DONE
 * not asked for, a READ over 64 KiB, or a READ_DONE with a bad error drops that peer with
 * a message naming what was wrong — and the server, and the pane, stay.
 */
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, pidAlive, waitFor } from './harness.js';
import { encodeFrame, FrameDecoder, MsgType, PROTOCOL_VERSION, READ_FRAME_BYTES, type Frame } from '../../src/protocol/frames.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});

const HELLO = encodeFrame(MsgType.Hello, { protocol: PROTOCOL_VERSION, version: 'x', pid: 1, cwd: '/', tty: false, cols: 80, rows: 24, env: {} });

/** A raw peer on the server's socket: what it sends, the frames it got, whether it was closed. */
function peer(s: Sandbox) {
  const sock = net.connect(path.join(s.env.XDG_RUNTIME_DIR!, 'ccmux', 'default'));
  const decoder = new FrameDecoder();
  const frames: Frame[] = [];
  let closed = false;
  sock.on('data', (d) => frames.push(...decoder.push(d)));
  sock.on('close', () => (closed = true));
  sock.on('error', () => undefined);
  return {
    send: (b: Buffer) => sock.write(b),
    types: () => frames.map((f) => MsgType[f.type]),
    frame: (type: MsgType) => frames.find((f) => f.type === type),
    closed: () => closed,
    destroy: () => sock.destroy(),
  };
}

const rejected = (p: ReturnType<typeof peer>) => String(JSON.parse(p.frame(MsgType.Reject)!.payload.toString()).message);

describe('the CLI stdin messages', () => {
  it('split-window -I asks for stdin; each READ goes into the pane; READ_DONE ends the command', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'a']);
    const p = peer(sb);
    p.send(Buffer.concat([HELLO, encodeFrame(MsgType.Command, { argv: ['split-window', '-dI', '-P', '-F', '#{pane_id}'] })]));
    await waitFor(() => p.frame(MsgType.ReadOpen), 10_000, 'READ_OPEN');
    expect(p.frame(MsgType.Stdout)!.payload.toString()).toBe('%1\n');
    p.send(encodeFrame(MsgType.Read, Buffer.from('one\n')));
    await waitFor(async () => (await sb!.ok(['capture-pane', '-p', '-t', '%1'])).startsWith('one\n'), 10_000, 'the first READ in the pane');
    expect(p.types()).not.toContain('Exit');
    p.send(encodeFrame(MsgType.Read, Buffer.from('two\n')));
    p.send(encodeFrame(MsgType.ReadDone, {}));
    await waitFor(() => p.frame(MsgType.Exit), 10_000, 'EXIT');
    expect(JSON.parse(p.frame(MsgType.Exit)!.payload.toString())).toEqual({ code: 0 });
    expect((await sb.ok(['capture-pane', '-p', '-t', '%1'])).startsWith('one\ntwo\n')).toBe(true);
    p.destroy();
  });

  it('drops a peer whose READ or READ_DONE was not asked for, is too large or carries a bad error; the server and the pane stay', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'a']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    // [what, frames sent with the hello, frames sent once the server asked for stdin (a
    // client only reads it then: sent at once, the bad frame could drop the peer before its
    // command had made its pane), why the peer is dropped].
    const cases: Array<[string, Buffer[], Buffer[], RegExp]> = [
      ['a READ before any command', [encodeFrame(MsgType.Read, Buffer.from('x'))], [], /READ before the server asked for stdin/],
      ['a READ_DONE before any command', [encodeFrame(MsgType.ReadDone, {})], [], /READ_DONE before the server asked for stdin/],
      ['a READ while a command that reads none runs', [encodeFrame(MsgType.Command, { argv: ['run-shell', 'sleep 1'] }), encodeFrame(MsgType.Read, Buffer.from('x'))], [], /READ before the server asked for stdin/],
      ['a READ over the limit', [encodeFrame(MsgType.Command, { argv: ['split-window', '-dI'] })], [encodeFrame(MsgType.Read, Buffer.alloc(READ_FRAME_BYTES + 1, 0x41))], /READ of 65537 bytes is larger than 65536/],
      ['a READ_DONE whose error is not a string', [encodeFrame(MsgType.Command, { argv: ['split-window', '-dI'] })], [encodeFrame(MsgType.ReadDone, { error: 5 })], /READ_DONE.error must be a string/],
    ];
    for (const [what, frames, afterAsked, why] of cases) {
      const p = peer(sb);
      p.send(Buffer.concat([HELLO, ...frames]));
      if (afterAsked.length) {
        await waitFor(() => p.frame(MsgType.ReadOpen), 10_000, `${what}: READ_OPEN`);
        p.send(Buffer.concat(afterAsked));
      }
      await waitFor(() => p.closed(), 10_000, `${what}: the server to close the connection`);
      expect(rejected(p), what).toMatch(why);
      expect(pidAlive(pid), what).toBe(true);
    }
    // The two panes the dropped peers made stay, empty and dead, as a killed CLI's would.
    await waitFor(async () => (await sb!.ok(['list-panes', '-t', 'a', '-F', '#{pane_dead} #{pane_pid}'])).trim().split('\n').slice(1).join() === '1 0,1 0', 10_000, 'two empty panes');
  });
});
