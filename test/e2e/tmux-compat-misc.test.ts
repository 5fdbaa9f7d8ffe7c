/*
 * Side by side with tmux 3.3a, the last commands and behaviours: paste-buffer's
 * separators and bracketing (-p brackets only for a program that enabled bracketed
 * paste), compared as the bytes a program in the pane received; which client hooks
 * attaching raises, and where an event hook's output goes; server-access and read-only
 * clients (attach -r); customize-mode's tree, preview and changes, read off each client's
 * terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { script, SideBySide, type Step } from './lib/side-by-side.js';

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
      // Keys within assume-paste-time (1 ms) of the one before are taken as a paste's, which run
      // no binding: the prefix below may come in one read with the typing. 0: no key is a paste's.
      await run(['set', '-g', 'assume-paste-time', '0']);
      const t = await both.terminal(which, ['attach-session', '-r', '-t', 'keep']);
      await t.waitForScreen(/\[keep\]/);
      expect((await run(['display', '-p', '-t', 'keep', '#{client_readonly}'])).out, which).toBe('1\n');
      // Typed, then a binding that would make a window: keys are handled in order, so the
      // refusal's message means the typing was handled (and had it reached the shell it would
      // be on its line before the mark sent after).
      t.type('echo RO-TYPED\r');
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

describe.skipIf(!hasTmux())('customize-mode, side by side with tmux 3.3a', () => {
  // No -f here: tmux 3.3a's customize-mode loops for good on a filter that leaves out a key
  // (window_customize_build_keys continues without moving to the next binding).
  it('draws the same tree of options and key tables, shows where a value is set, and sets, resets and unsets as tmux', async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const setup: Step[] = [
      ['unbind-key', '-a', '-T', 'root'], // the mouse bindings: a shorter tree
      ['set-option', '-t', 'keep', 'base-index', '1'],
      ['set-option', '-w', '-t', 'keep', 'clock-mode-style', '12'],
      ['set-option', '-g', '@cm-user', 'hello #[fg=red]x'],
      ['set-option', '-g', 'display-time', '5000'],
    ];
    const after: Step[] = [
      ['show-options', '-t', 'keep', 'base-index'],
      ['show-options', '-w', '-t', 'keep', 'clock-mode-style'],
      ['show-options', '-gw', 'clock-mode-style'],
      ['show-options', '-g', '@cm-user'],
    ];
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    const results: Record<string, string[]> = {};
    for (const which of ['tmux', 'ccmux'] as const) {
      const run = both[which];
      await script(run, setup);
      const t = await both.terminal(which, ['attach-session', '-t', 'keep'], 80, 30);
      await t.waitForScreen(/\[keep\]/);
      const fail = (e: Error) => { throw new Error(`${which}: ${e.message}`); };
      const until = (what: string | RegExp) =>
        t.waitForScreen((l) => l.some((x) => (typeof what === 'string' ? x.includes(what) : what.test(x)))).catch((e: Error) => fail(new Error(`${String(what)}: ${e.message}`)));
      /** The current line (after its shortcut key) and the preview's lines that tmux and ccmux word alike. */
      const note = () => {
        const l = t.screen();
        const box = l.filter((x) => /^│ (This is|Option value|The default|Global value|Window value|Available values)/.test(x)).map((x) => x.replace(/\s*│$/, ''));
        seen[which]!.push(...box);
      };
      const search = async (text: string, preview: string) => {
        t.type('/');
        await until('(search)');
        t.type(`${text}\r`);
        await until(preview);
        note();
      };
      expect((await run(['customize-mode', '-t', 'keep'])).code, which).toBe(0);
      await until(/^\(0\) \+ Server Options/);
      seen[which]!.push(...t.screen().slice(0, 6).map((x) => x.trimEnd()));
      // base-index: the session's own value shows its level; Enter asks for a new one.
      await search('base-index', 'This is a session option');
      seen[which]!.push(...t.screen().filter((x) => x.includes('base-index:')).map((x) => x.replace(/^(\([^)]*\))?\s*/, '').trimEnd()));
      t.type('\r');
      await until('(base-index, for session keep)');
      t.type('\x7f3\r');
      await until(/base-index: \(session keep\) 3/);
      // clock-mode-style, window 0's own: S sets it globally (a choice steps on); d resets the
      // window's own (tmux 3.3a's reset removes only the value at the item's level).
      await search('clock-mode-style', 'This is a window option');
      seen[which]!.push(...t.screen().filter((x) => x.includes('clock-mode-style:')).map((x) => x.replace(/^(\([^)]*\))?\s*/, '').trimEnd()));
      t.type('S');
      await until('Global value: 12');
      note();
      t.type('d');
      await until('Reset clock-mode-style to default?');
      t.type('y');
      await until(/clock-mode-style: 12\s*$/);
      note();
      // A user option: its value shown as it is, not as a style; u unsets it.
      await search('@cm-user', 'This is a user option');
      seen[which]!.push(...t.screen().filter((x) => x.includes('@cm-user:')).map((x) => x.replace(/^(\([^)]*\))?\s*/, '').trimEnd()));
      t.type('u');
      await until('Unset @cm-user?');
      t.type('y');
      await t.waitForScreen((l) => !l.some((x) => x.includes('@cm-user:'))).catch(fail);
      t.type('q');
      await t.waitForScreen((l) => !l.some((x) => x.includes('Server Options'))).catch(fail);
      results[which] = await script(run, after);
    }
    expect(results.ccmux).toEqual(results.tmux);
    expect(seen.tmux).toContain('├─>   base-index: (session keep) 1');
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 90_000);

  it("edits a key's command, toggles its repeat and unbinds it as tmux", async () => {
    both = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const run = both[which];
      await script(run, [['bind-key', '-T', 'zz', 'x', 'display-message', 'one'], ['bind-key', '-N', 'second key', '-T', 'zz', 'y', 'display-message', 'two']]);
      const t = await both.terminal(which, ['attach-session', '-t', 'keep'], 80, 30);
      await t.waitForScreen(/\[keep\]/);
      const fail = (e: Error) => { throw new Error(`${which}: ${e.message}`); };
      const until = (what: string | RegExp) =>
        t.waitForScreen((l) => l.some((x) => (typeof what === 'string' ? x.includes(what) : what.test(x)))).catch((e: Error) => fail(new Error(`${String(what)}: ${e.message}`)));
      const box = () => t.screen().filter((x) => x.startsWith('│ ') && x.trim() !== '│ │' && !/^│\s+│$/.test(x)).map((x) => x.replace(/\s*│$/, ''));
      expect((await run(['customize-mode', '-t', 'keep'])).code, which).toBe(0);
      await until('Key Table - zz');
      t.type('/');
      await until('(search)');
      t.type('Key Table - zz\r');
      await until(/^\S*\s*\+ Key Table - zz/);
      t.type('\x1b[C'); // expand it
      await until(/─> \+ y\s*$/);
      t.type('\x1b[B');
      await until('This key is in the zz table.');
      seen[which]!.push(...box());
      t.type('\x1b[C\x1b[B'); // the key's Command line
      await until(/Command: display-message one/);
      t.type('\r');
      await until('(x) display-message one');
      t.type('\x15display-message changed\r');
      await until(/Command: display-message changed/);
      t.type('\x1b[B\x1b[B\r'); // Repeat: toggled
      await until('This key does repeat.');
      seen[which]!.push(...box());
      // (tmux pads list-keys' columns when a key repeats; ccmux does not: spaces squeezed)
      seen[which]!.push(...(await script(run, [['list-keys', '-T', 'zz']])).map((x) => x.replace(/ +/g, ' ')));
      // u on a key unbinds it: not compared, as tmux 3.3a's server can crash on it (it uses
      // the key's item after freeing it: "server exited unexpectedly" under load).
      if (which === 'ccmux') {
        t.type('u');
        await until('Unset x?');
        t.type('y');
        await t.waitForScreen((l) => !l.some((x) => /─> [-+]? ?x\s*$/.test(x))).catch(fail);
        expect((await run(['list-keys', '-T', 'zz'])).out).toBe('bind-key -T zz y display-message two\n');
      }
      t.type('q');
    }
    expect(seen.ccmux).toEqual(seen.tmux);
  }, 90_000);
});

describe('customize-mode flags', () => {
  it('-F -f -N -Z: its format, a filter (keys too), no preview, the pane zoomed while open', async () => {
    both = new SideBySide({ env: { SHELL: '/bin/sh' } });
    const sb = both.sb;
    await sb.ok(['new-session', '-d', '-s', 'keep', '-x', '80', '-y', '24']);
    await sb.ok(['split-window', '-d', '-t', 'keep']);
    await sb.ok(['bind-key', '-T', 'zz', 'x', 'display-message', 'one']);
    const t = await sb.terminal(['attach-session', '-t', 'keep'], 80, 30);
    await t.waitForScreen(/\[keep\]/);
    await sb.ok(['customize-mode', '-NZ', '-t', 'keep', '-F', '#{?is_option,<#{option_name}=#{option_value}>,[#{key}]}', '-f', '#{||:#{==:#{option_name},base-index},#{==:#{key},x}}']);
    t.type('\x1b+');
    const lines = await t.waitForScreen((l) => l.some((x) => x.includes('<base-index=0>')));
    expect((await sb.ok(['display-message', '-p', '-t', 'keep', '#{window_zoomed_flag}'])).trim()).toBe('1');
    const tree = lines.filter((x) => /^\(/.test(x)).map((x) => x.replace(/^\([^)]*\)\s*/, '').trimEnd());
    // A key table's top stays when the filter leaves none of its keys (as tmux's); an empty item has no +/-.
    expect(tree).toEqual(['Server Options', '- Session Options', '└─> base-index: <base-index=0>', 'Window & Pane Options',
      'Key Table - copy-mode', 'Key Table - copy-mode-vi', '- Key Table - prefix', '└─> + [x]', 'Key Table - root', '- Key Table - zz', '└─> + [x]']);
    expect(lines.some((x) => x.includes('┌'))).toBe(false); // -N: no preview
    t.type('q');
    await t.waitForScreen((l) => !l.some((x) => x.includes('Server Options')));
    await waitFor(async () => (await sb.ok(['display-message', '-p', '-t', 'keep', '#{window_zoomed_flag}'])).trim() === '0', 10_000, 'the zoom undone');
  }, 60_000);
});
