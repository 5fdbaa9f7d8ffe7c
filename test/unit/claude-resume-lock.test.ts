/*
 * The resume lock's search: a claude that runs a session is found through the
 * `sessions/<pid>.json` file it keeps in its config dir — in a pane dir under the state
 * dir or in a base config dir — and a stale file (the pid gone, or a pid that is not a
 * claude) does not count.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configDirsToCheck, runningSession } from '../../src/claude/resume-lock.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

const SID = '6c5b4a39-2817-4f6e-9d5c-4b3a29180706';
const children: Array<ReturnType<typeof spawn>> = [];

afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(undefined) : c.once('exit', r)));
  }
  cleanupTempDirs();
});

function sessionFile(configDir: string, pid: number, sessionId = SID): void {
  fs.mkdirSync(path.join(configDir, 'sessions'), { recursive: true });
  fs.writeFileSync(path.join(configDir, 'sessions', `${pid}.json`), JSON.stringify({ pid, sessionId, cwd: '/', startedAt: Date.now(), status: 'idle', kind: 'interactive' }));
}

/** A process whose command line names claude, as a real one's does. */
async function fakeClaudeProcess(): Promise<number> {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'claude'], { stdio: 'ignore' });
  children.push(c);
  await new Promise((r) => c.once('spawn', r));
  return c.pid!;
}

describe('resume lock', () => {
  it('finds a live claude of the session in a pane dir or a base dir, and nothing else', async () => {
    const state = tempDir();
    const base = tempDir();
    const paneConfig = path.join(state, 'claude-configs', `pane-${SID}`);
    const paneHome = path.join(state, 'claude-homes', 'pane-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9');
    fs.mkdirSync(paneConfig, { recursive: true });
    fs.mkdirSync(path.join(paneHome, '.claude'), { recursive: true });
    const dirs = configDirsToCheck(state, [base]);
    expect(dirs.sort()).toEqual([base, paneConfig, path.join(paneHome, '.claude')].sort());

    expect(await runningSession(SID, dirs)).toBeUndefined();
    const pid = await fakeClaudeProcess();
    sessionFile(path.join(paneHome, '.claude'), pid);
    expect(await runningSession(SID, dirs)).toEqual({ pid, configDir: path.join(paneHome, '.claude') });
    expect(await runningSession('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', dirs)).toBeUndefined();

    // Stale: this test's own pid is alive but is not a claude; a dead pid is nobody.
    const other = tempDir();
    sessionFile(other, process.pid);
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    sessionFile(other, dead.pid!);
    expect(await runningSession(SID, [other])).toBeUndefined();
    sessionFile(base, pid);
    expect((await runningSession(SID, [other, base]))?.configDir).toBe(base);
  });
});
