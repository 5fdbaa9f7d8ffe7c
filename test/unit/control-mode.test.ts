/*
 * Control mode's pure parts: the protocol's text (escaping, guards, flags, sizes, pane
 * actions, line splitting) and the output queue's order, bounds and flow control over a
 * fake clock.
 */
import { describe, expect, it } from 'vitest';
import {
  escapeOutput,
  guardLine,
  LineSplitter,
  notify,
  parseClientFlags,
  parseControlSize,
  parsePaneAction,
  parseSubscription,
  unescapeOutput,
} from '../../src/protocol/control-lines.js';
import { ControlOutputQueue } from '../../src/server/control/output-queue.js';
import { CommandError } from '../../src/core/errors.js';

describe('control protocol text', () => {
  it('escapes bytes below space and the backslash as three octal digits, as tmux', () => {
    expect(escapeOutput(Buffer.from('a\tb\\c\r\n\x1b[0m')).toString('latin1')).toBe('a\\011b\\134c\\015\\012\\033[0m');
    expect(escapeOutput(Buffer.from([0])).toString()).toBe('\\000');
    // High bytes (UTF-8) and DEL go as they are.
    expect(escapeOutput(Buffer.from('é\x7f'))).toEqual(Buffer.from('é\x7f'));
  });

  it('round-trips any bytes through escape and unescape', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(unescapeOutput(escapeOutput(all))).toEqual(all);
    const lit = Buffer.from('\\\\012'); // an escaped backslash followed by digits
    expect(unescapeOutput(escapeOutput(lit))).toEqual(lit);
  });

  it('writes guard lines and notifications in tmux 3.3a\'s words', () => {
    expect(guardLine('begin', 1700000000, 12, 1)).toBe('%begin 1700000000 12 1');
    expect(guardLine('error', 5, 3, 0)).toBe('%error 5 3 0');
    expect(notify.windowAdd(3, false)).toBe('%unlinked-window-add @3');
    expect(notify.windowClose(3, true)).toBe('%window-close @3');
    expect(notify.windowRenamed(1, 'a b', true)).toBe('%window-renamed @1 a b');
    expect(notify.clientSessionChanged('/dev/pts/3', 2, 'x')).toBe('%client-session-changed /dev/pts/3 $2 x');
    expect(notify.layoutChange(0, 'L', 'V', '*Z')).toBe('%layout-change @0 L V *Z');
  });

  it('parses refresh-client -f flags, -C sizes and -A pane actions, naming what is wrong', () => {
    expect(parseClientFlags('pause-after=2,no-output')).toEqual({ pauseAfter: 2, noOutput: true });
    expect(parseClientFlags('!no-output,!pause-after')).toEqual({ noOutput: false, pauseAfter: undefined });
    expect(parseClientFlags('pause-after')).toEqual({ pauseAfter: 0 });
    expect(parseClientFlags('read-only,ignore-size')).toEqual({ readOnly: true, ignoreSize: true });
    expect(parseClientFlags('!ignore-size')).toEqual({ ignoreSize: false });
    expect(() => parseClientFlags('active-pane')).toThrow(/unknown client flag: active-pane/);
    expect(() => parseClientFlags('pause-after=x')).toThrow(/bad pause-after value: x/);
    expect(parseControlSize('100x30')).toEqual({ cols: 100, rows: 30 });
    expect(parseControlSize('100,30')).toEqual({ cols: 100, rows: 30 });
    expect(() => parseControlSize('0x5')).toThrow(CommandError);
    expect(() => parseControlSize('big')).toThrow(/^bad size argument$/);
    expect(parsePaneAction('%3:pause')).toEqual({ pane: 3, action: 'pause' });
    expect(() => parsePaneAction('%3:sleep')).toThrow(/bad pane argument/);
    expect(() => parsePaneAction('3:on')).toThrow(/bad pane argument/);
  });

  it('parses refresh-client -B subscriptions as tmux reads them, and refuses one with no format', () => {
    expect(parseSubscription('a::#{session_name}')).toEqual({ name: 'a', remove: false, target: { kind: 'session' }, format: '#{session_name}' });
    expect(parseSubscription('b:%*:#{pane_index}:x')).toEqual({ name: 'b', remove: false, target: { kind: 'all-panes' }, format: '#{pane_index}:x' });
    expect(parseSubscription('c:@3:f').target).toEqual({ kind: 'window', id: 3 });
    expect(parseSubscription('d:%12:f').target).toEqual({ kind: 'pane', id: 12 });
    expect(parseSubscription('e:@*:f').target).toEqual({ kind: 'all-windows' });
    expect(parseSubscription('f:whatever:f').target).toEqual({ kind: 'session' }); // as tmux
    expect(parseSubscription('a')).toEqual({ name: 'a', remove: true });
    expect(() => parseSubscription('bad:x')).toThrow(/bad subscription: bad:x/);
  });

  it('splits input into lines at LF only, across chunks, and refuses an endless line', () => {
    const s = new LineSplitter(16);
    expect(s.push(Buffer.from('list-w'))).toEqual([]);
    expect(s.push(Buffer.from('indows\n\nkill-s'))).toEqual(['list-windows', '']);
    expect(s.push(Buffer.from('erver\r\n'))).toEqual(['kill-server\r']);
    expect(() => s.push(Buffer.from('x'.repeat(17)))).toThrow(/longer than 16 bytes/);
  });
});

function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ControlOutputQueue', () => {
  it('keeps lines and output in order, escaped, one line each', () => {
    const q = new ControlOutputQueue(fakeClock());
    q.line('%begin 1 1 1');
    q.output(2, Buffer.from('hi\n'));
    q.line('%end 1 1 1');
    expect(q.take(Infinity)!.toString()).toBe('%begin 1 1 1\n%output %2 hi\\012\n%end 1 1 1\n');
    expect(q.take(Infinity)).toBeNull();
    expect(q.empty).toBe(true);
  });

  it('takes about a budget at a time, never cutting a line, and cuts big reads into pieces', () => {
    const q = new ControlOutputQueue(fakeClock());
    q.output(0, Buffer.alloc(20_000, 'a'));
    const first = q.take(100)!.toString();
    expect(first).toBe(`%output %0 ${'a'.repeat(8192)}\n`);
    const rest = q.take(Infinity)!.toString().split('\n');
    expect(rest.map((l) => l.length - '%output %0 '.length)).toEqual([8192, 20_000 - 2 * 8192, -11]);
  });

  it('with pause-after, pauses a pane whose output waited too long and drops it; -A continue resumes', () => {
    const clock = fakeClock();
    const q = new ControlOutputQueue(clock);
    q.pauseAfterMs = 1000;
    q.output(1, Buffer.from('old'));
    q.line('%sessions-changed');
    clock.advance(1500);
    q.output(2, Buffer.from('new'));
    expect(q.take(Infinity)!.toString()).toBe('%sessions-changed\n%extended-output %2 0 : new\n%pause %1\n');
    expect(q.isPaused(1)).toBe(true);
    q.output(1, Buffer.from('dropped while paused'));
    q.paneAction(1, 'continue');
    q.output(1, Buffer.from('back'));
    expect(q.take(Infinity)!.toString()).toBe('%continue %1\n%extended-output %1 0 : back\n');
  });

  it('reports the age of output in %extended-output', () => {
    const clock = fakeClock();
    const q = new ControlOutputQueue(clock);
    q.pauseAfterMs = 10_000;
    q.output(4, Buffer.from('x'));
    clock.advance(250);
    expect(q.take(Infinity)!.toString()).toBe('%extended-output %4 250 : x\n');
  });

  it('without pause-after, output that waits the maximum age makes the client too far behind', () => {
    const clock = fakeClock();
    const q = new ControlOutputQueue({ now: clock.now, maxAgeMs: 5000 });
    q.output(0, Buffer.from('x'));
    clock.advance(4999);
    q.checkAges();
    expect(q.tooFarBehind).toBe(false);
    clock.advance(1);
    expect(q.take(Infinity)).toBeNull();
    expect(q.tooFarBehind).toBe(true);
  });

  it('bounds the bytes queued: past the bound a pane is paused (pause-after) or the client is too far behind', () => {
    const q = new ControlOutputQueue({ now: () => 0, maxBytes: 100 });
    q.output(0, Buffer.alloc(60));
    q.output(0, Buffer.alloc(60));
    expect(q.tooFarBehind).toBe(true);

    const p = new ControlOutputQueue({ now: () => 0, maxBytes: 100 });
    p.pauseAfterMs = 5000;
    p.output(0, Buffer.alloc(60, 'a'));
    p.output(1, Buffer.alloc(10, 'b'));
    p.output(0, Buffer.alloc(60, 'a'));
    expect(p.queuedOutput).toBe(10);
    expect(p.take(Infinity)!.toString()).toBe('%extended-output %1 0 : bbbbbbbbbb\n%pause %0\n');
  });

  it('no-output and -A off drop a pane\'s queued output and send none; on brings it back', () => {
    const q = new ControlOutputQueue(fakeClock());
    q.output(0, Buffer.from('a'));
    q.output(1, Buffer.from('b'));
    q.paneAction(0, 'off');
    q.output(0, Buffer.from('c'));
    expect(q.take(Infinity)!.toString()).toBe('%output %1 b\n');
    q.paneAction(0, 'on');
    q.output(0, Buffer.from('d'));
    q.setNoOutput(true);
    q.output(1, Buffer.from('e'));
    expect(q.take(Infinity)).toBeNull();
  });
});
