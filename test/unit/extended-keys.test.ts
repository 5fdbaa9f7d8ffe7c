/*
 * Extended keys (server/extended-keys.ts) as tmux 3.3a reads them from a terminal
 * (tty_keys_extended_key) and gives them to a pane (input_key): CSI u for a pane that
 * asked, a control character or nothing for one that did not; what asking looks like.
 */
import { describe, expect, it } from 'vitest';
import { createTerminal, writeSync } from '../../src/render/xterm.js';
import { extendedForm, extendedKeyBytes, PaneKeyMode } from '../../src/server/extended-keys.js';

const bytes = (raw: string, extended: boolean) => extendedKeyBytes(extendedForm(raw)!, extended);

describe('extended keys', () => {
  it('reads both forms a terminal sends', () => {
    expect(extendedForm('\x1b[27;5;13~')).toEqual({ code: 13, mod: 5 });
    expect(extendedForm('\x1b[13;2u')).toEqual({ code: 13, mod: 2 });
    expect(extendedForm('\x1b[A')).toBeUndefined();
    expect(extendedForm('\x1b[1;5A')).toBeUndefined();
  });

  it('gives a pane that asked CSI u, Ctrl with a letter as its control character (Meta an ESC before it)', () => {
    expect(bytes('\x1b[27;5;13~', true)).toBe('\x1b[13;5u');
    expect(bytes('\x1b[27;2;13~', true)).toBe('\x1b[13;2u');
    expect(bytes('\x1b[27;5;9~', true)).toBe('\x1b[9;5u');
    expect(bytes('\x1b[27;5;120~', true)).toBe('\x18');
    expect(bytes('\x1b[27;7;120~', true)).toBe('\x1b\x18');
    expect(bytes('\x1b[27;6;97~', true)).toBe('\x1b[65;6u');
    expect(bytes('\x1b[27;3;97~', true)).toBe('\x1ba');
  });

  it('gives a pane that did not ask a Ctrl key\'s control character, nothing for the rest', () => {
    expect(bytes('\x1b[27;5;13~', false)).toBe('');
    expect(bytes('\x1b[27;2;13~', false)).toBeUndefined(); // tmux's "missing": send-keys sends the name
    expect(bytes('\x1b[27;5;9~', false)).toBe('');
    expect(bytes('\x1b[27;5;120~', false)).toBe('\x18');
    expect(bytes('\x1b[27;5;50~', false)).toBe('\x00');
    expect(bytes('\x1b[27;5;49~', false)).toBe('');
    expect(bytes('\x1b[27;12;97~', false)).toBeUndefined();
  });

  it('follows a program asking (CSI > 4 ; 1 m) and stopping (CSI > 4 m, CSI > 4 n, RIS); always from the start, asking changes nothing', () => {
    const term = createTerminal(20, 5, 0);
    let always = false;
    const m = new PaneKeyMode(() => always);
    m.watch(term);
    expect(m.extended).toBe(false);
    writeSync(term, '\x1b[>4;1m');
    expect(m.extended).toBe(true);
    writeSync(term, '\x1b[>4m');
    expect(m.extended).toBe(false);
    writeSync(term, '\x1b[>4;2m\x1b[>4n');
    expect(m.extended).toBe(false);
    writeSync(term, '\x1b[>4;2m\x1bc');
    expect(m.extended).toBe(false);
    always = true;
    const a = new PaneKeyMode(() => always);
    a.watch(term);
    expect(a.extended).toBe(true);
    writeSync(term, '\x1b[>4m');
    expect(a.extended).toBe(true);
  });
});
