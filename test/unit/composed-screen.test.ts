/*
 * ComposedScreen copies over what did not change from one frame to the next; this holds
 * it to a full compose. Random steps on a model of fake ptys — output into any pane (text,
 * wide chars, colours, scrolling, clears, the alternate screen), splits, pane and window
 * selection, zoom, new and killed windows and panes, copy mode in and out, a message over
 * the status line, swaps, layout presets, window-style and window-active-style, status
 * lines — with the client told to redraw by the model's
 * events as fanout.ts tells real clients (and its status line by a message, as
 * Client.showMessage does); after each step a frame. Each frame's grid and
 * cursor must equal composeClient's into a fresh grid, and every row the frame did not mark
 * changed must be what it was after the frame before (the ScreenWriter skips those rows).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Grid } from '../../src/render/grid.js';
import { composeClient, type ComposeClient } from '../../src/server/client/compose.js';
import { ComposedScreen } from '../../src/server/client/composed-screen.js';
import { enterCopyMode, exitCopyMode } from '../../src/server/copy/mode.js';
import { FrameReuse } from '../../src/server/reuse.js';
import type { Session } from '../../src/server/window.js';
import { presetLayout, type Preset } from '../../src/core/layout/presets.js';
import type { Pane } from '../../src/server/pane.js';
import { world, type FakePty } from './fake-model.js';

const ESC = '\x1b';
const COLS = 50;
const ROWS = 16;

const output = fc.array(
  fc.oneof(
    fc.constantFrom('a', 'hello ', 'wide 中文 ', '😀', 'e\u0301', '\r\n', '\n', '\r', '\t'),
    fc.integer({ min: 1, max: 8 }).map((n) => 'some words '.repeat(n) + '\r\n'),
    fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 })).map(([r, c]) => `${ESC}[${r};${c}H`),
    fc.constantFrom('2J', 'K', '1;31m', '0m', '7m', '38;2;1;2;3m', '?1049h', '?1049l', '3L', '2M').map((p) => `${ESC}[${p}`),
  ),
  { minLength: 1, maxLength: 6 },
).map((parts) => parts.join(''));

type Step =
  | { kind: 'print'; pane: number; data: string }
  | { kind: 'split'; dir: 'h' | 'v' }
  | { kind: 'select-pane'; pane: number }
  | { kind: 'zoom' }
  | { kind: 'new-window' }
  | { kind: 'select-window'; n: number }
  | { kind: 'kill-pane'; pane: number }
  | { kind: 'copy-mode'; pane: number }
  | { kind: 'message'; text: string | null }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'layout'; preset: Preset }
  | { kind: 'style'; name: 'window-style' | 'window-active-style' | 'status'; value: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('print' as const), pane: fc.nat(7), data: output }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('split' as const), dir: fc.constantFrom('h' as const, 'v' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('select-pane' as const), pane: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'zoom' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'new-window' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('select-window' as const), n: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill-pane' as const), pane: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy-mode' as const), pane: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('message' as const), text: fc.option(fc.constantFrom('hi', 'a longer message here'), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), a: fc.nat(7), b: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('layout' as const), preset: fc.constantFrom<Preset>('even-horizontal', 'even-vertical', 'main-horizontal', 'main-vertical', 'tiled') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('style' as const), name: fc.constantFrom('window-style' as const, 'window-active-style' as const), value: fc.constantFrom('default', 'bg=blue', 'fg=red,bg=colour236', 'fg=#102030') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('style' as const), name: fc.constant('status' as const), value: fc.constantFrom('on', '2', '3') }) },
);

function firstDifference(a: Grid, b: Grid, rows?: (y: number) => boolean): string | null {
  for (let i = 0; i < a.cols * a.rows; i++) {
    const y = Math.floor(i / a.cols);
    if (rows && !rows(y)) continue;
    if (!a.equalsCell(b, i)) return `cell ${i % a.cols},${y}: row ${JSON.stringify(a.lineText(y))} vs ${JSON.stringify(b.lineText(y))}`;
  }
  return null;
}

function copyOf(g: Grid): Grid {
  const out = new Grid(g.cols, g.rows);
  out.blit(g, 0, 0, 0, 0, g.cols, g.rows);
  return out;
}

/** A client with what compose reads, redrawn as fanout.ts redraws real ones. */
function client(server: ComposeClient['server'], session: Session, screen: ComposedScreen): ComposeClient & { message: { text: string } | null } {
  return {
    server,
    session,
    previousSession: undefined,
    get activePane() {
      return session.current.activePane;
    },
    cols: COLS,
    mode: null,
    message: null,
    statusText: {},
    statusLayouts: [],
    paneAreaRows: () => ROWS - 1,
    paneOutput: () => undefined,
    sessionDestroyed: () => undefined,
    switchTo: () => undefined,
    detach: () => undefined,
    redraw: () => screen.invalidate(),
    redrawStatus: () => screen.invalidateStatus(),
    showMessage: () => undefined,
    sendRaw: () => undefined,
    openMode: () => undefined,
    closeMode: () => undefined,
    runBinding: async () => undefined,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ComposedScreen', () => {
  it('always shows what a full compose would, and marks every row it changed', () => {
    // The status line's clock stands still (the server's minute tick redraws it; not run here).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 3, 12, 34, 0));
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const { server, ptys, req } = world();
        // Each pane's pty: the one spawned for it (the last, when the pane is made).
        const ptyOf = new Map<Pane, FakePty>();
        server.model.events.on('pane-created', (p) => ptyOf.set(p, ptys[ptys.length - 1]!));
        const s = server.model.newSession('work', req, COLS, ROWS - 1, 'main');
        const screen = new ComposedScreen(COLS, ROWS);
        const c = client(server, s, screen);
        server.clients.add(c);
        const panes = () => [...s.current.panes.values()];
        const pick = (n: number) => panes()[n % panes().length]!;
        let before: Grid | null = null;
        for (const st of steps) {
          const w = s.current;
          switch (st.kind) {
            case 'print':
              ptyOf.get(pick(st.pane))!.print(st.data);
              break;
            case 'split':
              if (w.panes.size < 6) {
                try {
                  server.model.splitWindow(w.activePane, st.dir, req, { select: true });
                } catch {
                  // too small to split: as the command would refuse it
                }
              }
              break;
            case 'select-pane':
              server.model.selectPane(w, pick(st.pane).id);
              break;
            case 'zoom':
              server.model.setZoom(w, !w.zoomed && w.panes.size > 1);
              break;
            case 'new-window':
              if (s.windows.size < 3) server.model.newWindow(s, req, { select: true });
              break;
            case 'select-window': {
              const ws = s.sorted();
              server.model.selectWindow(s, ws[st.n % ws.length]!);
              break;
            }
            case 'kill-pane':
              if (w.panes.size > 1) server.model.closePane(pick(st.pane));
              break;
            case 'copy-mode': {
              const p = pick(st.pane);
              if (p.copyMode) exitCopyMode(p);
              else enterCopyMode(p);
              server.model.paneDisplayChanged(p);
              break;
            }
            case 'message':
              c.message = st.text === null ? null : { text: st.text };
              c.redrawStatus(); // as Client.showMessage and clearMessage do
              break;
            case 'swap':
              if (w.panes.size > 1) server.model.swapPanes(pick(st.a), pick(st.b), { select: false, keepZoom: false });
              break;
            case 'layout':
              server.model.setLayout(w, presetLayout(w.orderedPanes().map((p) => p.id), st.preset, { cols: w.cols, rows: w.rows }), st.preset);
              break;
            case 'style':
              // As set-option does: the value, then the model's event.
              server.options.set(st.name, st.value);
              server.model.optionsChanged();
              break;
          }
          const frame = new FrameReuse(performance.now(), false);
          const cursor = screen.compose(c, frame);
          const full = new Grid(COLS, ROWS);
          const want = composeClient(c, full, frame);
          expect(firstDifference(screen.grid, full), st.kind).toBeNull();
          expect(cursor).toEqual(want);
          if (before) expect(firstDifference(screen.grid, before, (y) => screen.changed[y] === 0), `unmarked row after ${st.kind}`).toBeNull();
          before = copyOf(screen.grid);
        }
      }),
      { numRuns: 150 },
    );
  });
});
