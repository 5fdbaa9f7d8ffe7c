/*
 * A program's OSC 52 data as pane-clipboard.ts reads it (tmux's input_osc_52): the text
 * of `c;BASE64` (any selection letters, or none), `?` a query, and nothing for what
 * tmux ignores — no `;`, nothing after it, bad base64, more than a megabyte.
 */
import { describe, expect, it } from 'vitest';
import { OSC52_MAX_BYTES, parseOsc52 } from '../../src/server/pane-clipboard.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('parseOsc52', () => {
  it.each([
    [`c;${b64('hello')}`, { kind: 'set', text: 'hello' }],
    [`;${b64('héllo ✓')}`, { kind: 'set', text: 'héllo ✓' }],
    [`pc;${b64('x')}`, { kind: 'set', text: 'x' }],
    ['c;?', { kind: 'query' }],
    ['c', null],
    ['c;', null],
    ['c;aGVsbG8', null],
    ['c;aGV$bG8=', null],
    ['c;====', null],
  ])('%j', (data, want) => {
    expect(parseOsc52(data)).toEqual(want);
  });

  it('refuses more than OSC52_MAX_BYTES', () => {
    expect(parseOsc52(`c;${b64('x'.repeat(OSC52_MAX_BYTES))}`)).toMatchObject({ kind: 'set' });
    expect(parseOsc52(`c;${b64('x'.repeat(OSC52_MAX_BYTES + 3))}`)).toBeNull();
  });
});
