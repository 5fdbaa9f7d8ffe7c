/*
 * Side by side with tmux 3.3a: the text, buffer and key flags (list-commands -F,
 * list-keys -1 -a -N -P, send-keys -F -H -N, capture-pane -a -C -P -q, set-buffer and
 * load-buffer -t -w, copy-mode -H -s), the copy-mode commands (cursor motions, jumps,
 * paragraphs, brackets, goto-line, append-/stop-selection, incremental search) read back
 * through #{copy_cursor_x}/#{copy_cursor_y} and the buffers, and the default key tables
 * (list-keys -T prefix, copy-mode, copy-mode-vi): the same script against both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { SideBySide, type Step } from './lib/side-by-side.js';

let sbs: SideBySide | undefined;

afterEach(async () => {
  await sbs?.dispose();
  sbs = undefined;
});

/** Keys whose prefix binding is ccmux's own, or another area's (docs/tmux-compat.md, "Default key bindings"). */
const PREFIX_DIFFERENT = new Set(['C', 'D', 'G', 'H', 'N', 'P', 'R', 'W', 'M-c']);

/** `bind-key` lines with their columns squeezed (tmux pads to its widest key, ccmux to its), without `skip`'s keys and mouse keys. */
function bindings(out: string, skip: Set<string> = new Set()): string[] {
  return out
    .split('\n')
    .filter((l) => l && !/Mouse|Wheel|Click/.test(l.split(/ +/).slice(0, 5).join(' ')))
    .map((l) => l.replace(/ +/g, ' '))
    .filter((l) => !skip.has(l.replace(/^bind-key (-r )?-T \S+ /, '').split(' ')[0]!));
}

const CURSOR = (t: string): string[] => ['display', '-p', '-t', t, '#{copy_cursor_x},#{copy_cursor_y}'];

/** Each copy-mode command of `cmds` run on `t`, then where the cursor is. */
function copySteps(t: string, cmds: string[][]): Step[] {
  return cmds.flatMap((c) => [['send', '-t', t, '-X', ...c], CURSOR(t)]);
}

const TEXT = 'hello world (a [b] c) end\\nab\\n\\nxyz long line here foo\\n\\npara two\\n';

describe.skipIf(!hasTmux())('keys, buffers and copy mode, side by side with tmux 3.3a', () => {
  it('list-commands: tmux lines, -F with command_list_name/alias/usage, one command by name or alias', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['list-commands', 'list-keys'],
      ['lscm', 'capturep'],
      ['list-commands', 'set-buffer'],
      ['list-commands', '-F', '#{command_list_name}|#{command_list_alias}|#{command_list_usage}', 'lsk'],
      ['list-commands', '-F', '#{?command_list_alias,#{command_list_alias},}', 'show-messages'],
      ['list-commands', 'no-such-command'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[0]).toBe('list-commands list-keys → 0: list-keys (lsk) [-1aN] [-P prefix-string] [-T key-table] [key]');
    expect(ours).toEqual(theirs);
    // Every tmux command ccmux has is listed under its name and alias, in tmux's order (but display-popup's place).
    const names = async (which: 'tmux' | 'ccmux') => (await sbs!.ok(which, ['lscm', '-F', '#{command_list_name} #{command_list_alias}'])).split('\n');
    const ccmux = await names('ccmux');
    const common = (await names('tmux')).filter((l) => ccmux.includes(l));
    expect(common.length).toBeGreaterThan(80);
    expect(ccmux.filter((l) => common.includes(l) && l !== 'display-popup popup')).toEqual(common.filter((l) => l !== 'display-popup popup'));
  });

  it('list-keys: the default prefix, copy-mode and copy-mode-vi tables, in tmux order', async () => {
    sbs = await new SideBySide().start();
    const prefix = { tmux: await sbs.ok('tmux', ['list-keys', '-T', 'prefix']), ccmux: await sbs.ok('ccmux', ['list-keys', '-T', 'prefix']) };
    expect(bindings(prefix.ccmux, PREFIX_DIFFERENT)).toEqual(bindings(prefix.tmux, PREFIX_DIFFERENT));
    expect(bindings(prefix.tmux).length).toBe(85);
    for (const table of ['copy-mode', 'copy-mode-vi']) {
      const [t, c] = [await sbs.ok('tmux', ['list-keys', '-T', table]), await sbs.ok('ccmux', ['list-keys', '-T', table])];
      expect(bindings(c), table).toEqual(bindings(t));
    }
  });

  it('list-keys -N -a -1 -P and its errors, as tmux prints them', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['list-keys', '-N', 'c'],
      ['list-keys', '-N', '-P', 'XX ', 'c'],
      ['list-keys', '-N', '-T', 'prefix', 'C-o'],
      ['list-keys', '-N', 'M-Up'],
      ['list-keys', '-N', '-T', 'prefix', '~'],
      ['list-keys', '-1N', '-T', 'prefix'],
      ['list-keys', '-1', '-T', 'prefix', 'c'],
      ['list-keys', '-N', '-T', 'copy-mode'],
      ['list-keys', '-Na', '-T', 'copy-mode', 'C-a'],
      ['list-keys', '-Na', '-T', 'copy-mode-vi', 'Space'],
      ['list-keys', '-N', '-T', 'root'],
      ['list-keys', '-a', '-T', 'prefix', 'c'],
      ['list-keys', '-T', 'copy-mode-vi', ','],
      ['list-keys', '-T', 'copy-mode', 'M-C-b'],
      ['bind-key', '-N', 'my note', 'F5', 'display-message hi'],
      ['list-keys', '-N', 'F5'],
      ['list-keys', '-T', 'prefix', 'F5'],
      ['list-keys', '-N', 'F6'],
      ['list-keys', 'zz'],
      ['list-keys', '-T', 'nosuch'],
      ['list-keys', '-T', 'prefix', 'F7'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[4]).toBe('list-keys -N -T prefix ~ → 0: ~ Show messages');
    expect(ours).toEqual(theirs);
  });

  it('send-keys -H sends bytes, -F is for -X searches only, -N counts and its errors', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const steps: Step[] = [
      // No echo: what the pane shows is what cat read, in order, whenever its reads come.
      ['new-window', '-d', '-t', 'keep:1', 'stty -echo; echo ready; exec cat'],
      { poll: ['capture-pane', '-p', '-t', 'keep:1'], until: /^ready$/m },
      ['send', '-t', 'keep:1', '-H', '41', '42', '0a'],
      ['send', '-t', 'keep:1', '-H', '100', 'zz', '43', '0a'],
      ['send', '-t', 'keep:1', '-F', 'x#{pane_id}y', 'Enter'],
      ['send', '-t', 'keep:1', '-N', '3', 'z'],
      ['send', '-t', 'keep:1', 'Enter'],
      { poll: ['capture-pane', '-p', '-t', 'keep:1'], until: /^zzz$/m },
      ['send', '-t', 'keep:1', '-N', '0', 'a'],
      ['send', '-t', 'keep:1', '-N', 'x', 'a'],
      ['send', '-t', 'keep:1', '-X', 'cursor-up'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.find((l) => l.startsWith('capture-pane') && l.includes('zzz'))).toContain('ready\nAB\nC\nx#{pane_id}y\nzzz');
    expect(ours).toEqual(theirs);
  });

  it('copy-mode commands move the cursor as tmux: motions, the kept column, jumps, paragraphs, brackets, lines', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const t = 'keep:1';
    const steps: Step[] = [
      ['set', '-g', 'mode-keys', 'vi'],
      ['new-window', '-d', '-t', t, `printf '${TEXT}'; exec cat`],
      { poll: ['capture-pane', '-p', '-t', t], until: /para two/ },
      ['copy-mode', '-t', t],
      ...copySteps(t, [
        ['history-top'], ['end-of-line'], ['cursor-down'], ['cursor-down'], ['cursor-down'], ['cursor-up'], ['cursor-up'],
        ['start-of-line'], ['cursor-right'], ['cursor-right'], ['cursor-right'], ['cursor-right'], ['cursor-down'], ['cursor-down'], ['cursor-down'],
        ['history-top'], ['jump-forward', 'o'], ['jump-again'], ['jump-again'], ['jump-reverse'], ['jump-to-forward', 'd'], ['jump-backward', 'l'],
        ['jump-to-backward', 'h'], ['jump-forward', 'q'], ['end-of-line'], ['jump-again'],
        ['history-top'], ['next-paragraph'], ['next-paragraph'], ['next-paragraph'], ['previous-paragraph'], ['previous-paragraph'],
        ['history-top'], ['jump-forward', '('], ['next-matching-bracket'], ['previous-matching-bracket'], ['jump-forward', '['], ['next-matching-bracket'],
        ['next-matching-bracket'], ['history-top'], ['next-matching-bracket'],
        ['top-line'], ['middle-line'], ['bottom-line'], ['top-line'], ['cursor-right'], ['back-to-indentation'],
        ['goto-line', '0'], ['goto-line', 'x'], ['refresh-from-pane'], ['toggle-position'],
      ]),
      ['send', '-t', t, '-X', '-N', '3', 'cursor-right'],
      CURSOR(t),
      ['send', '-t', t, '-N', '2'],
      ['send', '-t', t, '-X', 'cursor-down'],
      CURSOR(t),
      ['send', '-t', t, '-X', 'cursor-down-and-cancel'],
      ['display', '-p', '-t', t, '#{pane_in_mode}'],
      ['send', '-t', t, '-X', 'cursor-down-and-cancel'],
      ['send', '-t', t, '-X', 'cursor-down-and-cancel'],
      ['display', '-p', '-t', t, '#{pane_in_mode}'],
      ['copy-mode', '-t', t],
      ['send', '-t', t, '-X', 'page-down-and-cancel'],
      ['display', '-p', '-t', t, '#{pane_in_mode}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain(`send -t ${t} -X end-of-line → 0: `);
    expect(ours).toEqual(theirs);
  });

  it('emacs keys: end-of-line, brackets and word motions as tmux', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const t = 'keep:1';
    const steps: Step[] = [
      ['set', '-g', 'mode-keys', 'emacs'],
      ['new-window', '-d', '-t', t, `printf '${TEXT}'; exec cat`],
      { poll: ['capture-pane', '-p', '-t', t], until: /para two/ },
      ['copy-mode', '-t', t],
      ...copySteps(t, [
        ['history-top'], ['end-of-line'], ['cursor-down'], ['cursor-up'], ['history-top'], ['next-matching-bracket'], ['next-matching-bracket'],
        ['previous-matching-bracket'], ['jump-forward', 'e'], ['previous-matching-bracket'], ['middle-line'],
      ]),
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(ours).toEqual(theirs);
  });

  it('copying: append-selection, stop-selection, copy-line, copy-end-of-line, -FX search with copy_cursor_word, incremental search', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const t = 'keep:1';
    const steps: Step[] = [
      ['set', '-g', 'mode-keys', 'vi'],
      ['new-window', '-d', '-t', t, `printf '${TEXT}'; exec cat`],
      { poll: ['capture-pane', '-p', '-t', t], until: /para two/ },
      ['copy-mode', '-t', t],
      ['send', '-t', t, '-X', 'history-top'],
      ['send', '-t', t, '-X', 'begin-selection'],
      ['send', '-t', t, '-X', 'next-word-end'],
      ['send', '-t', t, '-X', 'copy-selection'],
      ['show-buffer'],
      ['send', '-t', t, '-X', 'cursor-down'],
      ['send', '-t', t, '-X', 'begin-selection'],
      ['send', '-t', t, '-X', 'end-of-line'],
      ['send', '-t', t, '-X', 'append-selection'],
      ['show-buffer'],
      ['list-buffers', '-F', '#{buffer_name}'],
      ['send', '-t', t, '-X', 'history-top'],
      ['send', '-t', t, '-X', 'begin-selection'],
      ['send', '-t', t, '-X', 'cursor-right'],
      ['send', '-t', t, '-X', 'stop-selection'],
      ['send', '-t', t, '-X', 'cursor-down'],
      ['send', '-t', t, '-X', 'copy-selection'],
      ['show-buffer'],
      ['send', '-t', t, '-X', 'copy-line'],
      ['show-buffer'],
      ['send', '-t', t, '-X', 'history-top'],
      ['send', '-t', t, '-X', 'copy-end-of-line'],
      ['show-buffer'],
      // tmux's copy_cursor_line reads the mode's screen, its position indicator included: hidden here.
      ['send', '-t', t, '-X', 'toggle-position'],
      ['display', '-p', '-t', t, '[#{copy_cursor_word}][#{copy_cursor_line}]'],
      ['send', '-t', t, '-X', 'jump-forward', 'w'],
      ['display', '-p', '-t', t, '[#{copy_cursor_word}]'],
      ['send', '-t', t, '-X', 'jump-forward', ' '],
      ['display', '-p', '-t', t, '[#{copy_cursor_word}]'],
      ['send', '-t', t, '-FX', 'search-forward', '#{copy_cursor_word}'],
      CURSOR(t),
      ['display', '-p', '-t', t, '[#{pane_search_string}]'],
      ['send', '-t', t, '-X', 'history-top'],
      ['send', '-t', t, '-X', 'search-forward-incremental', '=l'],
      CURSOR(t),
      ['send', '-t', t, '-X', 'search-forward-incremental', '=li'],
      CURSOR(t),
      ['send', '-t', t, '-X', 'search-forward-incremental', '=l'],
      CURSOR(t),
      ['send', '-t', t, '-X', 'search-forward-incremental', '+l'],
      CURSOR(t),
      ['send', '-t', t, '-X', 'append-selection-and-cancel'],
      ['display', '-p', '-t', t, '#{pane_in_mode}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('show-buffer → 0: ab');
    expect(ours).toEqual(theirs);
  });

  it('capture-pane -a (the screen under the alternate one), -C, -P (an unfinished sequence), -q', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const t = 'keep:1';
    const script = path.join(sbs.sb.dir, 'alt.sh');
    fs.writeFileSync(script, "printf 'a\\\\\\\\b one\\nnormal two\\n'; read x; printf '\\033[?1049halt here\\n\\033]0;unfinished'; exec cat\n");
    const steps: Step[] = [
      ['new-window', '-d', '-t', t, `sh ${script}`],
      { poll: ['capture-pane', '-p', '-t', t], until: /normal two/ },
      ['capture-pane', '-p', '-t', t, '-a'],
      ['capture-pane', '-p', '-t', t, '-a', '-q'],
      ['capture-pane', '-p', '-t', t, '-C', '-E', '1'],
      ['capture-pane', '-p', '-t', t, '-P'],
      ['send', '-t', t, 'Enter'],
      { poll: ['capture-pane', '-p', '-t', t], until: /alt here/ },
      ['capture-pane', '-p', '-t', t, '-a', '-E', '2'],
      ['capture-pane', '-p', '-t', t, '-a', '-C', '-S', '-5', '-E', '1'],
      ['capture-pane', '-p', '-t', t, '-a', '-S', '1', '-E', '0'],
      ['capture-pane', '-p', '-t', t, '-P'],
      ['capture-pane', '-p', '-t', t, '-P', '-C'],
      ['capture-pane', '-t', t, '-P', '-b', 'pending'],
      ['show-buffer', '-b', 'pending'],
      ['capture-pane', '-t', t, '-a', '-C', '-E', '0', '-b', 'saved'],
      ['show-buffer', '-b', 'saved'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain(`capture-pane -p -t ${t} -P -C → 0: \\033]0;unfinished`);
    expect(ours).toEqual(theirs);
  });

  it('copy-mode -s shows another pane, -H; set-buffer and load-buffer -t name a client', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const file = path.join(sbs.sb.dir, 'buf.txt');
    fs.writeFileSync(file, 'from a file');
    const steps: Step[] = [
      ['new-window', '-d', '-t', 'keep:1', "printf 'source line\\n'; exec cat"],
      ['new-window', '-d', '-t', 'keep:2', "printf 'target line\\n'; exec cat"],
      { poll: ['capture-pane', '-p', '-t', 'keep:1'], until: /source line/ },
      { poll: ['capture-pane', '-p', '-t', 'keep:2'], until: /target line/ },
      ['copy-mode', '-t', 'keep:2', '-s', 'keep:1', '-H'],
      ['send', '-t', 'keep:2', '-X', 'history-top'],
      ['display', '-p', '-t', 'keep:2', '#{pane_in_mode}[#{copy_cursor_line}]'],
      ['copy-mode', '-t', 'keep:2', '-s', 'nosuch:9'],
      ['set-buffer', '-t', '/dev/nosuch', '-w', 'x'],
      ['set-buffer', '-w', 'no client to send it to'],
      ['show-buffer'],
      ['load-buffer', '-t', 'nosuch', file],
      ['load-buffer', '-w', file],
      ['show-buffer'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('display -p -t keep:2 #{pane_in_mode}[#{copy_cursor_line}] → 0: 1[source line]');
    expect(ours).toEqual(theirs);
  });

  it('prefix / describes the next key on the status line, prefix . moves the window to where you say, as tmux', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    for (const which of ['tmux', 'ccmux'] as const) {
      const c = sbs.client(which, 'keep', 80, 24);
      await waitFor(async () => (await sbs!.ok(which, ['display', '-p', '-t', 'keep', '#{session_attached}'])).trim() === '1', 10_000, `a ${which} client`);
      c.proc.write('\x02/');
      await waitFor(async () => (await c.screen()).at(-1)!.startsWith('key'), 10_000, `${which}'s key prompt`);
      c.proc.write('c');
      await waitFor(async () => (await c.screen()).at(-1)!.startsWith('C-b c Create a new window'), 10_000, `${which}'s note of C-b c`);
      c.proc.write('\x02.');
      await waitFor(async () => (await c.screen()).at(-1)!.startsWith('(move-window)'), 10_000, `${which}'s move-window prompt`);
      c.proc.write('7\r');
      await waitFor(async () => (await sbs!.ok(which, ['list-windows', '-t', 'keep', '-F', '#{window_index}'])).trim() === '7', 10_000, `${which} to move the window to 7`);
      c.proc.kill('SIGKILL');
    }
  });
  it('a key the prefix or a switch-client -T table does not bind is looked up in root, else dropped, as tmux', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const clients = await sbs.attach();
    const hits = (n: number): Step => ({ poll: ['show', '-gv', '@hit'], until: new RegExp(`^${n}\\n`) });
    const steps: Step[] = [
      // Keys are typed several to a write here: none may be taken as pasted (assume-paste-time).
      ['set', '-g', 'assume-paste-time', '0'],
      ['set', '-g', '@hit', '0'],
      ['bind', '-n', 'C-x', 'set', '-gF', '@hit', '#{e|+:#{@hit},1}'],
      ['bind', '-T', 'mine', 'a', 'set', '-g', '@mine', 'a'],
      { keys: '\x18' },
      hits(1),
      // After the prefix: C-x is not in the prefix table, so root's C-x runs.
      { keys: '\x02\x18' },
      hits(2),
      // A table of switch-client -T: its own key, then (back in root) a key only root binds.
      ['switch-client', '-T', 'mine'],
      { keys: 'a' },
      { poll: ['show', '-gv', '@mine'], until: /^a\n/ },
      ['switch-client', '-T', 'mine'],
      { keys: '\x18' },
      hits(3),
      // Bound nowhere: dropped after the prefix and after a table, not given to the pane
      // (root's C-x after each shows the key before it was read).
      { keys: '\x02Q\x18' },
      hits(4),
      ['switch-client', '-T', 'mine'],
      { keys: 'Z\x18' },
      hits(5),
      { keys: 'echo A-B\r' },
      { poll: ['capture-pane', '-p', '-t', 'keep'], until: /^A-B$/m },
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    const typed = (out: string[]) => out.at(-1)!.split('\n').find((l) => l.includes('echo'))?.replace(/^.*⇒ [$#] /, '');
    expect(typed(theirs)).toBe('echo A-B');
    expect(typed(ours)).toBe(typed(theirs));
    expect(ours.slice(0, -1)).toEqual(theirs.slice(0, -1));
  });
  it('switch-client from a script acts on the current client: -c, -r, -T, -l as tmux', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const clients = await sbs.attach();
    const flags = ['list-clients', '-F', '#{client_session} #{client_readonly} #{client_key_table}'];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'other'],
      ['switch-client', '-r'],
      flags,
      ['switch-client', '-r'],
      flags,
      ['switch-client', '-T', 'prefix'],
      flags,
      ['switch-client', '-T', 'nosuch'],
      ['switch-client', '-l'],
      ['switch-client', '-t', 'other'],
      flags,
      ['switch-client', '-l'],
      flags,
      ['switch-client', '-c', '/dev/nosuch', '-t', 'other'],
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    expect(ours).toEqual(theirs);
  });
  it('Any: a table binding for every key it does not bind, listed in tmux order', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const clients = await sbs.attach();
    const steps: Step[] = [
      ['set', '-g', 'assume-paste-time', '0'],
      ['bind', '-T', 'mine', 'any', 'set', '-gF', '@any', '#{@any}+'],
      ['bind', '-T', 'mine', 'a', 'set', '-g', '@a', 'yes'],
      ['bind', '-T', 'mine', 'F1', 'display', 'f1'],
      ['bind', '-T', 'mine', 'MouseDown1Pane', 'display', 'm'],
      ['bind', '-T', 'mine', 'C-Any', 'display', 'x'],
      ['list-keys', '-T', 'mine'],
      ['set', '-g', '@any', ''],
      ['switch-client', '-T', 'mine'],
      { keys: 'q' },
      { poll: ['show', '-gv', '@any'], until: /^\+\n/ },
      ['switch-client', '-T', 'mine'],
      { keys: 'a' },
      { poll: ['show', '-gv', '@a'], until: /^yes\n/ },
      ['show', '-gv', '@any'],
      ['unbind', '-T', 'mine', 'Any'],
      ['list-keys', '-T', 'mine'],
    ];
    const { theirs, ours } = await sbs.both(steps, clients);
    expect(theirs[6]).toContain('bind-key -T mine Any');
    expect(ours).toEqual(theirs);
  });
  it('detach-client -E runs a command in the client\'s terminal in its place; an empty one does nothing', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const seen: Record<string, string[]> = { tmux: [], ccmux: [] };
    for (const which of ['tmux', 'ccmux'] as const) {
      const c = sbs.client(which, 'keep', 80, 24);
      const attached = async () => (await sbs!.ok(which, ['display', '-p', '-t', 'keep', '#{session_attached}'])).trim();
      await waitFor(async () => (await attached()) === '1', 10_000, `a ${which} client`);
      const r = await sbs[which](['detach-client', '-E', '']);
      seen[which]!.push(`empty: ${r.code} ${await attached()}`);
      await sbs.ok(which, ['detach-client', '-E', 'echo "ran in $0 [$((6*7))]"']);
      await waitFor(async () => (await c.screen()).some((l) => l.includes('ran in')), 10_000, `${which}'s -E command`);
      seen[which]!.push(`after: ${await attached()} ${(await c.screen()).find((l) => l.includes('ran in'))}`);
      expect((await c.screen()).join('\n')).not.toContain('[detached');
    }
    expect(seen.tmux).toEqual(['empty: 0 1', 'after: 0 ran in sh [42]']);
    expect(seen.ccmux).toEqual(seen.tmux);
  });
  it('capture-pane -e writes the escapes byte for byte as tmux: only what changed, the pen carried across lines', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const text = "printf '\\033[31mred\\033[0m \\033[1;32mbg\\033[0m \\033[44mblue\\033[0m \\033[38;5;100mi\\033[0m \\033[38;2;1;2;3mrgb\\n\\033[7mrev\\033[27m \\033[4:3;58:2::255:0:1mcurl\\033[0m \\033[9;95;104mbright\\033[0m\\n\\033[2;3mdim\\033[22mit\\033[0m end\\n'; exec sleep 100";
    const steps: Step[] = [
      ['new-window', '-d', '-t', 'keep:1', text],
      { poll: ['capture-pane', '-p', '-t', 'keep:1'], until: /end/ },
      ['capture-pane', '-e', '-p', '-t', 'keep:1', '-E', '3'],
      ['capture-pane', '-e', '-p', '-t', 'keep:1', '-S', '1', '-E', '1'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[2]).toContain('\x1b[31mred\x1b[39m \x1b[1m\x1b[32mbg\x1b[0m\x1b[39m\x1b[49m ');
    expect(ours).toEqual(theirs);
  });
  it('copy mode: a search hit out of view lands a quarter above the bottom; search_present, selection_present/_active, rectangle_toggle', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const F = '#{copy_cursor_y} #{scroll_position} #{search_present}#{selection_present}#{selection_active}#{rectangle_toggle}';
    const show: Step = ['display', '-p', '-t', 'h', F];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'h', '-x', '80', '-y', '10', 'seq 100 130; exec sleep 100'],
      { poll: ['capture-pane', '-p', '-t', 'h'], until: /^130$/m },
      ['set', '-w', '-t', 'h', 'mode-keys', 'vi'],
      ['copy-mode', '-t', 'h'], show,
      ['send', '-t', 'h', '-X', 'begin-selection'], ['send', '-t', 'h', '-X', 'rectangle-toggle'], show,
      ['send', '-t', 'h', '-X', 'stop-selection'], show,
      ['send', '-t', 'h', '-X', 'clear-selection'], ['send', '-t', 'h', '-X', 'rectangle-toggle'], show,
      ['send', '-t', 'h', '-X', 'search-backward', '11'], show,
      ['send', '-t', 'h', '-X', 'search-backward', '10'], show,
      ['send', '-t', 'h', '-X', 'history-top'], ['send', '-t', 'h', '-X', 'search-forward', '12'], show,
      ['send', '-t', 'h', '-X', 'search-forward', '129'], show,
      // What a command that is not a search does to the marks (tmux's command table): a
      // motion keeps them in vi keys, a selection clears them; n brings them back; in
      // emacs keys a motion clears them too, toggle-position never.
      ['send', '-t', 'h', '-X', 'cursor-up'], show,
      ['send', '-t', 'h', '-X', 'begin-selection'], show,
      ['send', '-t', 'h', '-X', 'search-again'], show,
      ['set', '-w', '-t', 'h', 'mode-keys', 'emacs'],
      ['send', '-t', 'h', '-X', 'toggle-position'], show,
      ['send', '-t', 'h', '-X', 'cursor-down'], show,
      ['send', '-t', 'h', '-X', 'search-reverse'], show,
      ['send', '-t', 'h', '-X', 'copy-selection-no-clear'], show,
      ['send', '-t', 'h', '-X', 'clear-selection'], show,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs[14]).toBe(`display -p -t h ${F} → 0: 8 11 1000`);
    expect(theirs[25]).toBe(`display -p -t h ${F} → 0: 7 1 0110`);
    expect(ours).toEqual(theirs);
  });
  it('copy mode: selection_start_x/_y and selection_end_x/_y through other-end, stop-selection and select-line; search_match', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const F = '#{copy_cursor_x},#{copy_cursor_y} [#{selection_start_x},#{selection_start_y} #{selection_end_x},#{selection_end_y}] <#{search_match}>';
    const show: Step = ['display', '-p', '-t', 's', F];
    const x = (...a: string[]): Step => ['send', '-t', 's', '-X', ...a];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 's', '-x', '40', '-y', '8', 'printf "alpha beta\\nthe gamma ray\\nend\\n"; seq 1 12; exec sleep 100'],
      { poll: ['capture-pane', '-p', '-t', 's'], until: /^12$/m },
      ['set', '-w', '-t', 's', 'mode-keys', 'vi'],
      ['copy-mode', '-t', 's'], show,
      x('history-top'), x('cursor-down'), x('next-word'), show,
      x('begin-selection'), show,
      x('cursor-right'), x('cursor-right'), x('cursor-down'), show,
      x('other-end'), show,
      x('cursor-left'), show,
      x('other-end'), x('cursor-right'), show,
      x('stop-selection'), x('cursor-up'), show,
      x('clear-selection'), show,
      x('select-line'), show,
      x('cursor-up'), show,
      x('cursor-down'), x('cursor-down'), x('cursor-down'), show,
      x('clear-selection'), x('history-top'), x('search-forward', 'gam'), show,
      x('cursor-right'), show,
      x('cursor-right'), x('cursor-right'), show,
      x('cursor-right'), show,
      x('begin-selection'), show,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.some((l) => l.includes('<gam>'))).toBe(true);
    expect(ours).toEqual(theirs);
  });
  it('copy mode: a selection made by select-word grows by words as the cursor moves, forwards and backwards, vi and emacs keys', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const F = '#{copy_cursor_x},#{copy_cursor_y} [#{selection_start_x},#{selection_start_y} #{selection_end_x},#{selection_end_y}]';
    const show: Step = ['display', '-p', '-t', 's', F];
    const x = (...a: string[]): Step => ['send', '-t', 's', '-X', ...a];
    const copied: Step[] = [x('copy-selection-no-clear'), ['show-buffer']];
    const walk: Step[] = [
      x('history-top'), x('next-word'), x('select-word'), show, ...copied,
      x('cursor-right'), show, ...copied,
      x('cursor-right'), x('cursor-right'), show, ...copied,
      x('next-word'), x('next-word'), show, ...copied,
      x('cursor-down'), show, ...copied,
      x('cursor-up'), x('start-of-line'), show, ...copied,
      x('cursor-right'), x('cursor-right'), show, ...copied,
      x('end-of-line'), x('cursor-up'), show, ...copied,
      x('stop-selection'), x('cursor-down'), show, ...copied,
      x('clear-selection'), x('history-top'), x('next-word'), x('next-word'), x('select-word'), show, ...copied,
      x('other-end'), show, ...copied,
      // Where select-word starts and ends: on a separator (it runs on into the next word), on
      // a blank (the word before), past the end of the text, a separator in the middle.
      ...[[14, 0], [20, 0], [21, 0], [30, 0], [9, 1]].flatMap(([col, down]): Step[] => [
        x('clear-selection'), x('history-top'), ...(down ? [x('cursor-down')] : []), ['send', '-t', 's', '-N', String(col), '-X', 'cursor-right'],
        x('select-word'), show, ...copied,
      ]),
      x('cancel'),
    ];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 's', '-x', '40', '-y', '8', 'printf "one alpha beta.gamma  delta\\nthe gamma-ray end\\n"; seq 1 12; exec sleep 100'],
      { poll: ['capture-pane', '-p', '-t', 's'], until: /^12$/m },
      ['set', '-w', '-t', 's', 'mode-keys', 'vi'],
      ['copy-mode', '-t', 's'], ...walk,
      ['set', '-w', '-t', 's', 'mode-keys', 'emacs'],
      ['copy-mode', '-t', 's'], ...walk,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(ours).toEqual(theirs);
  });
  it('copy mode: search-forward and search-backward take a regular expression, their -text forms and n/N the text as typed', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const F = '#{copy_cursor_x},#{copy_cursor_y} #{search_present} <#{search_match}>';
    const show: Step = ['display', '-p', '-t', 'r', F];
    const x = (...a: string[]): Step => ['send', '-t', 'r', '-X', ...a];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'r', '-x', '40', '-y', '12', 'printf "12 foo bar\\nline 7x baz\\nxx [0-9] ba.\\nline 77 foo\\nend\\n"; exec sleep 100'],
      { poll: ['capture-pane', '-p', '-t', 'r'], until: /^end$/m },
      ['set', '-w', '-t', 'r', 'mode-keys', 'vi'],
      ['copy-mode', '-t', 'r'],
      x('search-backward', '[0-9]+ foo'), show,
      x('search-again'), show,
      x('history-bottom'), x('search-backward', 'line 7.'), show,
      x('search-backward', 'ba[rz]'), show,
      x('search-reverse'), show,
      x('history-top'), x('search-forward', '^l'), show,
      x('search-forward', 'o+\\b'), show,
      x('history-top'), x('search-forward-text', '[0-9]'), show,
      x('search-forward-text', 'ba.'), show,
      x('search-again'), show,
      x('history-top'), x('search-forward', 'FOO|Baz'), show,
      x('search-forward', 'ba[r'), show,
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.some((l) => l.endsWith('<7 foo>') || l.endsWith('<77 foo>'))).toBe(true);
    expect(ours).toEqual(theirs);
  });
  it('copy mode: page-up/-down and halfpage move by the rows less two (half), the cursor where the view cannot; history-bottom to the end of the text', async () => {
    sbs = await new SideBySide({ env: { SHELL: '/bin/sh' } }).start();
    const F = '#{copy_cursor_x},#{copy_cursor_y} #{scroll_position}';
    const show: Step = ['display', '-p', '-t', 'p', F];
    const x = (...a: string[]): Step => ['send', '-t', 'p', '-X', ...a];
    const steps: Step[] = [
      ['new-session', '-d', '-s', 'p', '-x', '40', '-y', '10', 'for i in $(seq 1 40); do printf "%s %0${i}d\\n" $i 0; done | cut -c1-30; exec sleep 100'],
      { poll: ['capture-pane', '-p', '-t', 'p'], until: /^40 0+$/m },
      ['set', '-w', '-t', 'p', 'mode-keys', 'vi'],
      ['copy-mode', '-t', 'p'], show,
      x('cursor-up'), x('cursor-up'), x('next-word'), show,
      x('page-up'), show,
      x('page-up'), show,
      x('halfpage-up'), show,
      x('page-down'), show,
      x('halfpage-down'), show,
      x('history-top'), x('end-of-line'), show,
      x('page-up'), show,
      x('page-down'), show,
      x('page-down'), x('page-down'), x('page-down'), x('page-down'), show,
      x('page-down'), show,
      x('history-top'), x('history-bottom'), show,
      x('page-up'), x('page-down-and-cancel'), show,
      ['display', '-p', '-t', 'p', '#{pane_in_mode}'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.filter((l) => l.startsWith('display')).length).toBe(15);
    expect(ours).toEqual(theirs);
  });
});
