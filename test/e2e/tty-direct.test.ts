/*
 * End-to-end: direct terminal I/O (server/tty-direct.ts). An attached client's terminal
 * is opened by the server, which reads keys from it and draws on it; the client process
 * only waits. Detaching restores the terminal before the client's message, and the
 * server lets go of it. CCMUX_TTY_DIRECT=0 keeps the relay through the client. A HELLO
 * naming something that is not the client's terminal is never opened for it: the client
 * is relayed instead.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MsgType, PROTOCOL_VERSION, type Frame } from '../../src/protocol/frames.js';
import { Sandbox, waitFor } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

/** The paths the process has open (its /proc fd links). */
function openFiles(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  const out: string[] = [];
  for (const fd of fs.readdirSync(dir)) {
    try {
      out.push(fs.readlinkSync(path.join(dir, fd)));
    } catch {
      /* closed meanwhile */
    }
  }
  return out;
}

async function serverPid(): Promise<number> {
  return Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
}

describe('direct terminal I/O', () => {
  it('the server reads and draws on the client terminal itself, and lets go of it on detach', async () => {
    sb = new Sandbox();
    const t = await sb.terminal([], 90, 24);
    await t.waitForScreen(/\[0\] 0:/);
    const clientPts = fs.readlinkSync(`/proc/${t.proc.pid}/fd/0`);
    const pid = await serverPid();
    expect(openFiles(pid)).toContain(clientPts);
    t.type('echo direct-$((6*7))\r');
    await t.waitForScreen('direct-42');
    expect(t.term.buffer.active.type).toBe('alternate');
    t.prefix('d');
    await t.waitForScreen(/\[detached/);
    expect((await t.waitExit()).exitCode).toBe(0);
    // The detach sequence came before the client's message: back on the normal screen.
    expect(t.term.buffer.active.type).toBe('normal');
    await waitFor(() => !openFiles(pid).includes(clientPts), 5000, 'the server to close the terminal');
  });

  it('with CCMUX_TTY_DIRECT=0 the client relays, as before', async () => {
    sb = new Sandbox();
    sb.env.CCMUX_TTY_DIRECT = '0';
    const t = await sb.terminal([], 90, 24);
    await t.waitForScreen(/\[0\] 0:/);
    const clientPts = fs.readlinkSync(`/proc/${t.proc.pid}/fd/0`);
    expect(openFiles(await serverPid())).not.toContain(clientPts);
    t.type('echo relayed-$((6*7))\r');
    await t.waitForScreen('relayed-42');
    t.prefix('d');
    await t.waitForScreen(/\[detached/);
    expect((await t.waitExit()).exitCode).toBe(0);
  });

  it('never opens what a HELLO names unless it is that terminal under /dev', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'x']);
    const sock = path.join(sb.env.XDG_RUNTIME_DIR!, 'ccmux', 'default');
    const devNull = fs.statSync('/dev/null').rdev;
    const file = path.join(sb.dir, 'not-a-tty');
    fs.writeFileSync(file, 'x');
    const cases: Array<[string, number]> = [
      ['/dev/null', devNull], // a character device, not a terminal
      [file, fs.statSync(file).dev], // not under /dev
      ['/dev/../' + file, 0],
      ['/dev/tty', 12345], // a device number that is not the one the path has
    ];
    for (const [ttyPath, ttyRdev] of cases) {
      const s = net.connect(sock);
      const frames: Frame[] = [];
      const dec = new FrameDecoder();
      s.on('data', (d) => frames.push(...dec.push(d)));
      s.on('error', () => undefined);
      const hello = { protocol: PROTOCOL_VERSION, version: 'x', pid: process.pid, cwd: '/', tty: true, cols: 80, rows: 24, env: {}, ttyPath, ttyRdev };
      s.write(Buffer.concat([encodeFrame(MsgType.Hello, hello), encodeFrame(MsgType.Command, { argv: ['attach', '-t', 'x'] })]));
      await waitFor(() => frames.some((f) => f.type === MsgType.Attached), 5000, `attached (${ttyPath})`);
      const attached = JSON.parse(frames.find((f) => f.type === MsgType.Attached)!.payload.toString());
      expect(attached.direct, ttyPath).toBe(false);
      // Relayed: the first frame comes over the socket.
      await waitFor(() => frames.some((f) => f.type === MsgType.Output), 5000, `a relayed frame (${ttyPath})`);
      s.destroy();
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });
});
