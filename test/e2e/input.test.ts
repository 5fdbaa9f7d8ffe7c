/*
 * End-to-end: the user's input on its way through ccmux. C-b C-b sends a C-b; keys and
 * escape sequences reach the program unchanged; a paste is bracketed only for a program
 * that asked for it; mouse clicks focus panes, the wheel enters copy mode and scrolls,
 * and a program that asked for the mouse gets pane-relative clicks; prefix ? lists the
 * keys; prefix [ with k or PgUp scrolls back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, type OuterTerminal } from './harness.js';

const boxes: Sandbox[] = [];
function box(): Sandbox {
  const sb = new Sandbox();
  boxes.push(sb);
  return sb;
}
afterAll(async () => {
  await Promise.all(boxes.map((b) => b.dispose()));
});

/**
 * A program for a pane: puts its tty in raw mode, optionally asks for bracketed paste,
 * SGR mouse reporting and/or application cursor keys (as vim, less and htop do), prints READY, and keeps every byte it reads (as JSON of a
 * latin1 string) in the file named by its first argument.
 */
const PROBE = `
const fs = require('fs');
const [out, mode = ''] = process.argv.slice(2);
process.stdin.setRawMode(true);
if (mode.includes('paste')) process.stdout.write('\\x1b[?2004h');
if (mode.includes('mouse')) process.stdout.write('\\x1b[?1000h\\x1b[?1006h');
if (mode.includes('appcursor')) process.stdout.write('\\x1b[?1h\\x1b=');
let seen = Buffer.alloc(0);
process.stdin.on('data', (d) => {
  seen = Buffer.concat([seen, d]);
  fs.writeFileSync(out + '.tmp', JSON.stringify(seen.toString('latin1')));
  fs.renameSync(out + '.tmp', out);
});
process.stdout.write('READY-' + mode + '\\r\\n');
`;

/** Start the probe in the active pane of `t`; returns a reader of what it received. */
async function startProbe(sb: Sandbox, t: OuterTerminal, name: string, mode: string): Promise<() => string> {
  const script = path.join(sb.dir, 'probe.cjs');
  if (!fs.existsSync(script)) fs.writeFileSync(script, PROBE);
  const out = path.join(sb.dir, `${name}.json`);
  t.type(`clear; ${process.execPath} ${script} ${out} ${mode}\r`);
  await t.waitForScreen(`READY-${mode}`);
  return () => (fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as string) : '');
}

/** SGR mouse press and release at 1-based outer-terminal cell (x, y). */
const click = (x: number, y: number, button = 0) => `\x1b[<${button};${x};${y}M\x1b[<${button};${x};${y}m`;

async function started(sb: Sandbox, cols = 100, rows = 30): Promise<OuterTerminal> {
  const t = await sb.terminal([], cols, rows);
  await t.waitForScreen(/\[0\] 0:/);
  return t;
}

describe.concurrent('input', () => {
  it('prefix C-b sends one C-b to the program', async () => {
    const sb = box();
    const t = await started(sb);
    t.type('stty -icanon -echo; cat -v\r');
    await waitFor(async () => (await sb.panes())[0]!.current_command === 'cat', 10_000, 'cat to run');
    // Each key waits for the one before to show: keys read together faster than typing
    // would be a paste (assume-paste-time), and bind nothing.
    t.type('<');
    await t.waitForScreen((l) => l.some((s) => s === '<'));
    t.prefix('\x02');
    await t.waitForScreen((l) => l.some((s) => s === '<^B'));
    t.type('>\r');
    await t.waitForScreen((l) => l.some((s) => s === '<^B>'));
    t.type('<');
    await t.waitForScreen((l) => l.some((s) => s === '<'));
    t.prefix('\x02');
    await t.waitForScreen((l) => l.some((s) => s === '<^B'));
    t.prefix('\x02');
    await t.waitForScreen((l) => l.some((s) => s === '<^B^B'));
    t.type('>\r');
    await t.waitForScreen((l) => l.some((s) => s === '<^B^B>'));
  });

  it('passes keys and escape sequences through unchanged', async () => {
    const sb = box();
    const t = await started(sb, 120, 40);
    t.type('stty -icanon -echo; cat -v\r');
    await waitFor(async () => (await sb.panes())[0]!.current_command === 'cat', 10_000, 'cat to run');
    const keys: Array<[string, string]> = [
      ['\x1b[A', '^[[A'], // Up
      ['\x1b[B', '^[[B'], // Down
      ['\x1b[C', '^[[C'], // Right
      ['\x1b[D', '^[[D'], // Left
      ['\x1bOA', '^[OA'], // Up in application cursor mode
      ['\x1b[1;5D', '^[[1;5D'], // C-Left
      ['\x1b[1;2A', '^[[1;2A'], // S-Up
      ['\x1b[H', '^[[H'], // Home
      ['\x1b[3~', '^[[3~'], // Delete
      ['\x1b[5~', '^[[5~'], // PgUp (bound only after the prefix)
      ['\x1bOP', '^[OP'], // F1
      ['\x1b[15~', '^[[15~'], // F5
      ['\x1bx', '^[x'], // M-x
      ['\x01', '^A'], // C-a
      ['\x05', '^E'], // C-e
      ['\x7f', '^?'], // Backspace
    ];
    for (const [i, [bytes, shown]] of keys.entries()) {
      t.type(`${i}<${bytes}>\r`);
      await t.waitForScreen((l) => l.some((s) => s === `${i}<${shown}>`));
    }
  });

  it('sends cursor keys in the form a program in application cursor mode expects', async () => {
    const sb = box();
    const t = await started(sb);
    const got = await startProbe(sb, t, 'ckm', 'appcursor');
    // The outer terminal is in normal cursor mode (ccmux never passes DECCKM out), so it sends CSI.
    t.type('\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F\x1b[1;5A!');
    await waitFor(() => got().endsWith('!'), 10_000, 'the keys to arrive');
    // As xterm in DECCKM: SS3 for unmodified cursor keys, CSI with a modifier otherwise.
    expect(got()).toBe('\x1bOA\x1bOB\x1bOC\x1bOD\x1bOH\x1bOF\x1b[1;5A!');
  });

  it('brackets a paste only for a program that enabled bracketed paste', async () => {
    const sb = box();
    const t = await started(sb);
    const paste = '\x1b[200~first line\rsecond $HOME\x1b[201~';
    const plain = await startProbe(sb, t, 'plain', 'none');
    await sb.ok(['split-window', '-h']);
    await waitFor(async () => (await sb.panes()).find((p) => p.active)?.id === '%1', 10_000, 'the new pane');
    const bracketed = await startProbe(sb, t, 'bracketed', 'paste');
    t.type(paste);
    t.type('!');
    await waitFor(() => bracketed().endsWith('!'), 10_000, 'the paste to arrive');
    expect(bracketed()).toBe(`${paste}!`);
    await sb.ok(['select-pane', '-t', '%0']);
    t.type(paste);
    t.type('!');
    await waitFor(() => plain().endsWith('!'), 10_000, 'the paste to arrive');
    expect(plain()).toBe('first line\rsecond $HOME!');
    expect(bracketed()).toBe(`${paste}!`);
  });

  it('a click on another pane makes it active', async () => {
    const sb = box();
    const t = await started(sb);
    await sb.ok(['split-window', '-h']);
    await sb.ok(['split-window', '-v']);
    let panes = await waitFor(async () => {
      const p = await sb.panes();
      return p.length === 3 ? p : null;
    });
    expect(panes.find((p) => p.active)!.id).toBe('%2');
    t.type(click(10, 5)); // in the left pane
    panes = await waitFor(async () => {
      const p = await sb.panes();
      return p.find((x) => x.active)!.id === '%0' ? p : null;
    }, 10_000, 'the left pane to become active');
    const top = panes.find((p) => p.id === '%1')!;
    t.type(click(top.left + 3, top.top + 2)); // in the top-right pane (1-based coordinates)
    await waitFor(async () => (await sb.panes()).find((x) => x.active)!.id === '%1', 10_000, 'the top-right pane to become active');
  });

  it('the wheel over a pane with history enters copy mode with a position indicator; q leaves', async () => {
    const sb = box();
    const t = await started(sb, 80, 24);
    t.type('seq 1 200\r');
    await t.waitForScreen(/^200$/m);
    // As tmux's WheelUpPane (copy-mode -e): the first tick enters copy mode, each next scrolls 5 lines.
    t.type('\x1b[<64;10;10M'); // wheel up
    const lines = await t.waitForScreen(/\[\d+\/\d+\]/);
    const [, offset, history] = /\[(\d+)\/(\d+)\]/.exec(lines.join('\n'))!.map(Number);
    expect(offset).toBe(0);
    expect(history).toBeGreaterThanOrEqual(200 - 23);
    expect((await sb.panes())[0]!.in_mode).toBe(true);
    t.type('\x1b[<64;10;10M\x1b[<64;10;10M');
    await t.waitForScreen(new RegExp(`\\[10/${history}\\]`));
    t.type('q');
    await t.waitForScreen((l) => !/\[\d+\/\d+\]/.test(l.join('\n')));
    expect((await sb.panes())[0]!.in_mode).toBe(false);
    expect(t.screen().some((l) => l === '200')).toBe(true);
  });

  it('a program that enabled mouse reporting gets clicks at pane-relative coordinates', async () => {
    const sb = box();
    const t = await started(sb);
    await sb.ok(['split-window', '-h']);
    const right = await waitFor(async () => (await sb.panes()).find((p) => p.id === '%1' && p.active));
    expect(right.left).toBeGreaterThan(40);
    const got = await startProbe(sb, t, 'mouse', 'mouse');
    // 1-based outer (right.left + 10, 6) is 0-based pane cell (9, 5): SGR 10;6.
    t.type(click(right.left + 10, 6));
    await waitFor(() => got().includes('m'), 10_000, 'the release to arrive');
    expect(got()).toBe('\x1b[<0;10;6M\x1b[<0;10;6m');
    // A click on the other pane focuses it and is not sent to the program.
    t.type(click(5, 5));
    await waitFor(async () => (await sb.panes()).find((p) => p.active)!.id === '%0', 10_000, 'the left pane to be active');
    expect(got()).toBe('\x1b[<0;10;6M\x1b[<0;10;6m');
  });

  it('prefix ? shows the key bindings; q closes the list', async () => {
    const sb = box();
    const t = await started(sb);
    t.type('echo under-the-list\r');
    await t.waitForScreen('under-the-list');
    t.prefix('?');
    const lines = await t.waitForScreen(/C-b %\s+Split/);
    expect(lines.join('\n')).toMatch(/C-b 0\s+Select window 0/); // (C-b c is on a later page since tmux's other prefix keys are bound)
    expect(lines.join('\n')).toMatch(/list-keys \[1-\d+\/\d+\]/);
    t.type('G'); // to the end of a list longer than the screen
    await t.waitForScreen(/list-keys \[\d+-(\d+)\/\1\]/);
    t.type('q');
    // Closed: the list's frame is gone (at its end the % line is off screen anyway).
    await t.waitForScreen((l) => !/list-keys \[/.test(l.join('\n')));
    expect(t.text()).toContain('under-the-list');
    // Keys go to the shell again.
    t.type('echo after-$((40+2))\r');
    await t.waitForScreen('after-42');
  });

  it('prefix [ then k or PgUp scrolls back to earlier lines; q returns to the bottom', async () => {
    const sb = box();
    const t = await started(sb, 80, 24);
    t.type('seq 1000 1300\r');
    await t.waitForScreen(/^1300$/m);
    const visible = (n: number) => t.screen().some((l) => l === String(n));
    expect(visible(1250)).toBe(false);
    t.prefix('[');
    await t.waitForScreen(/\[0\/\d+\]/);
    t.type('\x1b[5~'); // PgUp
    await t.waitForScreen((l) => l.includes('1260'));
    const firstShown = Number(t.screen().find((l) => /^\d{4}$/.test(l)));
    expect(firstShown).toBeLessThan(1270);
    // k moves the cursor up, and past the top line scrolls one line at a time.
    for (let i = 0; i < 30; i++) t.type('k');
    await t.waitForScreen((l) => l.includes(String(firstShown - 5)));
    t.type('q');
    await t.waitForScreen((l) => l.includes('1300') && !/\[\d+\/\d+\]/.test(l.join('\n')));
    expect(visible(firstShown)).toBe(false);
  });
});
