/*
 * synchronizedPanes (src/server/synchronize-panes.ts): which panes get a copy of what is
 * typed into one, over plain windows and panes (no pty): the window's value and a pane's
 * own, dead panes, panes in a mode, a zoomed window.
 */
import { describe, expect, it } from 'vitest';
import { OptionStore } from '../../src/config/option-values.js';
import { LocalOptions } from '../../src/config/local-options.js';
import { synchronizedPanes } from '../../src/server/synchronize-panes.js';
import type { Pane } from '../../src/server/pane.js';
import type { Window } from '../../src/server/window.js';

function windowOf(n: number): { w: Window; panes: Pane[] } {
  const panes = Array.from({ length: n }, (_, id) => ({ id, alive: true, copyMode: null, clockMode: null, options: new LocalOptions() }) as unknown as Pane);
  const w = { panes: new Map(panes.map((p) => [p.id, p])), active: 0, zoomed: false, options: new LocalOptions() } as unknown as Window;
  return { w, panes };
}

describe('synchronizedPanes', () => {
  it('is empty while the option is off, at every level', () => {
    const { w, panes } = windowOf(3);
    expect(synchronizedPanes(new OptionStore(), w, panes[0])).toEqual([]);
  });

  it('names the other panes with it on that are alive and in no mode', () => {
    const options = new OptionStore();
    const { w, panes } = windowOf(5);
    w.options.set('synchronize-panes', true);
    (panes[2] as { alive: boolean }).alive = false;
    (panes[3] as { copyMode: unknown }).copyMode = {};
    panes[4].options.set('synchronize-panes', false);
    expect(synchronizedPanes(options, w, panes[0]).map((p) => p.id)).toEqual([1]);
    // A pane that has it off itself sends to nobody; the global value counts too.
    expect(synchronizedPanes(options, w, panes[4])).toEqual([]);
    w.options.delete('synchronize-panes');
    options.set('synchronize-panes', 'on');
    expect(synchronizedPanes(options, w, panes[1]).map((p) => p.id)).toEqual([0]);
  });

  it('in a zoomed window, reaches only the visible (active) pane', () => {
    const options = new OptionStore();
    const { w, panes } = windowOf(3);
    w.options.set('synchronize-panes', true);
    w.zoomed = true;
    expect(synchronizedPanes(options, w, panes[0])).toEqual([]);
    expect(synchronizedPanes(options, w, panes[2]).map((p) => p.id)).toEqual([0]);
  });
});
