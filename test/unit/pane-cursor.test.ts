/*
 * The cursor's style and colour (server/pane-cursor.ts): what a program sets with DECSCUSR,
 * OSC 12 and OSC 112 (RIS forgets it), over the pane's cursor-style and cursor-colour, and
 * the escapes that tell the terminal, as tmux's tty_update_cursor.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal, writeSync } from '../../src/render/xterm.js';
import { cursorEscapes, cursorLook, PaneCursor } from '../../src/server/pane-cursor.js';
import { describeTerminal, termOutput } from '../../src/core/term-description.js';
import { OPTIONS } from '../../src/config/options-table.js';

const FEATURES = OPTIONS.find((o) => o.name === 'terminal-features')!.default as string[];

describe('a pane\'s cursor', () => {
  it('follows the program\'s DECSCUSR and OSC 12 / 112, forgotten at RIS', () => {
    const term = createTerminal(20, 5, 0);
    const c = new PaneCursor();
    c.watch(term);
    writeSync(term, '\x1b[4 q\x1b]12;rgb:ff/80/00\x07');
    expect([c.style, c.colour]).toEqual([4, 'rgb:ff/80/00']);
    writeSync(term, '\x1b]12;?\x07\x1b[9 q');
    expect([c.style, c.colour]).toEqual([4, 'rgb:ff/80/00']);
    writeSync(term, '\x1b]112\x07\x1b[ q');
    expect([c.style, c.colour]).toEqual([0, undefined]);
    writeSync(term, '\x1b[5 q\x1b]12;red\x07\x1bc');
    expect([c.style, c.colour]).toEqual([0, undefined]);
  });

  it('is the program\'s where it set one, else the options\'', () => {
    const c = new PaneCursor();
    expect(cursorLook(c, 'default', 'default')).toEqual({ style: 0, colour: '' });
    expect(cursorLook(c, 'underline', 'colour4')).toEqual({ style: 4, colour: 'rgb:00/00/80' });
    expect(cursorLook(c, 'bar', '#FFaa00')).toEqual({ style: 6, colour: 'rgb:ff/aa/00' });
    c.style = 1;
    c.colour = 'rgb:f/0/0';
    expect(cursorLook(c, 'bar', 'blue')).toEqual({ style: 1, colour: 'rgb:ff/00/00' });
    c.colour = 'not a colour';
    expect(cursorLook(c, 'bar', 'blue').colour).toBe('');
  });

  it('is told to the terminal only where it changed, with its Ss/Se and Cs/Cr (tmux\'s tty_update_cursor)', () => {
    const none = { style: 0, colour: '' };
    const xterm = termOutput(describeTerminal('xterm-256color', undefined, FEATURES, []));
    expect(cursorEscapes(none, none, xterm)).toBe('');
    expect(cursorEscapes(none, { style: 6, colour: 'rgb:00/00/80' }, xterm)).toBe('\x1b[6 q\x1b]12;rgb:00/00/80\x07');
    expect(cursorEscapes({ style: 6, colour: 'rgb:00/00/80' }, none, xterm)).toBe('\x1b[2 q\x1b]112\x07');
    expect(cursorEscapes({ style: 6, colour: '' }, { style: 6, colour: 'rgb:01/02/03' }, xterm)).toBe('\x1b]12;rgb:01/02/03\x07');
    // Overrides' strings are used; a terminal without them is sent nothing.
    const own = termOutput(describeTerminal('xterm-256color', undefined, FEATURES, ['*:Ss=\\E[%p1%d SP:Se@:Cs@:Cr@']));
    expect(cursorEscapes(none, { style: 4, colour: 'rgb:00/00/80' }, own)).toBe('\x1b[4 SP');
    expect(cursorEscapes({ style: 4, colour: 'rgb:00/00/80' }, none, own)).toBe('\x1b[0 SP');
    const bare = termOutput(describeTerminal('xterm-256color', undefined, [], ['*:Ss@:Se@:Cs@:Cr@']));
    expect(cursorEscapes(none, { style: 4, colour: 'rgb:00/00/80' }, bare)).toBe('');
  });
});
