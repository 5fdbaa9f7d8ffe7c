/*
 * Commands without a pty or socket: command lines run through the dispatcher (RUNNER) on
 * the model over fake ptys (fake-model.ts), as the CLI would send them. Each checks what
 * the command did to the model, what it printed, and that the change reached the model's
 * events (so the checkpoint and clients hear of it) — and the errors a user gets for a
 * bad target, flag or value. The figures (pane sizes after splits, indexes, formats) are
 * tmux 3.3a's for the same commands at the same size.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { RUNNER } from '../../src/commands/run.js';
import { PROTOCOL_VERSION, type HelloMsg } from '../../src/protocol/frames.js';
import type { Server } from '../../src/server/server.js';
import { world } from './fake-model.js';

const caller: HelloMsg = { protocol: PROTOCOL_VERSION, version: 'test', pid: 1, cwd: '/', tty: false, cols: 80, rows: 24, env: { PATH: '/bin', HOME: '/' } };

/** Run one CLI command line; its exit code, standard output and error. */
async function ccmux(server: Server, ...argv: string[]) {
  let out = '';
  let err = '';
  const { code } = await RUNNER.runLine(server, argv, { caller, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** A server on fake ptys with session "work" (80×24 panes), and the model's events recorded from then on. */
async function started() {
  const w = world();
  w.server.options.set('exit-empty', false, 'toml');
  expect((await ccmux(w.server, 'new-session', '-d', '-s', 'work', '-x', '80', '-y', '24')).code).toBe(0);
  w.seen.length = 0;
  const lines = async (fmt: string, ...target: string[]) => (await ccmux(w.server, 'list-panes', ...target, '-F', fmt)).out.trim().split('\n');
  return { ...w, lines };
}

describe('commands on the model', () => {
  it('split-window: sizes as tmux, -b before, -l cells and percent, -d keeps the focus; too small is refused', async () => {
    const { server, seen, lines } = await started();
    expect((await ccmux(server, 'split-window', '-h')).code).toBe(0);
    expect(await lines('#{pane_index}:#{pane_width}x#{pane_height}:#{pane_active}')).toEqual(['0:40x24:0', '1:39x24:1']);
    expect(seen).toContain('window-changed @0 layout');
    await ccmux(server, 'split-window', '-v', '-l', '30%', '-d');
    expect(await lines('#{pane_index}:#{pane_width}x#{pane_height}:#{pane_active}')).toEqual(['0:40x24:0', '1:39x16:1', '2:39x7:0']);
    await ccmux(server, 'split-window', '-h', '-b', '-l', '10', '-t', '%0');
    expect(await lines('#{pane_id}:#{pane_left}:#{pane_width}')).toEqual(['%3:0:10', '%0:11:29', '%1:41:39', '%2:41:39']);
    for (let i = 0; i < 12; i++) await ccmux(server, 'split-window', '-v', '-t', '%2');
    const r = await ccmux(server, 'split-window', '-v', '-t', '%2');
    expect(r.code).toBe(1);
    expect(r.err).toBe('no space for new pane\n');
  });

  it('select-pane: directions, -l, -T (a title the checkpoint keeps), a bad target named', async () => {
    const { server, seen, lines } = await started();
    await ccmux(server, 'split-window', '-h');
    await ccmux(server, 'select-pane', '-L');
    expect(await lines('#{pane_id}:#{pane_active}')).toEqual(['%0:1', '%1:0']);
    await ccmux(server, 'select-pane', '-l');
    expect(await lines('#{pane_id}:#{pane_active}')).toEqual(['%0:0', '%1:1']);
    seen.length = 0;
    await ccmux(server, 'select-pane', '-t', '%0', '-T', 'build');
    expect(seen).toEqual(['window-changed @0 title', 'pane-title %0']);
    expect(await lines('#{pane_title}', '-t', '%0')).toEqual(['build', os.hostname().split('.')[0]]); // tmux: the host name
    const bad = await ccmux(server, 'select-pane', '-t', '%99');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/pane: %99/);
  });

  it('resize-pane: -Z zooms and unzooms, -x sets a width, -L moves a border', async () => {
    const { server, seen, lines } = await started();
    await ccmux(server, 'split-window', '-h');
    seen.length = 0;
    await ccmux(server, 'resize-pane', '-Z');
    expect(seen).toEqual(['window-changed @0 zoom']);
    expect((await ccmux(server, 'display-message', '-p', '#{window_zoomed_flag}')).out).toBe('1\n');
    await ccmux(server, 'resize-pane', '-Z');
    expect((await ccmux(server, 'display-message', '-p', '#{window_zoomed_flag}')).out).toBe('0\n');
    await ccmux(server, 'resize-pane', '-t', '%0', '-x', '20');
    expect(await lines('#{pane_width}')).toEqual(['20', '59']);
    await ccmux(server, 'resize-pane', '-t', '%1', '-L', '5');
    expect(await lines('#{pane_width}')).toEqual(['15', '64']);
  });

  it('swap-pane, select-layout and next-layout rearrange panes and tell the model', async () => {
    const { server, seen, lines } = await started();
    await ccmux(server, 'split-window', '-h');
    await ccmux(server, 'split-window', '-v');
    seen.length = 0;
    await ccmux(server, 'swap-pane', '-s', '%0', '-t', '%2');
    expect(await lines('#{pane_id}')).toEqual(['%2', '%1', '%0']);
    await ccmux(server, 'select-layout', 'even-vertical');
    expect(await lines('#{pane_top}:#{pane_height}')).toEqual(['0:7', '8:7', '16:8']); // tmux: the last takes the rest
    await ccmux(server, 'select-layout', 'even-horizontal');
    expect(await lines('#{pane_left}:#{pane_width}')).toEqual(['0:26', '27:26', '54:26']);
    expect(seen.filter((e) => e === 'window-changed @0 layout')).toHaveLength(3);
    const bad = await ccmux(server, 'select-layout', 'diagonal');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^invalid layout: diagonal/); // as tmux says it
  });

  it('windows: new-window -d -n, select-window, next/last-window, rename-window, kill-window, indexes as tmux', async () => {
    const { server, seen } = await started();
    const cur = async () => (await ccmux(server, 'display-message', '-p', '#{window_index}:#{window_name}')).out.trim();
    await ccmux(server, 'new-window', '-d', '-n', 'logs');
    expect(await cur()).toMatch(/^0:/);
    await ccmux(server, 'select-window', '-t', ':1');
    expect(await cur()).toBe('1:logs');
    await ccmux(server, 'last-window');
    expect(await cur()).toMatch(/^0:/);
    await ccmux(server, 'next-window');
    expect(await cur()).toBe('1:logs');
    seen.length = 0;
    await ccmux(server, 'rename-window', 'tail');
    expect(seen).toEqual(['window-changed @1 name']);
    expect(await cur()).toBe('1:tail');
    await ccmux(server, 'new-window', '-d');
    await ccmux(server, 'kill-window', '-t', ':1');
    expect((await ccmux(server, 'list-windows', '-F', '#{window_index}')).out).toBe('0\n2\n');
    const taken = await ccmux(server, 'new-window', '-d', '-t', ':2');
    expect([taken.code, taken.err.trim()]).toEqual([1, 'create window failed: index 2 in use']);
  });

  it('sessions: rename-session (a taken name refused), has-session, kill-session', async () => {
    const { server, seen } = await started();
    await ccmux(server, 'new-session', '-d', '-s', 'other');
    seen.length = 0;
    expect((await ccmux(server, 'rename-session', '-t', 'other', 'play')).code).toBe(0);
    expect(seen).toEqual(['session-renamed $play']);
    const dup = await ccmux(server, 'rename-session', '-t', 'play', 'work');
    expect([dup.code, dup.err.trim()]).toEqual([1, 'duplicate session: work']);
    expect((await ccmux(server, 'has-session', '-t', 'play')).code).toBe(0);
    expect((await ccmux(server, 'kill-session', '-t', 'play')).code).toBe(0);
    const gone = await ccmux(server, 'has-session', '-t', 'play');
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/session: play/);
    expect(seen).toContain('session-closed $play');
  });

  it('send-keys writes keys and literal text to the target pane; kill-pane closes it', async () => {
    const { server, ptys } = await started();
    await ccmux(server, 'split-window');
    await ccmux(server, 'send-keys', '-t', '%0', 'echo hi', 'Enter');
    await ccmux(server, 'send-keys', '-t', '%1', '-l', 'C-c');
    await ccmux(server, 'send-keys', '-t', '%1', 'C-c');
    expect(ptys[0]!.written.join('')).toBe('echo hi\r');
    expect(ptys[1]!.written.join('')).toBe('C-c\x03');
    await ccmux(server, 'kill-pane', '-t', '%0');
    expect([...server.model.panes.keys()]).toEqual([1]);
  });

  it('options: set -g and show, -u back to the default; a bad value or name is an error naming it', async () => {
    const { server, seen } = await started();
    await ccmux(server, 'set-option', '-g', 'status-left', '[#S]');
    expect((await ccmux(server, 'show-options', '-g', 'status-left')).out).toBe('status-left "[#S]"\n');
    expect(seen).toContain('options-changed');
    await ccmux(server, 'set-option', '-gu', 'status-left');
    expect((await ccmux(server, 'show-options', '-g', 'status-left')).out).not.toBe('status-left "[#S]"\n');
    const bad = await ccmux(server, 'set-option', '-g', 'history-limit', 'lots');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/history-limit/);
    const unknown = await ccmux(server, 'set-option', '-g', 'no-such-option', '1');
    expect(unknown.err).toMatch(/no-such-option/);
  });

  it('a flag a command does not have is refused with its usage', async () => {
    const { server } = await started();
    const r = await ccmux(server, 'kill-pane', '-Q');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/kill-pane/);
    expect(r.err).toMatch(/usage/i);
  });
});
