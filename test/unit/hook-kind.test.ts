/*
 * Which hooks a Claude pane gets (hook-kind.ts) from `[claude] hooks` and the version its
 * claude says (claude-version.ts): http from 2.1.63 on, command hooks for an older or
 * silent claude or when asked for, none with false — each with the reason doctor shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseHookKind, HTTP_HOOKS_SINCE, SESSION_FILE_SINCE } from '../../src/claude/hook-kind.js';
import { claudeVersion, compareVersions, parseClaudeVersion } from '../../src/claude/claude-version.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

describe('claude versions', () => {
  it('reads the version claude --version prints', () => {
    expect(parseClaudeVersion('2.1.197 (Claude Code)\n')).toBe('2.1.197');
    expect(parseClaudeVersion('1.0.3\n')).toBe('1.0.3');
    expect(parseClaudeVersion('Claude Code\n')).toBeUndefined();
    expect(parseClaudeVersion('')).toBeUndefined();
  });

  it('compares versions by number, not as text', () => {
    expect(compareVersions('2.1.63', '2.1.63')).toBe(0);
    expect(compareVersions('2.1.197', '2.1.63')).toBe(1);
    expect(compareVersions('2.1.9', '2.1.63')).toBe(-1);
    expect(compareVersions('2.0.99', '2.1.0')).toBe(-1);
    expect(compareVersions('3.0.0', '2.9.9')).toBe(1);
  });

  it('asks the executable once, and again when it changes; an executable that cannot tell gives undefined', async () => {
    const dir = tempDir();
    const exe = path.join(dir, 'claude');
    const count = path.join(dir, 'count');
    const script = (v: string) => `#!/bin/sh\necho x >> '${count}'\n[ "$1" = --version ] && echo '${v} (Claude Code)'\n`;
    fs.writeFileSync(exe, script('2.1.50'), { mode: 0o755 });
    const env = { PATH: '/usr/bin:/bin' };
    expect(await claudeVersion(exe, env)).toBe('2.1.50');
    expect(await claudeVersion(exe, env)).toBe('2.1.50');
    expect(fs.readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(1);
    fs.writeFileSync(exe, script('2.1.197') + '# upgraded\n');
    expect(await claudeVersion(exe, env)).toBe('2.1.197');
    const silent = path.join(dir, 'silent');
    fs.writeFileSync(silent, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    expect(await claudeVersion(silent, env)).toBeUndefined();
    expect(await claudeVersion(path.join(dir, 'absent'), env)).toBeUndefined();
  });
});

describe('chooseHookKind', () => {
  const LEAN = '; its session file says busy, idle and waiting (since 2.1.119), so no hook runs on a tool call';
  it.each([
    [true, '2.1.197', 'http', `claude 2.1.197 has http hooks (since 2.1.63)${LEAN}`, true],
    [true, SESSION_FILE_SINCE, 'http', `claude 2.1.119 has http hooks (since 2.1.63)${LEAN}`, true],
    [true, '2.1.118', 'http', 'claude 2.1.118 has http hooks (since 2.1.63)', undefined],
    ['http', HTTP_HOOKS_SINCE, 'http', 'claude 2.1.63 has http hooks (since 2.1.63)', undefined],
    [true, '2.1.62', 'command', 'claude 2.1.62 is older than 2.1.63, the first with http hooks: command hooks instead', undefined],
    ['http', undefined, 'command', 'claude did not say its version (claude --version), and http hooks need 2.1.63 or newer: command hooks instead', undefined],
    ['command', '2.1.197', 'command', `[claude] hooks = "command"${LEAN}`, true],
    ['command', '2.1.100', 'command', '[claude] hooks = "command"', undefined],
    [false, '2.1.197', 'off', '[claude] hooks = false', undefined],
  ] as const)('hooks = %j, claude %s → %s', (setting, version, kind, why, lean) => {
    expect(chooseHookKind(setting, version)).toEqual({ kind, why, ...(lean ? { lean } : {}) });
  });
});
