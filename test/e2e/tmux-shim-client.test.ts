/*
 * The tmux shim's fast client (native/tmux-client.c, ADR 0025) against the CLI it
 * stands in for: the same command lines give the same output, errors and exit codes
 * (its own or the CLI's, which it execs for what it does not carry: no server, a flag it
 * does not know); the environment it sends arrives byte for byte (quotes, backslashes,
 * control characters, UTF-8, and bytes that are not UTF-8, as node reads them); a reader
 * that goes away ends it quietly with the command's status; and a plugin's job uses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CCMUX, ROOT, Sandbox } from './harness.js';

const FAST = path.join(ROOT, 'dist', 'native', 'ccmux-tmux');

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.dispose();
  sb = undefined;
});

/** Run `file args` with the sandbox's environment (and the shim's mark); its status, stdout and stderr. */
function run(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: { ...env, CCMUX_TMUX_CALL: '1' }, timeout: 20_000 }, (err, out, errOut) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut });
    });
    child.stdin?.end();
  });
}

describe.skipIf(!fs.existsSync(FAST))('the tmux shim fast client', () => {
  it('answers as the CLI does, and leaves to the CLI what it does not carry', async () => {
    sb = new Sandbox();
    await sb.ok(['-L', 'fast', 'new-session', '-d', '-s', 'work', '-x', '80', '-y', '24']);
    const lines = [
      ['-L', 'fast', 'display-message', '-p', '#{session_name} #{version} #{window_width}'],
      ['-L', 'fast', 'show-options', '-g', 'status-left'],
      ['-L', 'fast', 'set-option', '-g', '@plugin', 'a b "c"'],
      ['-L', 'fast', 'show-options', '-gqv', '@plugin'],
      ['-L', 'fast', 'list-keys', '-T', 'prefix', '%'],
      ['-L', 'fast', 'nosuch-command'],
      ['-L', 'fast', 'display-message', '-p', '-t', 'nope', 'x'],
      ['-L', 'fast', 'has-session', '-t', 'nope'],
      ['-L', 'fast', 'display-message', '-p', 'a', ';', 'list-windows', '-t', 'work', '-F', '#{window_index}'],
      ['-V'],
      ['-L', 'fast', '-2', 'ls'],
      ['-L', 'no-server-here', 'ls'],
      ['-L', 'fast'],
    ];
    for (const argv of lines) {
      const cli = await run(process.execPath, [CCMUX, ...argv], sb.env);
      const fast = await run(FAST, [process.execPath, CCMUX, ...argv], sb.env);
      expect(fast, argv.join(' ')).toEqual(cli);
    }
    expect((await run(FAST, [process.execPath, CCMUX, '-V'], sb.env)).out).toBe('tmux 3.3a\n');
  }, 120_000);

  it('sends the environment as node reads it, and ends quietly when its reader goes', async () => {
    sb = new Sandbox();
    await sb.ok(['-L', 'fast', 'new-session', '-d', '-s', 'keep']);
    await sb.ok(['-L', 'fast', 'set-option', '-g', 'update-environment', 'ODD']);
    const odd = 'q"uote\\back\tslash é\x01 end';
    await run(FAST, [process.execPath, CCMUX, '-L', 'fast', 'new-session', '-d', '-s', 'e'], { ...sb.env, ODD: odd });
    await run(process.execPath, [CCMUX, '-L', 'fast', 'new-session', '-d', '-s', 'e2'], { ...sb.env, ODD: odd });
    const shown = await run(process.execPath, [CCMUX, '-L', 'fast', 'show-environment', '-t', 'e', 'ODD'], sb.env);
    expect(shown.out).toContain('ODD=q');
    expect(shown).toEqual(await run(process.execPath, [CCMUX, '-L', 'fast', 'show-environment', '-t', 'e2', 'ODD'], sb.env));
    // Not UTF-8: node's process.env has U+FFFD for the bad byte; so must the fast client's HELLO.
    const viaSh = (client: string) =>
      new Promise<string>((resolve, reject) =>
        execFile('sh', ['-c', `ODD="$(printf 'a\\377b')" ${client} -L fast new-session -d -s "$1" && "$2" "$3" -L fast show-environment -t "$1" ODD`, 'sh', 'bad', process.execPath, CCMUX], { env: { ...sb!.env, CCMUX_TMUX_CALL: '1' } }, (err, out) => (err ? reject(err) : resolve(out))),
      );
    const fastOut = await viaSh(`'${FAST}' '${process.execPath}' '${CCMUX}'`);
    await sb.ok(['-L', 'fast', 'kill-session', '-t', 'bad']);
    const cliOut = await viaSh(`'${process.execPath}' '${CCMUX}'`);
    expect(fastOut).toBe('ODD=a\ufffdb\n');
    expect(fastOut).toBe(cliOut);
    // `tmux list-keys | head -n 1`: the rest is dropped, no error, the command's status.
    const piped = await new Promise<{ out: string; err: string }>((resolve, reject) =>
      execFile('sh', ['-c', `{ "$1" "$2" "$3" -L fast list-keys; echo "status $?" >&2; } | head -n 1`, 'sh', FAST, process.execPath, CCMUX], { env: { ...sb!.env, CCMUX_TMUX_CALL: '1' } }, (err, out, errOut) =>
        err ? reject(err) : resolve({ out, err: errOut }),
      ),
    );
    expect(piped.out).toMatch(/^bind-key /);
    expect(piped.err).toBe('status 0\n');
  }, 120_000);
});
