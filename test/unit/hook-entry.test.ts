/*
 * The hook entry point as claude runs it (`node dist/cli/hook.js <Event>`, JSON on
 * stdin), against a stand-in server on a private socket: it says HELLO, sends one
 * `claude-hook <pane> <start time> <fields>` command and leaves on the server's EXIT or
 * REJECT; it gives up after its timeout on a silent server; it never prints and always
 * exits 0 — no server, no $CCMUX, a garbage peer. Needs `npm run build` (as npm test does).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MsgType, parseJson, PROTOCOL_VERSION } from '../../src/protocol/frames.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

const HOOK = fileURLToPath(new URL('../../dist/cli/hook.js', import.meta.url));
const SID = '6c5b4a39-2817-4f6e-9d5c-4b3a29180706';

const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  cleanupTempDirs();
});

beforeAll(() => {
  if (!fs.existsSync(HOOK)) throw new Error(`${HOOK} is missing: run \`npm run build\` first`);
});

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runHook(event: string, input: string, env: Record<string, string>): Promise<HookRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [HOOK, event], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
    child.stdin.on('error', () => {}); // the hook may leave before reading it all
    child.stdin.end(input);
  });
}

type Reply = 'exit' | 'reject' | 'silent' | 'garbage';

/** A stand-in server: records each connection's frames and answers the command as told. */
async function standIn(reply: Reply): Promise<{ sock: string; frames: Array<Array<{ type: MsgType; json: Record<string, unknown> }>> }> {
  const sock = path.join(tempDir('ccmux-hook-'), 'sock');
  const frames: Array<Array<{ type: MsgType; json: Record<string, unknown> }>> = [];
  const server = net.createServer((c) => {
    const mine: Array<{ type: MsgType; json: Record<string, unknown> }> = [];
    frames.push(mine);
    const dec = new FrameDecoder();
    c.on('error', () => {});
    c.on('data', (chunk) => {
      for (const f of dec.push(chunk)) {
        mine.push({ type: f.type, json: parseJson(f) });
        if (f.type === MsgType.Hello && reply === 'reject') c.end(encodeFrame(MsgType.Reject, { protocol: PROTOCOL_VERSION, message: 'no' }));
        if (f.type === MsgType.Hello && reply === 'garbage') c.write(Buffer.from([0, 0, 0, 0, 0, 9, 9, 9]));
        if (f.type === MsgType.Command && reply === 'exit') {
          c.write(encodeFrame(MsgType.Welcome, { protocol: PROTOCOL_VERSION, version: 'test', pid: process.pid }));
          c.write(encodeFrame(MsgType.Exit, { code: 0 }));
        }
      }
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(sock, r));
  return { sock, frames };
}

const notification = JSON.stringify({
  session_id: SID,
  transcript_path: '/c/x.jsonl',
  cwd: '/p',
  hook_event_name: 'Notification',
  notification_type: 'permission_prompt',
  message: 'Claude needs your permission to use Bash',
});

describe('hook entry point (dist/cli/hook.js)', () => {
  it('reports pane, start time and fields in one claude-hook command, then leaves on EXIT', async () => {
    const { sock, frames } = await standIn('exit');
    const before = Date.now();
    const r = await runHook('Notification', notification, { CCMUX: `${sock},123,0`, CCMUX_PANE_ID: '%7' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(frames).toHaveLength(1);
    const [hello, cmd] = frames[0]!;
    expect(hello).toMatchObject({ type: MsgType.Hello, json: { protocol: PROTOCOL_VERSION, tty: false } });
    expect(cmd!.type).toBe(MsgType.Command);
    const argv = cmd!.json.argv as string[];
    expect(argv.slice(0, 2)).toEqual(['claude-hook', '%7']);
    expect(Number(argv[2])).toBeGreaterThanOrEqual(before);
    expect(Number(argv[2])).toBeLessThanOrEqual(Date.now());
    expect(JSON.parse(argv[3]!)).toEqual({ event: 'Notification', sessionId: SID, detail: 'permission_prompt', message: 'Claude needs your permission to use Bash' });
    expect(frames[0]).toHaveLength(2);
  });

  it('leaves at once on REJECT or a garbage reply, exit 0, silent', async () => {
    for (const reply of ['reject', 'garbage'] as const) {
      const { sock } = await standIn(reply);
      const r = await runHook('Stop', '{}', { CCMUX: `${sock},1`, CCMUX_PANE_ID: '%1' });
      expect(r, reply).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(r.ms, reply).toBeLessThan(1500); // never its 1500 ms timeout (which starts after node's own start-up)
    }
  });

  it('gives up on a server that never answers, within its timeout, exit 0', async () => {
    const { sock, frames } = await standIn('silent');
    const r = await runHook('PreToolUse', '{"tool_name":"Bash"}', { CCMUX: `${sock},1`, CCMUX_PANE_ID: '%1' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(frames[0]!.map((f) => f.type)).toEqual([MsgType.Hello, MsgType.Command]);
    expect(r.ms).toBeGreaterThanOrEqual(1400);
    expect(r.ms).toBeLessThan(4000);
  });

  it('with no server, no $CCMUX or no pane id: exit 0 quickly, prints nothing', async () => {
    const gone = path.join(tempDir('ccmux-hook-'), 'no-such-sock');
    for (const env of [{ CCMUX: `${gone},1`, CCMUX_PANE_ID: '%1' }, { CCMUX_PANE_ID: '%1' }, { CCMUX: `${gone},1` }, {}]) {
      const r = await runHook('Stop', '{"session_id":"x"}', env);
      expect(r, JSON.stringify(env)).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect(r.ms).toBeLessThan(2000);
    }
  });

  it('reads a tool input larger than it keeps without failing', async () => {
    const { sock, frames } = await standIn('exit');
    const big = JSON.stringify({ session_id: SID, tool_name: 'Write', tool_input: { content: 'x'.repeat(3 << 20) } });
    const r = await runHook('PreToolUse', big, { CCMUX: `${sock},1`, CCMUX_PANE_ID: '%2' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse((frames[0]![1]!.json.argv as string[])[3]!)).toMatchObject({ event: 'PreToolUse' });
  });
});
