#!/usr/bin/env node
/*
 * A private, seeded world for running the real `claude` offline: a throw-away HOME, a fresh
 * CLAUDE_CONFIG_DIR whose `.claude.json` answers every first-run question in advance, a
 * CLAUDE_CODE_TMPDIR, and the environment that points claude at a local fake API.
 *
 *   node scripts/claude-real/seed.mjs <dir> --base-url <url> [--project <path>]… [--key <k>]
 *     → creates <dir>/{home,config,tmp,proj}, prints the environment as JSON
 *
 * Module: `seedWorld({ dir, baseUrl, projects, apiKey })` → { home, configDir, tmpDir, project, env }.
 *
 * Nothing here reads or writes the real HOME, ~/.claude or ~/.claude.json: claude gets
 * HOME=<dir>/home and CLAUDE_CONFIG_DIR=<dir>/config, so `$HOME/.claude.json` is never read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_API_KEY = 'sk-ant-api03-ccmux-fake-key-0123456789abcdefghijklmnopqrstuvwxyz-AA';

/** The `projects` entry claude writes for a trusted folder (keys as 2.1.197 writes them). */
function projectEntry() {
  return {
    allowedTools: [],
    mcpContextUris: [],
    mcpServers: {},
    enabledMcpjsonServers: [],
    disabledMcpjsonServers: [],
    hasTrustDialogAccepted: true,
    projectOnboardingSeenCount: 1,
    hasClaudeMdExternalIncludesApproved: false,
    hasClaudeMdExternalIncludesWarningShown: false,
  };
}

/** `.claude.json` for a config dir that asks nothing: onboarding done, `projects` trusted, key approved. */
export function seedConfigJson({ projects = [], apiKey = DEFAULT_API_KEY } = {}) {
  const cfg = {
    numStartups: 1,
    installMethod: 'npm-global',
    autoUpdates: false,
    hasCompletedOnboarding: true,
    lastOnboardingVersion: '2.1.197',
    theme: 'dark',
    firstStartTime: new Date().toISOString(),
    customApiKeyResponses: { approved: [apiKey.slice(-20)], rejected: [] },
    hasSeenTasksHint: true,
    tipsHistory: {},
    projects: {},
  };
  for (const p of projects) cfg.projects[p] = projectEntry();
  return cfg;
}

/** The environment for claude: isolated, offline, quiet. `base` is the rest (PATH, TERM, …). */
export function claudeEnv({ home, configDir, tmpDir, baseUrl, apiKey = DEFAULT_API_KEY, base = {} }) {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    USER: os.userInfo().username,
    SHELL: '/bin/bash',
    ...base,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_CODE_TMPDIR: tmpDir,
    TMPDIR: tmpDir,
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: apiKey,
    ...OFFLINE_ENV,
  };
}

/**
 * Offline and quiet: no update check, no telemetry / error reports, no surveys, no IDE
 * extension install, no marketplace auto-install, one retry (errors fail fast).
 */
export const OFFLINE_ENV = {
  DISABLE_AUTOUPDATER: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
  DISABLE_INSTALLATION_CHECKS: '1',
  CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY: '1',
  CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL: '1',
  CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
  CLAUDE_CODE_MAX_RETRIES: '1',
};

/**
 * Make <dir>/{home,config,tmp,proj}; seed config/.claude.json trusting `projects`
 * (default: the project dir itself). Returns paths and env.
 */
export function seedWorld({ dir, baseUrl, projects, apiKey = DEFAULT_API_KEY, project, base } = {}) {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-claude-real-'));
  fs.mkdirSync(dir, { recursive: true });
  dir = fs.realpathSync(dir);
  const home = path.join(dir, 'home');
  const configDir = path.join(dir, 'config');
  const tmpDir = path.join(dir, 'tmp');
  project ??= path.join(dir, 'proj');
  for (const d of [home, configDir, tmpDir, project]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const cfg = seedConfigJson({ projects: projects ?? [project], apiKey });
  fs.writeFileSync(path.join(configDir, '.claude.json'), JSON.stringify(cfg, null, 2) + '\n', { mode: 0o600 });
  return { dir, home, configDir, tmpDir, project, env: claudeEnv({ home, configDir, tmpDir, baseUrl, apiKey, base }) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (!dir || dir.startsWith('--')) {
    process.stderr.write('usage: seed.mjs <dir> --base-url <url> [--project <trusted path>]… [--key <api key>]\n');
    process.exit(2);
  }
  const projects = [];
  let baseUrl = 'http://127.0.0.1:1';
  let apiKey = DEFAULT_API_KEY;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--base-url') baseUrl = args[++i];
    else if (args[i] === '--project') projects.push(path.resolve(args[++i]));
    else if (args[i] === '--key') apiKey = args[++i];
  }
  const w = seedWorld({ dir, baseUrl, apiKey, projects: projects.length ? projects : undefined });
  process.stdout.write(JSON.stringify(w, null, 2) + '\n');
}
