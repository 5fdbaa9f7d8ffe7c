/*
 * The checkpoint's links and groups: a window linked into several sessions is recorded
 * whole once and as a link elsewhere; a session of a group names it. Round trip, a
 * session of links only, links naming nothing rejected with the field, and a checkpoint
 * from before (no links, no groups) still read.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, validateBody, type CheckpointBody } from '../../src/persist/checkpoint.js';

const window = (index: number) => ({ index, layout: { type: 'pane' as const, pane: index }, active: index, zoomed: false, cols: 80, rows: 24, panes: [{ id: index, cwd: '/' }] });

function body(): CheckpointBody {
  return {
    sessions: [
      { name: 'a', current: 0, windows: [window(0), window(1)], group: 'a' },
      { name: 'a-1', current: 1, last: 0, windows: [], links: [{ index: 0, session: 'a', window: 0 }, { index: 1, session: 'a', window: 1 }], group: 'a' },
      { name: 'b', current: 5, windows: [window(2)], links: [{ index: 5, session: 'a', window: 1 }] },
    ],
  };
}

describe('checkpoint links and groups', () => {
  it('round-trips links, a session of links only, and groups', () => {
    const b = body();
    expect(decodeCheckpoint(encodeCheckpoint(b, '0.1.0', false)).body).toEqual(b);
  });

  it('rejects a link naming no recorded window, a taken index, a bad group name, naming the field', () => {
    const cases: Array<[(b: CheckpointBody) => void, RegExp]> = [
      [(b) => (b.sessions[2]!.links![0]!.window = 7), /sessions\[2\]\.links\[0\].*names no window a:7/],
      [(b) => (b.sessions[2]!.links![0]!.session = 'nosuch'), /sessions\[2\]\.links\[0\].*names no window nosuch:1/],
      [(b) => (b.sessions[2]!.links![0]!.index = 2), /duplicate window index/],
      [(b) => (b.sessions[1]!.current = 9), /sessions\[1\]\.current/],
      [(b) => (b.sessions[1]!.group = 'a:b'), /sessions\[1\]\.group/],
      [(b) => ((b.sessions[2] as { links: unknown }).links = 'x'), /sessions\[2\]\.links/],
      [(b) => (b.sessions[1]!.links = []), /sessions\[1\]\.windows.*non-empty/],
    ];
    for (const [spoil, msg] of cases) {
      const b = body();
      spoil(b);
      expect(() => validateBody(JSON.parse(JSON.stringify(b))), String(msg)).toThrow(CheckpointError);
      expect(() => validateBody(JSON.parse(JSON.stringify(b)))).toThrow(msg);
    }
  });

  it('reads a checkpoint from before links and groups', () => {
    const old = { sessions: [{ name: 'w', current: 0, windows: [window(0)] }] };
    expect(validateBody(old)).toEqual(old);
  });
});
