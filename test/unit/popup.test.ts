/*
 * display-popup's popup without a pty (a FakePty that prints and exits on cue): when it
 * closes on its command's exit (-E, -EE), which keys reach the command and which close
 * it, that closing hangs the command up, and how it is drawn. Side by side with tmux:
 * test/e2e/tmux-compat-ui.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Popup, type PopupOptions } from '../../src/server/client/popup.js';
import { popupSize } from '../../src/commands/display-popup.js';
import { Grid } from '../../src/render/grid.js';
import { FakePty } from './fake-model.js';

function open(closeOnExit: PopupOptions['closeOnExit'], lines: PopupOptions['lines'] = 'single') {
  let pty!: FakePty;
  const client = {
    mode: null as unknown,
    closed: 0,
    closeMode() {
      this.mode = null;
      this.closed++;
    },
    redraw() {},
  };
  const popup = new Popup(client as never, {
    rect: { x: 2, y: 1, cols: 12, rows: 5 },
    lines,
    title: 'T',
    style: {},
    borderStyle: {},
    closeOnExit,
    launch: { file: '/bin/sh', args: [], cwd: '/', env: {}, term: 'xterm' },
    historyLimit: 0,
  }, (file, args) => (pty = new FakePty(file, args)));
  client.mode = popup;
  return { popup, client, pty };
}
const key = (k: string, raw = k) => ({ type: 'key' as const, key: k, raw });

describe('Popup', () => {
  it('-E closes when the command exits, whatever its status', () => {
    const { popup, client, pty } = open('any');
    pty.end(3);
    expect([popup.isClosed, client.closed]).toEqual([true, 1]);
  });

  it('-EE closes on status 0 only; otherwise the last screen stays until C-c, other keys ignored', () => {
    const zero = open('zero');
    zero.pty.end(0);
    expect(zero.popup.isClosed).toBe(true);
    const three = open('zero');
    three.pty.end(3);
    expect(three.popup.isClosed).toBe(false);
    three.popup.handle(key('q'), three.client as never);
    expect(three.popup.isClosed).toBe(false);
    three.popup.handle(key('C-c', '\x03'), three.client as never);
    expect(three.popup.isClosed).toBe(true);
  });

  it('sends keys to a running command; Escape closes it unless it closes on exit', () => {
    const plain = open('no');
    plain.popup.handle(key('a'), plain.client as never);
    plain.popup.handle(key('Escape', '\x1b'), plain.client as never);
    expect(plain.pty.written.join('')).toBe('a');
    expect(plain.popup.isClosed).toBe(true);
    const e = open('any');
    e.popup.handle(key('Escape', '\x1b'), e.client as never);
    expect(e.pty.written.join('')).toBe('\x1b');
    expect(e.popup.isClosed).toBe(false);
  });

  it('hangs the command up when closed or disposed (the client went away)', () => {
    const { popup, pty } = open('no');
    let killed = 0;
    pty.kill = () => void killed++;
    popup.dispose();
    expect(killed).toBe(1);
    expect(popup.isClosed).toBe(true);
  });

  it('draws the border with the title at x+2 and the command\'s screen inside', () => {
    const { popup, pty } = open('no');
    pty.print('hi');
    const g = new Grid(16, 7);
    popup.paint(g, { area: { x: 0, y: 0, cols: 16, rows: 6 }, statusY: 6, style: () => ({ fg: 0, bg: 3 }) });
    expect(g.lineText(1)).toBe('  ┌─T────────┐  ');
    expect(g.lineText(2)).toBe('  │hi        │  ');
    const bare = open('no', 'none');
    bare.pty.print('hi');
    const h = new Grid(16, 7);
    bare.popup.paint(h, { area: { x: 0, y: 0, cols: 16, rows: 6 }, statusY: 6, style: () => ({ fg: 0, bg: 3 }) });
    expect(h.lineText(1)).toBe('  hi              '.slice(0, 16));
  });
});

describe('popupSize', () => {
  it('takes cells or a percentage of the terminal, 1 to all of it', () => {
    expect(popupSize('30', 80, 'width')).toBe(30);
    expect(popupSize('50%', 81, 'width')).toBe(40);
    expect(() => popupSize('0', 80, 'width')).toThrow('width too small');
    expect(() => popupSize('81', 80, 'width')).toThrow('width too large');
    expect(() => popupSize('x', 80, 'height')).toThrow('height invalid');
  });
});
