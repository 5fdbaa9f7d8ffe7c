/*
 * A ccmux client without a node start per command: speaks the socket protocol directly
 * (HELLO, COMMAND, then STDOUT/STDERR/EXIT), so stress loops and tests can issue
 * thousands of commands. `command()` resolves like the CLI would exit; `rawPeer()` sends
 * arbitrary bytes and collects what comes back, for hostile-input checks.
 *
 * It imports the frame codec from dist/ (run `npm run build` first).
 */
import net from 'node:net';
import { encodeFrame, FrameDecoder, MsgType, PROTOCOL_VERSION } from '../../../dist/protocol/frames.js';

export { encodeFrame, FrameDecoder, MsgType, PROTOCOL_VERSION };

/** The HELLO a well-behaved client sends: env matters (new panes get it, PATH finds claude). */
export function helloFrame({ env = {}, cwd = '/', pid = process.pid, protocol = PROTOCOL_VERSION } = {}) {
  return encodeFrame(MsgType.Hello, { protocol, version: 'stress', pid, cwd, tty: false, cols: 80, rows: 24, env });
}

/**
 * Run one command on the server at `sock`: resolves { code, stdout, stderr }. A connection
 * error, a REJECT or the server closing early gives code 1 and the reason in stderr.
 */
export function command(sock, argv, { env = {}, cwd = '/', timeoutMs = 30_000 } = {}) {
  return new Promise((resolve) => {
    const s = net.connect(sock);
    const dec = new FrameDecoder();
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (code, extra = '') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ code, stdout, stderr: stderr + extra });
    };
    const timer = setTimeout(() => finish(1, `timed out after ${timeoutMs} ms: ${argv.join(' ')}\n`), timeoutMs);
    s.on('connect', () => s.write(Buffer.concat([helloFrame({ env, cwd }), encodeFrame(MsgType.Command, { argv })])));
    s.on('error', (err) => finish(1, `${err.code ?? err.message}\n`));
    s.on('close', () => finish(1, 'the server closed the connection\n'));
    s.on('data', (chunk) => {
      let frames;
      try {
        frames = dec.push(chunk);
      } catch (err) {
        finish(1, `bad frame from server: ${err.message}\n`);
        return;
      }
      for (const f of frames) {
        if (f.type === MsgType.Stdout) stdout += f.payload.toString();
        else if (f.type === MsgType.Stderr) stderr += f.payload.toString();
        else if (f.type === MsgType.Exit) finish(JSON.parse(f.payload.toString()).code ?? 1);
        else if (f.type === MsgType.Reject) finish(1, `rejected: ${JSON.parse(f.payload.toString()).message}\n`);
      }
    });
  });
}

/** Like command() but throws on a non-zero exit; returns stdout. */
export async function ok(sock, argv, opts) {
  const r = await command(sock, argv, opts);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * Connect as a raw peer, write `bytes` (a Buffer, or an array of Buffers written with a
 * pause between them), and collect frames until the server closes the connection or
 * `timeoutMs` passes. Resolves { frames, closed, error, raw }.
 */
export function rawPeer(sock, bytes, { timeoutMs = 8000, gapMs = 5 } = {}) {
  return new Promise((resolve) => {
    const s = net.connect(sock);
    const chunks = [];
    let closed = false;
    let error;
    const end = () => {
      clearTimeout(timer);
      s.destroy();
      const raw = Buffer.concat(chunks);
      let frames = [];
      try {
        frames = new FrameDecoder().push(raw);
      } catch (err) {
        error = error ?? `undecodable reply: ${err.message}`;
      }
      resolve({ frames, closed, error, raw });
    };
    const timer = setTimeout(end, timeoutMs);
    s.on('data', (d) => chunks.push(d));
    s.on('close', () => {
      closed = true;
      end();
    });
    s.on('error', (err) => (error = err.code ?? err.message));
    s.on('connect', async () => {
      const parts = Buffer.isBuffer(bytes) ? [bytes] : bytes;
      for (const p of parts) {
        if (s.destroyed) return;
        s.write(p);
        if (parts.length > 1) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

/** The message of a REJECT among `frames`, or undefined. */
export function rejectMessage(frames) {
  const f = frames.find((x) => x.type === MsgType.Reject);
  return f ? String(JSON.parse(f.payload.toString()).message) : undefined;
}
