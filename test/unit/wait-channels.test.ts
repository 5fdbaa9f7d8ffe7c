/*
 * wait-for's channels (server/wait-channels.ts), as tmux 3.3a has them: a wait blocks
 * until a signal, a signal with nobody waiting is kept for one later wait, a lock is held
 * by one at a time with the others queued, unlocking an unlocked channel fails.
 */
import { describe, expect, it } from 'vitest';
import { WaitChannels } from '../../src/server/wait-channels.js';

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('WaitChannels', () => {
  it('a wait blocks until a signal, which wakes every waiter of that channel only', async () => {
    const ch = new WaitChannels();
    const a = ch.wait('x');
    const b = ch.wait('x');
    const other = ch.wait('y');
    expect(await settled(a)).toBe(false);
    ch.signal('x');
    expect(await settled(a)).toBe(true);
    expect(await settled(b)).toBe(true);
    expect(await settled(other)).toBe(false);
    ch.signal('y');
    await other;
    expect(ch.size).toBe(0);
  });

  it('keeps a signal nobody waited for, for one later wait', async () => {
    const ch = new WaitChannels();
    ch.signal('early');
    expect(await settled(ch.wait('early'))).toBe(true);
    expect(await settled(ch.wait('early'))).toBe(false);
  });

  it('hands a lock to one holder at a time, in order; unlocking an unlocked channel fails', async () => {
    const ch = new WaitChannels();
    expect(ch.unlock('lk')).toBe(false);
    expect(await settled(ch.lock('lk'))).toBe(true);
    const second = ch.lock('lk');
    const third = ch.lock('lk');
    expect(await settled(second)).toBe(false);
    expect(ch.unlock('lk')).toBe(true);
    expect(await settled(second)).toBe(true);
    expect(await settled(third)).toBe(false);
    expect(ch.unlock('lk')).toBe(true);
    expect(await settled(third)).toBe(true);
    expect(ch.unlock('lk')).toBe(true);
    expect(ch.unlock('lk')).toBe(false);
    expect(ch.size).toBe(0);
  });
});
