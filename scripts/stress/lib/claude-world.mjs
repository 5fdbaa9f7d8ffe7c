/*
 * A base Claude config in a sandbox HOME, as a user who has run claude before has it:
 * onboarding done, the given project dirs trusted, an OAuth login (with a recognisable
 * token), settings.json. Shared by the reliability tests and the stress scenarios.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FAKE_TOKEN = 'sk-ant-oat01-STRESS-TOKEN-zz9plural';
export const FAKE_REFRESH = 'sk-ant-ort01-STRESS-REFRESH-zz9plural';

/**
 * Write the base config into `sb.home` and make `n` trusted project dirs (each a git
 * repo) under the sandbox dir. Returns { projects, log } (log: the FAKE_CLAUDE_LOG file,
 * also set in sb.env).
 */
export function claudeWorld(sb, { projects = 1, approvedKey } = {}) {
  const root = fs.realpathSync(sb.dir);
  const dirs = [];
  for (let i = 0; i < projects; i++) {
    const d = path.join(root, `proj-${i}`);
    fs.mkdirSync(path.join(d, '.git'), { recursive: true });
    dirs.push(d);
  }
  const base = path.join(sb.home, '.claude');
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    path.join(sb.home, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      lastOnboardingVersion: '2.1.197',
      theme: 'dark',
      ...(approvedKey ? { customApiKeyResponses: { approved: [approvedKey.slice(-20)], rejected: [] } } : {}),
      projects: Object.fromEntries(dirs.map((d) => [d, { hasTrustDialogAccepted: true, lastSessionId: 'base-session' }])),
    }),
  );
  fs.writeFileSync(
    path.join(base, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: FAKE_TOKEN, refreshToken: FAKE_REFRESH, expiresAt: Date.now() + 3_600_000 } }),
    { mode: 0o600 },
  );
  fs.writeFileSync(path.join(base, 'settings.json'), JSON.stringify({ permissions: { allow: [] } }));
  const log = path.join(root, 'fake-claude.log');
  sb.env.FAKE_CLAUDE_LOG = log;
  sb.env.FAKE_CLAUDE_IDLE_MS = '0';
  return { projects: dirs, log };
}

/** Every event the fake claude logged (one JSON object a line). */
export function fakeLog(log) {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
}
