/*
 * A session's path (#{session_path}) in the checkpoint: kept through a round trip, a bad
 * one rejected naming the field, and a checkpoint from before it still read (no path).
 */
import { describe, expect, it } from 'vitest';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, validateBody, type CheckpointBody } from '../../src/persist/checkpoint.js';

const window = { index: 0, layout: { type: 'pane' as const, pane: 0 }, active: 0, zoomed: false, cols: 80, rows: 24, panes: [{ id: 0, cwd: '/' }] };

describe('checkpoint session path', () => {
  it('round-trips a session path', () => {
    const b: CheckpointBody = { sessions: [{ name: 'a', current: 0, windows: [window], path: '/work/a dir' }] };
    expect(decodeCheckpoint(encodeCheckpoint(b, '0.1.0', false)).body).toEqual(b);
  });

  it('rejects a path that is not a string, or too long, naming the field', () => {
    for (const path of [7, 'x'.repeat(5000), 'a\0b']) {
      const b = { sessions: [{ name: 'a', current: 0, windows: [window], path }] };
      expect(() => validateBody(b)).toThrow(CheckpointError);
      expect(() => validateBody(b)).toThrow(/sessions\[0\]\.path/);
    }
  });

  it('reads a session with no path', () => {
    const old = { sessions: [{ name: 'w', current: 0, windows: [window] }] };
    expect(validateBody(old)).toEqual(old);
  });
});
