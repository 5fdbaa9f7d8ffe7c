/*
 * A program's own palette (server/pane-osc-palette.ts), as tmux 3.3a's OSC 4 and 104:
 * entries set with each colour form tmux reads, bad ones skipped, queries answered from
 * the program's entry or else pane-colours', entries taken back, all forgotten at RIS; and
 * the canvas drawing cells in palette colour N with the program's entry before
 * pane-colours'.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal, writeSync } from '../../src/render/xterm.js';
import { NO_ENTRY, PaneCanvas } from '../../src/render/pane-canvas.js';
import { RGB_FLAG } from '../../src/render/style.js';
import { parseOscColour, ProgramPalette } from '../../src/server/pane-osc-palette.js';

describe('OSC 4 colours', () => {
  it('reads the forms tmux reads', () => {
    expect(parseOscColour('rgb:ff/80/00')).toBe(0xff8000);
    expect(parseOscColour('rgb:ffff/8080/0000')).toBe(0xff8000);
    expect(parseOscColour('#ff8000')).toBe(0xff8000);
    expect(parseOscColour('#ffff80800000')).toBe(0xff8000);
    expect(parseOscColour('255,128,0')).toBe(0xff8000);
    expect(parseOscColour('cmy:0/0.5/1')).toBe(0xff7f00);
    expect(parseOscColour('cmyk:0/0/0/1')).toBe(0x000000);
    expect(parseOscColour('DarkOrange')).toBe(0xff8c00);
    expect(parseOscColour('rgb:f/f/f')).toBeUndefined();
    expect(parseOscColour('nonsense')).toBeUndefined();
  });
});

describe('a program\'s palette', () => {
  it('keeps OSC 4 entries, answers queries, takes them back with OSC 104, forgets them at RIS', () => {
    const term = createTerminal(20, 3, 0);
    const canvas = new PaneCanvas(term);
    const option = new Int32Array(256).fill(NO_ENTRY);
    option[2] = 5;
    canvas.setPalette(option);
    const p = new ProgramPalette();
    const replies: string[] = [];
    p.watch(term, (e) => canvas.setProgramPalette(e), (n) => canvas.paletteColour(n), (r) => replies.push(r));
    writeSync(term, '\x1b]4;1;rgb:ff/00/00;2;#00ff00;300;red\x07');
    expect(p.entries?.[1]).toBe(RGB_FLAG | 0xff0000);
    expect(p.entries?.[2]).toBe(RGB_FLAG | 0x00ff00);
    writeSync(term, '\x1b]4;3;not-a-colour;4;blue\x07');
    expect([p.entries?.[3], p.entries?.[4]]).toEqual([NO_ENTRY, RGB_FLAG | 0x0000ff]);
    writeSync(term, '\x1b]4;1;?;7;?\x07');
    expect(replies).toEqual(['\x1b]4;1;rgb:ffff/0000/0000\x07']);
    // Drawn: the program's entry first, then pane-colours'.
    writeSync(term, '\x1b[31mA\x1b[32mB\x1b[m');
    const grid = canvas.update();
    expect([grid.fg[0], grid.fg[1]]).toEqual([RGB_FLAG | 0xff0000, RGB_FLAG | 0x00ff00]);
    writeSync(term, '\x1b]104;2\x07');
    expect(canvas.update().fg[1]).toBe(5);
    writeSync(term, '\x1b]4;2;?\x07');
    expect(replies.at(-1)).toBe('\x1b]4;2;rgb:8080/0000/8080\x07');
    writeSync(term, '\x1b]104\x07');
    expect(p.entries).toBeNull();
    writeSync(term, '\x1b]4;9;#010203\x07\x1bc');
    expect(p.entries).toBeNull();
  });
});
