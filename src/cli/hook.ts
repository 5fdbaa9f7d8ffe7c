/*
 * `ccmux hook <Event>`: what Claude Code runs for a hook event in a Claude pane with
 * command hooks (SessionStart always; every event for a claude without http hooks, ADR
 * 0013). It reads the hook's JSON from stdin, keeps the few fields ccmux needs
 * (claude/hook-fields.ts), and tells the server over the socket named by $CCMUX which
 * pane ($CCMUX_PANE_ID) reported what.
 *
 * It may run on every tool call, so it is its own small entry point (node builtins, the
 * frame encoder and the pure field filter only, no config or CLI code). It never prints (claude would read hook
 * stdout as context), never waits long (HOOK_TIMEOUT_MS), and exits 0 whatever happens
 * — a missing server must not disturb claude.
 */
import net from 'node:net';
import { encodeFrame, FrameDecoder, MsgType, PROTOCOL_VERSION } from '../protocol/frames.js';
import { hookFields } from '../claude/hook-fields.js';

export { hookFields };

/** Claude waits for hooks: never hold it up longer than this. */
const HOOK_TIMEOUT_MS = 1500;
/** A hook's JSON can carry a whole tool input; we read at most this much. */
const MAX_INPUT_BYTES = 1 << 20;

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    if (process.stdin.isTTY) return resolve('');
    let data = '';
    let size = 0;
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => {
      size += d.length;
      if (size <= MAX_INPUT_BYTES) data += d;
    });
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', () => resolve(data));
  });
}

export async function runHook(event: string | undefined): Promise<void> {
  // When the process began, not now: loading node and this module takes 30 ms idle and
  // hundreds under load, and two async hooks claude started a few ms apart (a prompt, then
  // its failure) would be timed — and ordered — by how fast each got going.
  const started = Math.round(performance.timeOrigin);
  const sock = process.env.CCMUX?.split(',')[0];
  const pane = process.env.CCMUX_PANE_ID;
  const input = await readStdin();
  if (!event || !sock || !pane) return;
  const fields = hookFields(event, input);
  // Binds the report to this server and this pane's claude (set by the server for the pane).
  const token = process.env.CCMUX_CLAUDE_TOKEN;
  if (token) fields.token = token.slice(0, 200);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, HOOK_TIMEOUT_MS);
    timer.unref();
    const s = net.connect(sock);
    const dec = new FrameDecoder();
    function done() {
      clearTimeout(timer);
      s.destroy();
      resolve();
    }
    s.on('error', done);
    s.on('close', done);
    s.on('connect', () => {
      s.write(encodeFrame(MsgType.Hello, { protocol: PROTOCOL_VERSION, version: 'hook', pid: process.pid, cwd: '/', tty: false, cols: 80, rows: 24, env: {} }));
      s.write(encodeFrame(MsgType.Command, { argv: ['claude-hook', pane, String(started), JSON.stringify(fields)] }));
    });
    s.on('data', (chunk) => {
      try {
        for (const f of dec.push(chunk)) if (f.type === MsgType.Exit || f.type === MsgType.Reject) done();
      } catch {
        done();
      }
    });
  });
}

// Run when executed directly (node dist/cli/hook.js Event), as the hook settings do.
if (process.argv[1] && /hook\.js$/.test(process.argv[1])) {
  runHook(process.argv[2]).finally(() => process.exit(0));
}
