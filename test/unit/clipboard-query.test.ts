/*
 * refresh-client -l's query of a terminal's clipboard (clipboard-query.ts) against tmux
 * 3.3a's tty_clipboard_query and tty_keys_clipboard: one query out at a time, shared by
 * whoever asks meanwhile; the answer a new buffer and/or the named panes' reply; an empty
 * answer waited past, a bad one ending the query, one nobody asked for dropped; given up
 * after 5 seconds (vitest's clock).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_QUERY, ClipboardQuery, clipboardReplyCut, isClipboardReply, parseClipboardReply, QUERY_TIMEOUT_MS, restOfCutReply } from '../../src/server/client/clipboard-query.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function setup() {
  const sent: string[] = [];
  const buffers: string[] = [];
  const panes: Array<[number, string]> = [];
  const q = new ClipboardQuery({ send: (s) => sent.push(s), buffer: (t) => buffers.push(t), pane: (id, r) => panes.push([id, r]) });
  return { q, sent, buffers, panes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('parseClipboardReply', () => {
  it('reads the data after the second field, ended by BEL or ST', () => {
    expect(parseClipboardReply(`\x1b]52;c;${b64('hi there')}\x07`)).toEqual({ kind: 'data', bytes: Buffer.from('hi there') });
    expect(parseClipboardReply(`\x1b]52;;${b64('é')}\x1b\\`)).toEqual({ kind: 'data', bytes: Buffer.from('é') });
    expect(parseClipboardReply('\x1b]52;c;\x07')).toEqual({ kind: 'empty' });
    expect(parseClipboardReply('\x1b]52;c\x07')).toEqual({ kind: 'empty' });
    expect(parseClipboardReply('\x1b]52;c;not base64!\x07')).toEqual({ kind: 'bad' });
    expect(parseClipboardReply('\x1b]52;c;abc\x07')).toEqual({ kind: 'bad' });
    // Cut by the decoder's bound (no terminator): never kept in part.
    expect(parseClipboardReply(`\x1b]52;c;${b64('abc')}`)).toEqual({ kind: 'bad' });
  });

  it("tells the rest of a cut answer (base64 keys, then BEL or ESC \\ as keys) from what follows it", () => {
    expect(clipboardReplyCut(`\x1b]52;c;${b64('abc')}`)).toBe(true);
    expect(clipboardReplyCut(`\x1b]52;c;${b64('abc')}\x07`)).toBe(false);
    expect(['Q', 'z', '9', '+', '/', '='].map(restOfCutReply)).toEqual(['more', 'more', 'more', 'more', 'more', 'more']);
    expect(['C-g', 'M-\\'].map(restOfCutReply)).toEqual(['end', 'end']);
    expect(['Enter', 'Space', '-', 'C-c', 'Up'].map(restOfCutReply)).toEqual([null, null, null, null, null]);
  });

  it('knows an OSC 52 answer from other input', () => {
    expect(isClipboardReply('\x1b]52;c;aGk=\x07')).toBe(true);
    expect(isClipboardReply('\x1b]11;rgb:0/0/0\x07')).toBe(false);
    expect(isClipboardReply('\x1b]')).toBe(false);
  });
});

describe('ClipboardQuery', () => {
  it('asks once, then puts the answer in a new buffer', () => {
    const { q, sent, buffers, panes } = setup();
    q.ask();
    q.ask();
    expect(sent).toEqual([CLIPBOARD_QUERY]);
    expect(CLIPBOARD_QUERY).toBe('\x1b]52;;?\x07');
    q.answer(`\x1b]52;c;${b64('from the terminal')}\x07`);
    expect(buffers).toEqual(['from the terminal']);
    expect(panes).toEqual([]);
    expect(q.pending).toBe(false);
    // Answered: the next ask sends again.
    q.ask();
    expect(sent.length).toBe(2);
  });

  it('answers each pane named (once each) as an OSC 52 reply ended by ST, with or without a buffer', () => {
    const { q, sent, buffers, panes } = setup();
    q.ask(3);
    q.ask(3);
    q.ask(5);
    expect(sent.length).toBe(1);
    q.answer(`\x1b]52;c;${b64('x')}\x1b\\`);
    expect(buffers).toEqual([]);
    expect(panes).toEqual([[3, `\x1b]52;;${b64('x')}\x1b\\`], [5, `\x1b]52;;${b64('x')}\x1b\\`]]);
  });

  it('drops an answer nobody asked for, waits past an empty one, ends on a bad one', () => {
    const { q, buffers } = setup();
    q.answer(`\x1b]52;c;${b64('unasked')}\x07`);
    expect(buffers).toEqual([]);
    q.ask();
    q.answer('\x1b]52;c;\x07');
    expect(q.pending).toBe(true);
    q.answer('\x1b]52;c;%%%%\x07');
    expect(q.pending).toBe(false);
    q.answer(`\x1b]52;c;${b64('late')}\x07`);
    expect(buffers).toEqual([]);
  });

  it('gives up after 5 seconds: a late answer is dropped', () => {
    vi.useFakeTimers();
    const { q, sent, buffers } = setup();
    q.ask();
    vi.advanceTimersByTime(QUERY_TIMEOUT_MS - 1);
    expect(q.pending).toBe(true);
    vi.advanceTimersByTime(1);
    expect(q.pending).toBe(false);
    q.answer(`\x1b]52;c;${b64('too late')}\x07`);
    expect(buffers).toEqual([]);
    q.ask();
    expect(sent.length).toBe(2);
  });
});
