/*
 * Which server entry the ccmux command starts (client/start-server.ts serverEntry): the
 * bundle `npm run build` makes while it is not older than tsc's dist/server/main.js,
 * else tsc's file — so a bare `tsc -p .` after a build never runs a stale bundle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverEntry } from '../../src/client/start-server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dist(files: Record<string, number>): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-entry-'));
  dirs.push(d);
  for (const [rel, mtimeS] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    fs.writeFileSync(path.join(d, rel), '');
    fs.utimesSync(path.join(d, rel), mtimeS, mtimeS);
  }
  return d;
}

describe('serverEntry', () => {
  it('is the bundle when it is as new as tsc’s file or newer', () => {
    const d = dist({ 'server/main.js': 1000, 'bundle/server.cjs': 1001 });
    expect(serverEntry(d)).toBe(path.join(d, 'bundle', 'server.cjs'));
    const same = dist({ 'server/main.js': 1000, 'bundle/server.cjs': 1000 });
    expect(serverEntry(same)).toBe(path.join(same, 'bundle', 'server.cjs'));
  });

  it('is the bundle’s code-cache loader when the build made one', () => {
    const d = dist({ 'server/main.js': 1000, 'bundle/server.cjs': 1001, 'bundle/server-boot.cjs': 1001 });
    expect(serverEntry(d)).toBe(path.join(d, 'bundle', 'server-boot.cjs'));
    const stale = dist({ 'server/main.js': 2000, 'bundle/server.cjs': 1000, 'bundle/server-boot.cjs': 1000 });
    expect(serverEntry(stale)).toBe(path.join(stale, 'server', 'main.js'));
  });

  it('is tsc’s file when the bundle is older (tsc ran after the build) or missing', () => {
    const stale = dist({ 'server/main.js': 2000, 'bundle/server.cjs': 1000 });
    expect(serverEntry(stale)).toBe(path.join(stale, 'server', 'main.js'));
    const none = dist({ 'server/main.js': 2000 });
    expect(serverEntry(none)).toBe(path.join(none, 'server', 'main.js'));
  });
});
