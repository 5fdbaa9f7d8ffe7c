/*
 * Side by side with tmux 3.3a, the last commands and behaviours: paste-buffer's
 * separators and bracketing (-p brackets only for a program that enabled bracketed
 * paste), compared as the bytes a program in the pane received; which client hooks
 * attaching raises, and where an event hook's output goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/**
 * A pane's program: raw mode, bracketed paste asked for when its argument says `paste`;
 * it keeps what it reads until a `!` and then prints it as JSON on a numbered line, so
 * each paste shows as one line whatever the chunks it arrived in.
 */
const PROBE = `
process.stdin.setRawMode(true);
if (process.argv[2] === 'paste') process.stdout.write('\\x1b[?2004h');
let seen = '', n = 0;
process.stdin.on('data', (d) => {
  seen += d.toString('latin1');
  const end = seen.indexOf('!');
  if (end < 0) return;
  process.stdout.write('#' + ++n + ' ' + JSON.stringify(seen.slice(0, end)) + '\\r\\n');
  seen = seen.slice(end + 1);
});
process.stdout.write('READY\\r\\n');
`;

describe.skipIf(!hasTmux())('paste-buffer, side by side with tmux 3.3a', () => {
  it('replaces newlines with -s or CR (-r keeps them) and brackets with -p only for a program that asked', async () => {
    both = await new SideBySide().start();
    const probe = path.join(both.sb.dir, 'probe.cjs');
    fs.writeFileSync(probe, PROBE);
    const cmd = (mode: string) => `${process.execPath} ${probe} ${mode}`;
    /** Paste with `flags` into window `w`, end it with a `!`, wait for the program's line `n`. */
    const paste = (w: string, n: number, ...flags: string[]): Step[] => [
      ['paste-buffer', ...flags, '-t', `keep:${w}`],
      ['send-keys', '-t', `keep:${w}`, '-l', '!'],
      { poll: ['capture-pane', '-p', '-t', `keep:${w}`], until: new RegExp(`#${n} `) },
    ];
    const steps: Step[] = [
      ['set-buffer', '-b', 'two', 'a\nb\r\nc'],
      ['set-buffer', '-b', 'one', 'x y'],
      ['new-window', '-d', '-t', 'keep:1', '-n', 'br', cmd('paste')],
      ['new-window', '-d', '-t', 'keep:2', '-n', 'plain', cmd('none')],
      { poll: ['capture-pane', '-p', '-t', 'keep:br'], until: /READY/ },
      { poll: ['capture-pane', '-p', '-t', 'keep:plain'], until: /READY/ },
      ...paste('br', 1, '-b', 'two'),
      ...paste('br', 2, '-p', '-b', 'two'),
      ...paste('br', 3, '-p', '-r', '-b', 'two'),
      ...paste('br', 4, '-p', '-s', '<>', '-b', 'two'),
      ...paste('br', 5, '-p'),
      ...paste('plain', 1, '-p', '-b', 'two'),
      ...paste('plain', 2, '-d', '-b', 'one'),
      ['show-buffer', '-b', 'one'],
      ['paste-buffer', '-b', 'one', '-t', 'keep:br'],
      ['paste-buffer', '-x', '-t', 'keep:br'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs.find((l) => l.startsWith('capture-pane -p -t keep:br ⇒') && l.includes('#2 '))).toContain('"\\u001b[200~a\\rb\\r\\rc\\u001b[201~"');
    expect(ours).toEqual(theirs);
  }, 90_000);
});

describe.skipIf(!hasTmux())('client hooks and hook output, side by side with tmux 3.3a', () => {
  it('new-session raises client-session-changed only; attach-session raises it and then client-attached', async () => {
    both = await new SideBySide().start();
    const log = 'setenv -gF LOG "#{LOG}#{hook}:#{session_name},"';
    const logs: Record<string, string> = {};
    for (const which of ['tmux', 'ccmux'] as const) {
      const run = both[which];
      for (const h of ['client-attached', 'client-session-changed']) expect((await run(['set-hook', '-g', h, log])).code).toBe(0);
      const read = async () => (await run(['showenv', '-g', 'LOG'])).out.trim();
      await both.terminal(which, ['new-session', '-s', 'two']);
      await waitFor(async () => /client-session-changed:two,/.test(await read()), 10_000, `${which}: new-session's hook`);
      await both.terminal(which, ['attach-session', '-t', 'keep']);
      await waitFor(async () => /client-attached:keep,/.test(await read()), 10_000, `${which}: attach-session's hook`);
      logs[which] = await read();
    }
    expect(logs.tmux).toBe('LOG=client-session-changed:two,client-session-changed:keep,client-attached:keep,');
    expect(logs.ccmux).toBe(logs.tmux);
  }, 60_000);

  it("an event hook's output (display -p, run-shell's output and exit status) shows on the current client", async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    for (const which of ['tmux', 'ccmux'] as const) {
      const run = both[which];
      const t = await both.terminal(which, ['attach-session', '-t', 'keep']);
      await t.waitForScreen(/\[keep\]/);
      expect((await run(['set-hook', '-g', 'window-renamed', 'display -p PRINTED ; run "echo HOOK-OUT; exit 3" ; run "echo SECOND"'])).code).toBe(0);
      const r = await run(['rename-window', '-t', 'keep:0', 'renamed']);
      expect(r, which).toEqual({ code: 0, out: '', err: '' });
      const lines = await t.waitForScreen((l) => l.some((x) => x.includes('SECOND')));
      const text = lines.join('\n');
      expect(text, which).toContain('HOOK-OUT');
      expect(text, which).toContain("'echo HOOK-OUT; exit 3' returned 3");
      expect(text, which).toContain('PRINTED');
      expect(text.indexOf('PRINTED'), which).toBeLessThan(text.indexOf('HOOK-OUT'));
    }
  }, 60_000);
});

describe.skipIf(!hasTmux())('server-access and read-only clients, side by side with tmux 3.3a', () => {
  it('server-access -a -d -r -w -l and its errors as tmux 3.3a', async () => {
    both = await new SideBySide().start();
    const steps: Step[] = [
      ['server-access', '-l'],
      ['server-access'],
      ['server-access', '-a', 'no-such-user-here'],
      ['server-access', '-a', 'root'],
      ['server-access', '-a', 'nobody'],
      ['server-access', '-a', 'nobody'],
      ['server-access', '-l'],
      ['server-access', '-r', 'nobody'],
      ['server-access', '-l'],
      ['server-access', '-w', 'nobody'],
      ['server-access', '-rw', 'nobody'],
      ['server-access', '-ad', 'nobody'],
      ['server-access', '-d', 'nobody'],
      ['server-access', '-d', 'nobody'],
      ['server-access', '-r', 'daemon'],
      ['server-access', '-a', 'bin'],
      ['server-access', '-l'],
      ['server-access', '-x', 'bin'],
    ];
    const { theirs, ours } = await both.both(steps);
    expect(theirs).toContain('server-access -l → 0: daemon (R)\nbin (W)');
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('attach -r: typed keys reach no pane, a binding that changes something is refused', async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    for (const which of ['tmux', 'ccmux'] as const) {
      const run = both[which];
      await run(['set', '-g', 'display-time', '10000']);
      const t = await both.terminal(which, ['attach-session', '-r', '-t', 'keep']);
      await t.waitForScreen(/\[keep\]/);
      expect((await run(['display', '-p', '-t', 'keep', '#{client_readonly}'])).out, which).toBe('1\n');
      // Typed, then a binding that would make a window: keys are handled in order, so the
      // refusal's message means the typing was handled (and had it reached the shell it would
      // be on its line before the mark sent after). The prefix comes a moment later: keys
      // within tmux's assume-paste-time (1 ms) of the one before are taken as a paste, no binding.
      t.type('echo RO-TYPED\r');
      await new Promise((r) => setTimeout(r, 50));
      t.prefix('c');
      await t.waitForScreen(/client is read-only/i).catch((e: Error) => { throw new Error(`${which}: ${e.message}`); }); // tmux capitalises a binding's error: "Client is …"
      expect((await run(['list-windows', '-t', 'keep', '-F', '#{window_index}'])).out, which).toBe('0\n');
      await run(['send-keys', '-t', 'keep', 'echo MARK', 'Enter']);
      await waitFor(async () => /MARK$/m.test((await run(['capture-pane', '-p', '-t', 'keep'])).out), 10_000, `${which}: the mark`);
      expect((await run(['capture-pane', '-p', '-t', 'keep'])).out, which).not.toContain('RO-TYPED');
      expect((await run(['detach-client', '-a'])).code, which).toBe(0);
    }
  }, 60_000);
});
