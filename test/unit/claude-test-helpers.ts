/*
 * Shared fixtures of the Claude-pane tests: private temp dirs (never the real HOME), a
 * fingerprint of a dir tree that never follows links (to prove a base config or a decoy
 * `.ssh` is unchanged), a fake base Claude config, and a runner for the fake claude with a
 * scrubbed environment.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClaudeSettings, type ClaudeSettings } from '../../src/config/claude-settings.js';

export const FAKE_CLAUDE_DIR = fileURLToPath(new URL('../fixtures/fake-claude/', import.meta.url));
export const FAKE_CLAUDE = path.join(FAKE_CLAUDE_DIR, 'claude');

const made: string[] = [];

/** A fresh private temp dir (its real path), removed by cleanupTempDirs(). */
export function tempDir(prefix = 'ccmux-claude-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** path → "type mode sha256|target" for everything under `dir`, links not followed. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string): void => {
    const st = fs.lstatSync(p);
    const rel = path.relative(dir, p) || '.';
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else {
      const hash = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
      out[rel] = `file ${mode} ${hash} ${st.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

export const CREDENTIALS = {
  claudeAiOauth: {
    accessToken: 'sk-ant-oat01-base',
    refreshToken: 'sk-ant-ort01-base',
    expiresAt: Date.now() + 3_600_000,
    scopes: ['user:inference'],
    subscriptionType: 'max',
  },
};

/** A realistic base config: `<home>/.claude/` with shared entries and `<home>/.claude.json`. */
export function writeBaseConfig(home: string, trusted: string[], extra: Record<string, unknown> = {}) {
  const baseDir = path.join(home, '.claude');
  fs.mkdirSync(path.join(baseDir, 'commands'), { recursive: true });
  fs.mkdirSync(path.join(baseDir, 'projects', '-some-project'), { recursive: true });
  fs.writeFileSync(path.join(baseDir, 'projects', '-some-project', 'old.jsonl'), '{"type":"user"}\n');
  fs.writeFileSync(path.join(baseDir, 'history.jsonl'), '{"display":"secret history"}\n');
  fs.writeFileSync(path.join(baseDir, 'settings.json'), JSON.stringify({ theme: 'dark' }));
  fs.writeFileSync(path.join(baseDir, 'CLAUDE.md'), '# my rules\n');
  fs.writeFileSync(path.join(baseDir, 'commands', 'hello.md'), 'say hello\n');
  fs.writeFileSync(path.join(baseDir, '.credentials.json'), JSON.stringify(CREDENTIALS), { mode: 0o600 });
  const projects: Record<string, unknown> = {
    '/elsewhere/untrusted': { hasTrustDialogAccepted: false, lastSessionId: 'nope' },
  };
  for (const p of trusted) projects[p] = { hasTrustDialogAccepted: true, lastCost: 12.5, lastSessionId: 'x' };
  const claudeJson = {
    numStartups: 40,
    hasCompletedOnboarding: true,
    lastOnboardingVersion: '2.1.100',
    theme: 'light',
    userID: 'base-user-id',
    oauthAccount: { emailAddress: 'me@example.com', accountUuid: 'acc-1' },
    mcpServers: { files: { command: 'mcp-files', args: ['--root', '/'] } },
    customApiKeyResponses: { approved: ['abcdefghij0123456789'], rejected: [] },
    projects,
    ...extra,
  };
  const jsonPath = path.join(home, '.claude.json');
  fs.writeFileSync(jsonPath, JSON.stringify(claudeJson, null, 2));
  return { baseDir, jsonPath, claudeJson };
}

export function settingsWith(change: (s: ClaudeSettings) => void = () => {}): ClaudeSettings {
  const s = defaultClaudeSettings();
  change(s);
  return s;
}

export interface FakeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the fake claude with `args` in `cwd`, stdin piped from `input` (closed at once, or
 * once `closeWhen` returns true, polled every 20 ms), and an environment built only from
 * PATH plus `env` (so the machine's HOME or CLAUDE_CONFIG_DIR never leak in).
 */
export function runFake(
  args: string[],
  opts: { cwd: string; env: Record<string, string>; input?: string; closeWhen?: () => boolean },
): Promise<FakeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(FAKE_CLAUDE, args, {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', FAKE_CLAUDE_IDLE_MS: '0', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.write(opts.input ?? '');
    if (!opts.closeWhen) {
      child.stdin.end();
      return;
    }
    const poll = setInterval(() => {
      if (opts.closeWhen!()) {
        clearInterval(poll);
        child.stdin.end();
      }
    }, 20);
    child.on('close', () => clearInterval(poll));
  });
}

/** The JSON lines of a file (FAKE_CLAUDE_LOG, a hook log, an index). */
export function jsonLines(file: string): Record<string, any>[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
