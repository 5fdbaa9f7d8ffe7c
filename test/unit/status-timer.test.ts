/*
 * The status timer (status-timer.ts): every status-interval seconds from the clock's
 * multiples of it, only when a status line changes with time or a Claude pane waits.
 */
import { describe, expect, it } from 'vitest';
import { statusTickDelay } from '../../src/server/status-timer.js';

const AT = Date.UTC(2026, 11, 4, 0, 30, 7, 250);

describe('statusTickDelay', () => {
  it('ticks at the next multiple of the shortest status-interval of the shown sessions', () => {
    expect(statusTickDelay(AT, { intervals: [15], changes: true, claudeWaiting: false })).toBe(7_750 + 5);
    expect(statusTickDelay(AT, { intervals: [60, 1], changes: true, claudeWaiting: false })).toBe(750 + 5);
    expect(statusTickDelay(AT, { intervals: [60], changes: true, claudeWaiting: false })).toBe(52_750 + 5);
  });

  it('never ticks for status-interval 0, or for a status line that does not change with time', () => {
    expect(statusTickDelay(AT, { intervals: [0], changes: true, claudeWaiting: false })).toBeNull();
    expect(statusTickDelay(AT, { intervals: [], changes: true, claudeWaiting: false })).toBeNull();
    expect(statusTickDelay(AT, { intervals: [5], changes: false, claudeWaiting: false })).toBeNull();
    expect(statusTickDelay(AT, { intervals: [0, 30], changes: true, claudeWaiting: false })).toBe(22_750 + 5);
  });

  it('ticks each minute at most while a Claude pane waits, whatever status-interval says', () => {
    expect(statusTickDelay(AT, { intervals: [0], changes: true, claudeWaiting: true })).toBe(52_750 + 5);
    expect(statusTickDelay(AT, { intervals: [300], changes: true, claudeWaiting: true })).toBe(52_750 + 5);
    expect(statusTickDelay(AT, { intervals: [15], changes: true, claudeWaiting: true })).toBe(7_750 + 5);
  });
});
