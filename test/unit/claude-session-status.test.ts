/*
 * Following claude's live-session file: its status is reported when it changes — the
 * file made after the watch began (the sessions/ dir too), rewritten in place — and a
 * link, an oversized or a malformed file is not read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSessionStatus, watchSessionStatus } from '../../src/claude/session-status.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';
import { waitFor } from '../e2e/harness.js';

afterEach(cleanupTempDirs);

const write = (file: string, v: object) => fs.writeFileSync(file, JSON.stringify(v));

describe('session status', () => {
  it('reports each change of the file, made after the watch began', async () => {
    const cfg = tempDir();
    const seen: string[] = [];
    const w = watchSessionStatus(cfg, 4242, (s) => seen.push(`${s.status}${s.waitingFor ? `:${s.waitingFor}` : ''}`));
    try {
      fs.mkdirSync(path.join(cfg, 'sessions'));
      const file = path.join(cfg, 'sessions', '4242.json');
      write(file, { pid: 4242, status: 'idle' });
      await waitFor(() => seen.length === 1, 5000, 'idle');
      write(path.join(cfg, 'sessions', '999.json'), { pid: 999, status: 'busy' }); // another claude: not ours
      write(file, { pid: 4242, status: 'busy' });
      await waitFor(() => seen.length === 2, 5000, 'busy');
      write(file, { pid: 4242, status: 'waiting', waitingFor: 'permission prompt' });
      await waitFor(() => seen.length === 3, 5000, 'waiting');
      write(file, { pid: 4242, status: 'waiting', waitingFor: 'permission prompt', updatedAt: 1 }); // no change of status
      write(file, { pid: 4242, status: 'idle' });
      await waitFor(() => seen.length === 4, 5000, 'idle again');
      expect(seen).toEqual(['idle', 'busy', 'waiting:permission prompt', 'idle']);
    } finally {
      w.close();
    }
  });

  it('does not read a link, an oversized file or one that is not a session file', () => {
    const d = tempDir();
    const real = path.join(d, 'real.json');
    write(real, { status: 'busy' });
    fs.symlinkSync(real, path.join(d, 'link.json'));
    expect(readSessionStatus(real)).toEqual({ status: 'busy' });
    expect(readSessionStatus(path.join(d, 'link.json'))).toBeUndefined();
    fs.writeFileSync(path.join(d, 'big.json'), JSON.stringify({ status: 'busy', pad: 'x'.repeat(100_000) }));
    expect(readSessionStatus(path.join(d, 'big.json'))).toBeUndefined();
    fs.writeFileSync(path.join(d, 'bad.json'), '{"status": 7}');
    expect(readSessionStatus(path.join(d, 'bad.json'))).toBeUndefined();
    expect(readSessionStatus(path.join(d, 'absent.json'))).toBeUndefined();
  });
});
