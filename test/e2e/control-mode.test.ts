/*
 * Control mode on its own (what tmux cannot be compared on): a control client that stops
 * reading never holds the server up — its output waits in a bounded queue, and past the
 * bound the client is let go with `%exit too far behind` — and one that asked for
 * pause-after gets its flooding pane paused instead.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, Sandbox, waitFor } from './harness.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});

/** A control client whose stdout the test reads only when `reading`. */
function controlClient(args: string[]) {
  const child = spawn(process.execPath, [CCMUX, '-C', ...args], { env: sb!.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const state = { out: '', exited: null as number | null };
  child.stdout.on('data', (d: Buffer) => (state.out += d.toString('latin1')));
  child.on('exit', (code) => (state.exited = code ?? 1));
  return { child, state };
}

describe('control mode flow control', () => {
  it('a control client that stops reading does not hold the server up, and leaves "too far behind"', async () => {
    sb = new Sandbox();
    const { child, state } = controlClient(['new-session', '-s', 'x', 'sh']);
    await waitFor(() => state.out.includes('%session-changed'), 10_000, 'the session');
    child.stdout.pause(); // reads nothing more: the pipe, the client and then the server's socket fill up
    // 24 MB of output: more than a control client may have waiting (16 MB).
    await sb.ok(['send-keys', '-t', '%0', 'head -c 24000000 /dev/zero | tr "\\0" y; echo; echo done', 'Enter']);
    // The server answers others while the flood runs and the control client is stuck.
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await sb.ok(['display', '-p', '-t', 'x', '#{session_name}'])).trim()).toBe('x');
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => (await sb!.ok(['capture-pane', '-p', '-t', '%0'])).includes('done'), 60_000, 'the flood to end');
    child.stdout.resume();
    await waitFor(() => state.exited !== null, 60_000, 'the control client to be let go');
    expect(state.out.trimEnd().split('\n').at(-1)).toBe('%exit too far behind');
    // The session and its pane live on.
    expect((await sb.ok(['list-panes', '-t', 'x', '-F', '#{pane_id}'])).trim()).toBe('%0');
  }, 90_000);

  it('with pause-after, a pane whose output waited too long is paused, and continues when asked', async () => {
    sb = new Sandbox();
    const { child, state } = controlClient(['new-session', '-s', 'x', 'sh']);
    await waitFor(() => state.out.includes('%session-changed'), 10_000, 'the session');
    child.stdin.write('refresh-client -f pause-after=1\n');
    await waitFor(() => /%end \d+ \d+ 1\n/.test(state.out), 10_000, 'refresh-client');
    child.stdout.pause();
    await sb.ok(['send-keys', '-t', '%0', 'head -c 24000000 /dev/zero | tr "\\0" y; echo; echo done', 'Enter']);
    // Wait for the flood to be over in the pane (the server keeps reading it, whatever the client does).
    await waitFor(async () => (await sb!.ok(['capture-pane', '-p', '-t', '%0'])).includes('done'), 60_000, 'the flood to end');
    child.stdout.resume();
    // What the client was sent is tens of megabytes by now: each wait looks only at what came
    // since it last looked (a whole-string search every 25 ms, on a loaded machine, once took
    // longer than the wait). The backlog the server kept (up to 16 MB) drains first, so the
    // first wait allows as long as the flood itself.
    let from = 0;
    const arrived = (re: RegExp): boolean => {
      const part = state.out.slice(from);
      from = Math.max(from, state.out.length - 200); // a line split across two reads is seen whole
      return re.test(part);
    };
    await waitFor(() => arrived(/%pause %0\n/), 60_000, '%pause');
    child.stdin.write("refresh-client -A '%0:continue'\n");
    await waitFor(() => arrived(/%continue %0\n/), 10_000, '%continue');
    child.stdin.write('send-keys -t %0 "echo after" Enter\n');
    await waitFor(() => arrived(/%extended-output %0 \d+ : .*after/), 10_000, 'output after continuing');
    expect(state.exited).toBeNull();
    child.stdin.end('\n');
    await waitFor(() => state.exited !== null, 10_000, 'the client to exit');
    expect(state.out.trimEnd().split('\n').at(-1)).toBe('%exit');
  }, 90_000);
});
