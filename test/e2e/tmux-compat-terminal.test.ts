/*
 * What ccmux writes to a client's terminal, side by side with tmux 3.3a: a client of each
 * attached in a pty of its own (which answers no query, so tmux learns nothing from
 * device attributes, only from terminfo and its options), with a TERM (xterm-256color,
 * screen-256color, xterm-direct — compiled here, the machine may not have it) and the
 * terminal-features and terminal-overrides lines real tmux.conf files have. A program in
 * the pane prints RGB and 256 colours, sets palette colour 1 with OSC 4 and prints in it,
 * sets the cursor's style and colour and the clipboard; then both clients are detached, and the facts of each byte stream from attach
 * to detach are compared: the alternate screen, the colours' form, the cursor sequences,
 * OSC 52, focus reports, extended keys, bracketed paste, the title, and client_termfeatures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, waitFor } from './harness.js';
import { SideBySide, type PtyClient } from './lib/side-by-side.js';
import { nearest256 } from '../../src/render/colour-depth.js';

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/** tmux 3.3a's default terminal-features (ccmux's adds its own terminals' usstyle, hyperlinks and sync). */
const TMUX_FEATURES = 'xterm*:clipboard:ccolour:cstyle:focus:title,screen*:title';

/** What a client's terminal was sent, as facts to compare. */
function facts(out: string): Record<string, unknown> {
  const all = (re: RegExp) => [...out.matchAll(re)].map((m) => m[0]);
  // In an SGR (the echo of the command line holds the same digits as text).
  const salmon = /\x1b\[[0-9;]*?38;(2;250;128;114|5;\d+)[;m]/.exec(out)?.[1];
  return {
    smcup: out.includes('\x1b[?1049h'),
    rmcup: out.includes('\x1b[?1049l'),
    bpaste: out.includes('\x1b[?2004h'),
    focus: out.includes('\x1b[?1004h'),
    extkeys: out.includes('\x1b[>4;1m'),
    title: out.includes('\x1b]0;'),
    salmon,
    blue256: /\x1b\[[0-9;]*48;5;27[;m]/.test(out),
    // Palette colour 1 after the program's OSC 4 made it #ff8000 (tmux's colour_palette).
    // (tmux may set the colour before a line feed or cursor move, ccmux just before the cell).
    palette1: /\x1b\[[0-9;]*?38;(2;255;128;0|5;\d+)[0-9;]*m(?:\r?\n|\x1b\[[0-9;]*[A-Za-z])*O/.exec(out)?.[1],
    // Each change once (tmux sends the style again after it redraws the whole pane for OSC 4).
    cursorStyle: all(/\x1b\[\d* (q|SP)/g).filter((x, i, a) => x !== a[i - 1]),
    cursorColour: all(/\x1b\]1?12[^\x07]*\x07/g),
    clipboard: all(/\x1b\]52;[^\x07]*\x07/g),
  };
}

/** The program in the pane: colours, cursor style and colour, the clipboard, then a marker (written with an octal escape, so its echo is not it). */
const PROGRAM = "printf '\\033[38;2;250;128;114mS\\033[48;5;27mB\\033[m\\033[5 q\\033]12;#00ff00\\007\\033]52;c;aGk=\\007D\\117NE\\n'";

interface Case {
  term: string;
  features?: string;
  overrides?: string;
}

/** Then palette colour 1 made #ff8000 (OSC 4) and printed in: a step of its own, as tmux redraws the whole pane for it. */
const PALETTE = "printf '\\033]4;1;#ff8000\\007\\033[31mO\\033[m P\\101LETTE\\n'";

/** Run `c` on both and return each side's facts and client_termfeatures. */
async function run(c: Case, terminfo: string | undefined): Promise<Record<'tmux' | 'ccmux', { facts: Record<string, unknown>; features: string }>> {
  // A test that runs two cases ends the first's servers before the second's start (they leaked).
  await both?.dispose();
  both = await new SideBySide().start();
  const setup = [
    ['set', '-s', 'terminal-features', TMUX_FEATURES + (c.features ?? '')],
    ...(c.overrides ? [['set', '-s', 'terminal-overrides', c.overrides]] : []),
    ['set', '-s', 'set-clipboard', 'on'],
    ['set', '-s', 'focus-events', 'on'],
    ['set', '-s', 'extended-keys', 'on'],
    ['set', '-g', 'set-titles', 'on'],
  ];
  for (const which of ['tmux', 'ccmux'] as const) for (const argv of setup) await both.ok(which, argv);
  const env = { TERM: c.term, ...(terminfo ? { TERMINFO: terminfo } : {}) };
  const clients: Record<'tmux' | 'ccmux', PtyClient> = { tmux: both.client('tmux', 'keep', 80, 24, [], env), ccmux: both.client('ccmux', 'keep', 80, 24, [], env) };
  for (const which of ['tmux', 'ccmux'] as const) await waitFor(async () => (await both![which](['display', '-p', '-t', 'keep', '#{session_attached}'])).out.trim() === '1', 10_000, `${which}'s client to attach`);
  const result = {} as Record<'tmux' | 'ccmux', { facts: Record<string, unknown>; features: string }>;
  for (const which of ['tmux', 'ccmux'] as const) {
    const features = (await both.ok(which, ['list-clients', '-F', '#{client_termfeatures}'])).trim();
    await both.ok(which, ['send-keys', '-t', 'keep', PROGRAM, 'Enter']);
    await waitFor(() => clients[which].output().includes('DONE'), 10_000, `${which}'s client to show the program's output`);
    await both.ok(which, ['send-keys', '-t', 'keep', PALETTE, 'Enter']);
    await waitFor(() => clients[which].output().includes('PALETTE'), 10_000, `${which}'s client to show the palette's output`);
    // tmux asks for focus reports (and extended keys) 1 s after attach, when its terminal has not answered.
    await waitFor(() => clients[which].output().includes('\x1b[?1004h'), 10_000, `${which} to ask for focus reports`);
    await both.ok(which, ['detach-client', '-s', 'keep']);
    await waitFor(() => clients[which].output().includes('detached'), 10_000, `${which}'s client to detach`);
    if (process.env.DUMP_TERM) fs.writeFileSync(`/tmp/termfeat-${which}.out`, clients[which].output());
    result[which] = { facts: facts(clients[which].output()), features };
  }
  // Different, and said so in tmux-compat.md: ccmux turns bracketed paste (its Enbp) on at attach to
  // know pastes from typing (assume-paste-time aside); tmux only while a pane's program has it on.
  expect([result.tmux.facts.bpaste, result.ccmux.facts.bpaste]).toEqual([false, true]);
  delete result.tmux.facts.bpaste;
  delete result.ccmux.facts.bpaste;
  return result;
}

describe.skipIf(!hasTmux())('what a client\'s terminal is sent, side by side with tmux 3.3a', () => {
  it('xterm-256color: its terminfo and tmux\'s default features (no RGB: the nearest 256 colour)', async () => {
    const r = await run({ term: 'xterm-256color' }, undefined);
    expect(r.tmux.features).toBe('bpaste,ccolour,clipboard,cstyle,focus,title');
    expect(r.ccmux).toEqual(r.tmux);
    expect(r.ccmux.facts).toMatchObject({ smcup: true, blue256: true, salmon: `5;${nearest256(0xfa8072)}`, palette1: '5;208', cursorStyle: ['\x1b[5 q', '\x1b[2 q'], clipboard: ['\x1b]52;;aGk=\x07'] });
  }, 60_000);

  it('xterm-256color with Tc and user overrides: RGB, Ss/Se, Ms given, no alternate screen', async () => {
    const r = await run({ term: 'xterm-256color', overrides: ',xterm-256color:Tc,*:Ss=\\E[%p1%d SP:Se=\\E[ q,*:smcup@:rmcup@,*:Ms=\\E]52;c;%p2%s\\007' }, undefined);
    expect(r.ccmux).toEqual(r.tmux);
    expect(r.ccmux.facts).toMatchObject({ smcup: false, rmcup: false, salmon: '2;250;128;114', palette1: '2;255;128;0', cursorStyle: ['\x1b[5 SP', '\x1b[ q'], clipboard: ['\x1b]52;c;aGk=\x07'] });
  }, 60_000);

  it('screen-256color: title only — no cursor style or colour, no clipboard', async () => {
    const r = await run({ term: 'screen-256color' }, undefined);
    expect(r.tmux.features).toBe('bpaste,focus,title');
    expect(r.ccmux).toEqual(r.tmux);
    expect(r.ccmux.facts).toMatchObject({ cursorStyle: [], cursorColour: [], clipboard: [], title: true });
  }, 60_000);

  it('xterm-direct (RGB in terminfo) and features added with set -as (RGB, extkeys)', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'ccmux-ti-')));
    try {
      const src = path.join(dir, 'xterm-direct.src');
      fs.writeFileSync(src, 'xterm-direct|xterm with direct colours,\n  RGB, colors#0x1000000, use=xterm-256color,\n');
      execFileSync('tic', ['-x', '-o', dir, src]);
      const r = await run({ term: 'xterm-direct' }, dir);
      expect(r.ccmux).toEqual(r.tmux);
      expect(r.ccmux.facts).toMatchObject({ salmon: '2;250;128;114', extkeys: false });
      expect(r.tmux.features).toContain('RGB');
      const s = await run({ term: 'screen-256color', features: ',screen*:RGB:extkeys' }, undefined);
      expect(s.ccmux).toEqual(s.tmux);
      expect(s.ccmux.facts).toMatchObject({ salmon: '2;250;128;114', extkeys: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
