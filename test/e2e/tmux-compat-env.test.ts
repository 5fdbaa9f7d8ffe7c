/*
 * Side by side with tmux 3.3a: set-environment / show-environment, update-environment,
 * what panes inherit; set-hook / show-hooks and hooks running; command-alias; the
 * message log and prompt history. The same script runs against both; outputs must match.
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

describe.skipIf(!hasTmux())('environment, side by side with tmux 3.3a', () => {
  it('set-environment and show-environment: global and session, removal marks, hidden, -s, -F, errors', async () => {
    sbs = await new SideBySide().start({ SSH_AUTH_SOCK: '/first', FOO: '1' });
    const conf = path.join(sbs.sb.dir, 'env.conf');
    fs.writeFileSync(conf, 'CONFVAR="a b"\n%hidden CONFHID=h\n%if #{CONFVAR}\nset -g @fromenv "$CONFVAR/$CONFHID"\n%endif\n%if 0\nNOTSET=1\n%endif\n');
    const steps: Step[] = [
      ['showenv', '-t', 'keep'],
      ['showenv', '-g', 'NOTSET'],
      ['setenv', '-g', 'GV', 'a$b"c`d\\e'],
      ['setenv', '-gh', 'HID', 'hv'],
      ['setenv', '-t', 'keep', 'SV', 'sv'],
      ['setenv', '-r', '-t', 'keep', 'DISPLAY'],
      ['setenv', '-r', '-t', 'keep', 'NEWMARK'],
      ['showenv', '-t', 'keep'],
      ['showenv', '-s', '-t', 'keep'],
      ['showenv', '-g', 'GV'],
      ['showenv', '-gs', 'GV'],
      ['showenv', '-gh'],
      ['showenv', '-g', 'HID'],
      ['showenv', '-g', 'FOO'],
      ['showenv', '-t', 'keep', 'NOPE'],
      ['setenv', '-t', 'keep', 'X'],
      ['setenv', '-u', '-t', 'keep', 'X', 'v'],
      ['setenv', '-r', '-t', 'keep', 'X', 'v'],
      ['setenv', '-t', 'keep', 'A=B', 'x'],
      ['setenv', '-t', 'keep', '', 'x'],
      ['setenv', '-u', '-t', 'keep', 'NOPE'],
      ['setenv', '-u', '-t', 'keep', 'NEWMARK'],
      ['setenv', '-F', '-t', 'keep', 'FV', '#{session_name}-#{window_index}'],
      ['showenv', '-t', 'keep', 'FV'],
      ['display', '-p', '-t', 'keep', '#{GV}|#{HID}|#{SV}|#{FOO}|#{DISPLAY}'],
      ['setenv', '-t', 'nosuch', 'A', 'b'],
      ['setenv', '-g', '-t', 'nosuch', 'GOK', 'b'],
      ['showenv', '-t', 'nosuch'],
      ['showenv', '-t', 'keep'],
      // A config's NAME=value goes into the global environment, %hidden's hidden; $NAME reads it.
      ['source-file', conf],
      ['showenv', '-g', 'CONFVAR'],
      ['showenv', '-gh', 'CONFHID'],
      ['show', '-gv', '@fromenv'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('showenv -g GV → 0: GV=a$b"c`d\\e');
    expect(theirs).toContain('show -gv @fromenv → 0: a b/h');
    expect(ours).toEqual(theirs);
  }, 60_000);

  it('a new session takes the client\'s update-environment variables and -e; its panes get global + session, not hidden or removed ones', async () => {
    sbs = await new SideBySide().start({ SSH_AUTH_SOCK: '/first', FOO: '1' });
    const show = "env | grep -E '^(GV|HID|SV|FOO|DISPLAY|SSH_AUTH_SOCK|SSH_CONNECTION|E1|E2|XAUTHORITY)=' | sort; echo END; sleep 30";
    const steps: Step[] = [
      ['set', '-g', 'update-environment', 'DISPLAY SSH_*'],
      ['setenv', '-g', 'GV', 'g'],
      ['setenv', '-gh', 'HID', 'h'],
      { argv: ['new', '-d', '-s', 'two', '-x', '80', '-y', '24', '-e', 'E1=x'], env: { SSH_AUTH_SOCK: '/second', SSH_CONNECTION: 'c d', DISPLAY: ':5', XAUTHORITY: '/xa' } },
      ['showenv', '-t', 'two'],
      ['setenv', '-t', 'two', 'SV', 's'],
      ['setenv', '-t', 'two', '-r', 'FOO'],
      ['new-window', '-d', '-t', 'two:5', '-e', 'E2=y', show],
      { poll: ['capture-pane', '-p', '-t', 'two:5'], until: /END/ },
      ['new', '-d', '-s', 'three', '-E', '-x', '80', '-y', '24'],
      ['showenv', '-t', 'three'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs.join('\n')).toContain('SSH_AUTH_SOCK=/second');
    expect(ours).toEqual(theirs);
  }, 60_000);
});

describe('environment on attach', () => {
  it('attach-session gives the session the client\'s update-environment variables, not with -E (as tmux\'s cmd-attach-session)', async () => {
    sbs = new SideBySide();
    const sb = sbs.sb;
    await sb.ok(['new-session', '-d', '-s', 'keep'], { env: { SSH_AUTH_SOCK: '/first' } });
    expect(await sb.ok(['showenv', '-t', 'keep', 'SSH_AUTH_SOCK'])).toBe('SSH_AUTH_SOCK=/first\n');
    const t = await sb.terminal(['attach-session', '-t', 'keep'], 80, 24, { env: { SSH_AUTH_SOCK: '/attached' } });
    await waitFor(async () => (await sb.ok(['showenv', '-t', 'keep', 'SSH_AUTH_SOCK'])) === 'SSH_AUTH_SOCK=/attached\n', 10_000, 'the attach to update SSH_AUTH_SOCK');
    await sb.ok(['detach-client', '-s', 'keep']);
    await t.waitExit();
    const e = await sb.terminal(['attach-session', '-E', '-t', 'keep'], 80, 24, { env: { SSH_AUTH_SOCK: '/ignored' } });
    await e.waitForScreen('[keep]');
    expect(await sb.ok(['showenv', '-t', 'keep', 'SSH_AUTH_SOCK'])).toBe('SSH_AUTH_SOCK=/attached\n');
    await sb.ok(['detach-client', '-s', 'keep']);
    await e.waitExit();
  }, 60_000);
});

describe.skipIf(!hasTmux())('command-alias, side by side with tmux 3.3a', () => {
  it('expands aliases before commands, adds the arguments to the last command, never recursively', async () => {
    sbs = await new SideBySide().start();
    const steps: Step[] = [
      ['split-pane', '-d', '-t', 'keep'],
      ['splitp', '-d', '-t', 'keep'],
      ['list-panes', '-t', 'keep', '-F', '#{pane_index}'],
      ['set', '-s', 'command-alias', 'lsn=list-sessions -F x,qqq=display -p'],
      ['show', '-s', 'command-alias'],
      ['set', '-as', 'command-alias', 'two=display -p one ; display -p'],
      ['set', '-s', 'command-alias[3]', 'qqloop=qqloop'],
      ['set', '-s', 'command-alias[4]', 'list-windows=display -p shadowed'],
      ['show', '-s', 'command-alias'],
      ['lsn'],
      ['qqq', 'given'],
      ['two', 'last'],
      ['qqloop'],
      ['list-windows'],
      ['set', '-su', 'command-alias[1]'],
      ['qqq', 'x'],
      // tmux keeps a binding's commands with the alias expanded; ccmux keeps the text (list-keys differs)
      ['bind', 'X', 'two'],
    ];
    const { theirs, ours } = await sbs.both(steps);
    expect(theirs).toContain('two last → 0: one\nlast');
    expect(ours).toEqual(theirs);
  }, 60_000);
});
