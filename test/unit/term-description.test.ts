/*
 * A client's terminal described as tmux 3.3a describes it: a compiled terminfo entry read
 * (entries compiled here with tic, so the test does not depend on the machine's), terminfo's
 * parameterised strings, terminal-features and terminal-overrides applied in tmux's order,
 * and what ccmux sends from the result; colours brought down for terminals with fewer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTerminfo, TerminfoError, type TerminfoEntry } from '../../src/core/terminfo.js';
import { tparm } from '../../src/core/tparm.js';
import { describeTerminal, termOutput, unvis } from '../../src/core/term-description.js';
import { colourFor, nearest256 } from '../../src/render/colour-depth.js';
import { RGB_FLAG } from '../../src/render/style.js';
import { readTerminfo, terminfoDirs } from '../../src/server/client/terminfo-read.js';
import { OPTIONS } from '../../src/config/options-table.js';

const DEFAULT_FEATURES = OPTIONS.find((o) => o.name === 'terminal-features')!.default as string[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-terminfo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Compile terminfo source with tic -x into `dir` as `name` and read the entry back. */
function compiled(name: string, source: string): TerminfoEntry {
  const src = path.join(dir, `${name}.src`);
  fs.writeFileSync(src, source.replace(/^[^|]+/, name));
  execFileSync('tic', ['-x', '-o', dir, src]);
  return parseTerminfo(fs.readFileSync(path.join(dir, name[0]!, name)));
}

const XTERMISH = `xt256|an xterm-256color alike,
  am, XT, colors#256, clear=\\E[H\\E[2J, cup=\\E[%i%p1%d;%p2%dH,
  smcup=\\E[?1049h, rmcup=\\E[?1049l,
  setaf=\\E[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m,
  Ss=\\E[%p1%d q, Se=\\E[2 q, Ms=\\E]52;%p1%s;%p2%s\\007,
`;
const SCREENISH = `sc256|a screen-256color alike,
  am, colors#256, clear=\\E[H\\E[J, cup=\\E[%i%p1%d;%p2%dH, smcup=\\E[?1049h, rmcup=\\E[?1049l,
`;
const DIRECT = `xdirect|an xterm-direct alike,
  am, XT, RGB, colors#0x1000000, clear=\\E[H\\E[2J, cup=\\E[%i%p1%d;%p2%dH,
`;
const EIGHT = `eight|eight colours, not VT100-like,
  am, colors#8, clear=^L, cup=\\E=%p1%' '%+%c%p2%' '%+%c,
`;

describe('terminfo entries', () => {
  it('reads standard capabilities by index and extended ones by name, 16- and 32-bit numbers', () => {
    const e = compiled('xt256', XTERMISH);
    expect(e.names[0]).toBe('xt256');
    expect(e.caps.get('am')).toBe(true);
    expect(e.caps.get('colors')).toBe(256);
    expect(e.caps.get('smcup')).toBe('\x1b[?1049h');
    expect(e.caps.get('clear')).toBe('\x1b[H\x1b[2J');
    expect(e.caps.get('XT')).toBe(true);
    expect(e.caps.get('Ss')).toBe('\x1b[%p1%d q');
    expect(e.caps.get('Ms')).toBe('\x1b]52;%p1%s;%p2%s\x07');
    const d = compiled('xdirect', DIRECT);
    expect(d.caps.get('colors')).toBe(0x1000000);
    expect(d.caps.get('RGB')).toBe(true);
  });

  it('refuses what is not one, naming why', () => {
    expect(() => parseTerminfo(Buffer.from('hello world'))).toThrow(TerminfoError);
    const good = fs.readFileSync(path.join(dir, 'x', 'xt256'));
    expect(() => parseTerminfo(good.subarray(0, 20))).toThrow(/truncated/);
  });

  it('is found as curses finds it: $TERMINFO, ~/.terminfo, $TERMINFO_DIRS, the system; never a path', async () => {
    expect(terminfoDirs({ TERMINFO: '/t', HOME: '/h', TERMINFO_DIRS: '/a::/b' }).slice(0, 4)).toEqual(['/t', '/h/.terminfo', '/a', '/etc/terminfo']);
    expect((await readTerminfo('xt256', { TERMINFO: dir }))?.caps.get('colors')).toBe(256);
    expect(await readTerminfo('xt256', { HOME: '/nonexistent' })).toBeUndefined();
    expect(await readTerminfo('../x/xt256', { TERMINFO: dir })).toBeUndefined();
    expect(await readTerminfo('', { TERMINFO: dir })).toBeUndefined();
  });
});

describe('parameterised strings (tparm)', () => {
  it('prints parameters, constants, conditions and arithmetic as curses does', () => {
    expect(tparm('\x1b[%p1%d q', 6)).toBe('\x1b[6 q');
    expect(tparm('\x1b]52;%p1%s;%p2%s\x07', '', 'aGk=')).toBe('\x1b]52;;aGk=\x07');
    expect(tparm('\x1b[%i%p1%d;%p2%dH', 4, 9)).toBe('\x1b[5;10H');
    const setaf = '\x1b[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m';
    expect([3, 12, 200].map((n) => tparm(setaf, n))).toEqual(['\x1b[33m', '\x1b[94m', '\x1b[38;5;200m']);
    const sync = '\x1b[?2026%?%p1%{1}%-%tl%eh%;';
    expect([tparm(sync, 1), tparm(sync, 2)]).toEqual(['\x1b[?2026h', '\x1b[?2026l']);
    expect(tparm('%p1%02d|%p1%x|%p1%:-3d|%%|%\'A\'%c', 7)).toBe('07|7|7  |%|A');
    expect(tparm('\x1b=%p1%\' \'%+%c', 1)).toBe('\x1b=!');
  });
});

describe('tmux\'s escapes in terminal-overrides values (strunvis)', () => {
  it('reads \\E, \\a, octal, \\^X; keeps a value it cannot read as written', () => {
    expect(unvis('\\E[%p1%d q')).toBe('\x1b[%p1%d q');
    expect(unvis('\\E]52;%p1%s;%p2%s\\007')).toBe('\x1b]52;%p1%s;%p2%s\x07');
    expect(unvis('\\^G\\a')).toBe('\x07\x07');
    expect(unvis('\\e[3m')).toBe('\\e[3m');
  });
});

describe('a terminal described (tmux\'s tty_term_create)', () => {
  const xterm = compiled('xterm-256color', XTERMISH);
  const screen = compiled('screen-256color', SCREENISH);

  it('gives an xterm tmux\'s default features, VT100-likes bpaste, focus and title, and no RGB', () => {
    const d = describeTerminal('xterm-256color', xterm, DEFAULT_FEATURES, []);
    expect(d.features).toEqual(['bpaste', 'ccolour', 'clipboard', 'cstyle', 'focus', 'hyperlinks', 'sync', 'title', 'usstyle']);
    expect(d.rgb).toBe(false);
    expect(d.colours).toBe(256);
    const out = termOutput(d);
    expect([out.smcup, out.enfcs, out.cursorStyle(5), out.cursorStyleReset, out.cursorColour('rgb:ff/00/00')]).toEqual(['\x1b[?1049h', '\x1b[?1004h', '\x1b[5 q', '\x1b[2 q', '\x1b]12;rgb:ff/00/00\x07']);
    expect(out.clipboard('aGk=')).toBe('\x1b]52;;aGk=\x07');
    expect([out.syncStart, out.syncEnd, out.eneks]).toEqual(['\x1b[?2026h', '\x1b[?2026l', '']);
  });

  it('gives screen-256color only title: no cursor style or colour, no clipboard, no sync', () => {
    const d = describeTerminal('screen-256color', screen, DEFAULT_FEATURES, []);
    expect(d.features).toEqual(['bpaste', 'focus', 'title']);
    const out = termOutput(d);
    expect([out.cursorStyle(2), out.cursorStyleReset, out.cursorColour('rgb:00/00/00'), out.clipboard('x'), out.syncStart]).toEqual(['', '', '', '', '']);
    expect(out.title('t')).toBe('\x1b]0;t\x07');
  });

  it('takes RGB from Tc or RGB (override, feature or terminfo), as tmux', () => {
    expect(describeTerminal('xterm-256color', xterm, DEFAULT_FEATURES, [',xterm-256color:Tc']).rgb).toBe(true);
    expect(describeTerminal('xterm-256color', xterm, [...DEFAULT_FEATURES, ',*:RGB'], []).features).toContain('RGB');
    expect(describeTerminal('xterm-256color', xterm, DEFAULT_FEATURES, ['screen*:Tc']).rgb).toBe(false);
    const direct = describeTerminal('xterm-direct', compiled('xterm-direct', DIRECT), DEFAULT_FEATURES, []);
    expect([direct.rgb, direct.colours]).toEqual([true, 256]);
  });

  it('applies overrides after features: cap=value (tmux escapes, :: a colon), cap@ removed', () => {
    const d = describeTerminal('xterm-256color', xterm, DEFAULT_FEATURES, [
      '*:Ss=\\E[%p1%d q:Se=\\E[ q', ',*:smcup@:rmcup@', ',*:Smulx=\\E[4::%p1%dm', ',*:Ms=\\E]52;%p1%s;%p2%s\\007', ',*:sitm=\\E[3m', 'vt*:Cr@',
    ]);
    const out = termOutput(d);
    expect([out.smcup, out.rmcup]).toEqual(['', '']);
    expect(out.cursorStyleReset).toBe('\x1b[ q');
    expect(d.caps.get('Smulx')).toBe('\x1b[4:%p1%dm');
    expect(d.caps.get('sitm')).toBe('\x1b[3m');
    expect(out.cursorColourReset).toBe('\x1b]112\x07');
    // An override of a feature's capability wins over the feature.
    expect(termOutput(describeTerminal('xterm-256color', xterm, DEFAULT_FEATURES, ['*:Cr=X'])).cursorColourReset).toBe('X');
  });

  it('reads terminal-features as tmux: patterns, items with commas, a feature it does not know ending its item', () => {
    expect(describeTerminal('foo', undefined, ['foo:sync:nonsense:extkeys'], []).features).toContain('sync');
    expect(describeTerminal('foo', undefined, ['foo:sync:nonsense:extkeys'], []).features).not.toContain('extkeys');
    expect(describeTerminal('foo', undefined, [',bar:extkeys,foo:EXTKEYS'], []).features).toContain('extkeys');
    expect(describeTerminal('fo', undefined, ['fo?:extkeys'], []).features).not.toContain('extkeys');
  });

  it('gives a terminal without terminfo xterm-256color\'s capabilities, and one of 8 colours 8', () => {
    const d = describeTerminal('unknown-term', undefined, DEFAULT_FEATURES, []);
    expect([d.found, d.colours, d.rgb, termOutput(d).smcup]).toEqual([false, 256, false, '\x1b[?1049h\x1b[22;0;0t']);
    const e = describeTerminal('eight', compiled('eight', EIGHT), DEFAULT_FEATURES, []);
    expect([e.colours, e.features]).toEqual([8, []]);
    expect(termOutput(e).title('x')).toBe('');
  });
});

describe('colours brought down (tmux\'s tty_check_fg, colour_find_rgb)', () => {
  const bold = { value: false };
  it('maps RGB to the nearest of the 256 palette: the cube on its levels, or a grey', () => {
    expect(nearest256(0xff0000)).toBe(196);
    expect(nearest256(0x5f87af)).toBe(16 + 36 + 12 + 3);
    expect(nearest256(0x808080)).toBe(244);
    expect(nearest256(0x101010)).toBe(233);
    expect(nearest256(0x000000)).toBe(16);
  });

  it('sends each depth what it draws', () => {
    const rgb = RGB_FLAG | 0x123456;
    expect(colourFor(rgb, { rgb: true, colours: 256 }, true, bold)).toBe(rgb);
    expect(colourFor(rgb, { rgb: false, colours: 256 }, true, bold)).toBe(nearest256(0x123456));
    expect(colourFor(196, { rgb: false, colours: 16 }, true, bold)).toBe(9);
    expect(colourFor(196, { rgb: false, colours: 8 }, true, bold)).toBe(1);
    const b = { value: false };
    expect(colourFor(12, { rgb: false, colours: 8 }, true, b)).toBe(4);
    expect(b.value).toBe(true);
    const bg = { value: false };
    expect(colourFor(12, { rgb: false, colours: 8 }, false, bg)).toBe(4);
    expect(bg.value).toBe(false);
  });
});
