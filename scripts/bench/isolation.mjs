/*
 * Isolation: what giving a Claude pane its own state costs — the time to prepare an
 * isolated dir (prepareClaudePane from dist/: read the base config, find the project
 * root, plan, create the dir with its links and seeded `.claude.json`) and the size of
 * that dir on disk, for the methods config_dir and home.
 *
 * Every run happens in a temp sandbox: a HOME holding a realistic base config (a
 * `.claude.json` of ~100 KB with 200 projects, MCP servers, a login, settings, CLAUDE.md,
 * commands/, and the dotfiles `home` links), a git project, and a state dir. Each
 * repetition prepares RUNS dirs (each removed again outside the clock) and reports the
 * median and the p90 of their times; the table shows the median of the repetitions. The
 * server parses an unchanged base `.claude.json` once (readBase), so after the warm-up
 * this is the steady state of a server whose user runs claude only in its panes.
 * Size: bytes of the dir tree by lstat, a symlink counted as its own size.
 *
 * tmux has nothing like it: the ratio column is n/a; the targets are absolute.
 * Runs inside `npm run bench` (exports name and run), or alone:
 * `node scripts/bench/isolation.mjs [--quick] [--reps N]`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineBusySeconds, waitQuiet } from './lib/harness.mjs';
import { runIfMain } from './lib/standalone.mjs';

export const name = 'isolation';
export const description = 'preparing an isolated Claude pane dir (prepareClaudePane) and its size on disk';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 200;
const QUICK_RUNS = 30;
/** Runs before the clock starts: module loading and the first fs calls are not the steady state. */
const WARMUP = 10;
const TIME_TARGET = { max: 5, text: '≤ 5 ms' };
/**
 * Milliseconds of file-system work are easily swamped by other jobs: a repetition during
 * which other processes kept more than this many cores busy is measured again, at most
 * RETRIES times (and the log says so); the least disturbed attempt counts.
 */
const DISTURBED_CORES = 0.35;
const RETRIES = 2;
const SIZE_TARGET = { max: 64, text: '≤ 64 KB' };

async function loadDist() {
  const pane = path.join(ROOT, 'dist', 'claude', 'pane.js');
  if (!fs.existsSync(pane)) throw new Error('ccmux is not built: run `npm run build` first');
  const [{ prepareClaudePane }, { defaultClaudeSettings }, { diskUsage }] = await Promise.all([
    import(pathToFileURL(pane).href),
    import(pathToFileURL(path.join(ROOT, 'dist', 'config', 'claude-settings.js')).href),
    import(pathToFileURL(path.join(ROOT, 'dist', 'claude', 'doctor-facts.js')).href),
  ]);
  return { prepareClaudePane, defaultClaudeSettings, diskUsage };
}

/** A HOME with a base Claude config about the size a long-time user has, and a git project. */
function makeWorld() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-bench-isolation-')));
  const home = path.join(dir, 'home');
  const proj = path.join(dir, 'src', 'proj');
  const base = path.join(home, '.claude');
  fs.mkdirSync(path.join(proj, '.git'), { recursive: true });
  fs.mkdirSync(path.join(base, 'commands'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'PRIVATE\n', { mode: 0o600 });
  fs.writeFileSync(path.join(home, '.bashrc'), 'export PS1="$ "\n');
  fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = bench\n');
  const projects = {};
  for (let i = 0; i < 200; i++) {
    projects[path.join(dir, 'src', `other-${i}`)] = {
      allowedTools: [], mcpServers: {}, hasTrustDialogAccepted: i % 2 === 0, lastSessionId: crypto.randomUUID(),
      lastCost: i * 0.01, lastDuration: i * 1000, history: [], exampleFiles: ['a.ts', 'b.ts', 'c.ts'],
      lastModelUsage: { 'claude-opus': { inputTokens: i * 100, outputTokens: i * 50, cacheReadInputTokens: i * 1000 } },
    };
  }
  projects[proj] = { hasTrustDialogAccepted: true, lastSessionId: crypto.randomUUID() };
  fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({
    numStartups: 412, hasCompletedOnboarding: true, lastOnboardingVersion: '2.1.197', theme: 'dark',
    userID: crypto.randomBytes(32).toString('hex'),
    oauthAccount: { emailAddress: 'bench@example.com', accountUuid: crypto.randomUUID() },
    mcpServers: { files: { command: 'mcp-files', args: ['--root', '/'] }, web: { command: 'mcp-web', args: [] } },
    customApiKeyResponses: { approved: ['abcdefghij0123456789'], rejected: [] },
    projects,
  }, null, 2));
  // Written an hour ago, as a base config is while the user's sessions run in ccmux panes
  // (readBase does not reuse a parse of a file written in the last moments).
  const hourAgo = new Date(Date.now() - 3_600_000);
  fs.utimesSync(path.join(home, '.claude.json'), hourAgo, hourAgo);
  fs.writeFileSync(path.join(base, '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'x', refreshToken: 'y', expiresAt: Date.now() + 3_600_000 } }), { mode: 0o600 });
  fs.writeFileSync(path.join(base, 'settings.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: {} }));
  fs.writeFileSync(path.join(base, 'CLAUDE.md'), '# rules\n');
  fs.writeFileSync(path.join(base, 'commands', 'review.md'), 'review this\n');
  return { dir, home, proj, state: path.join(dir, 'state') };
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

/**
 * One repetition for `method`: `runs` prepares; returns { median, p90 } in ms, the dir
 * size in KB, and how many cores other processes kept busy meanwhile.
 */
async function measure(lib, world, method, runs) {
  const settings = lib.defaultClaudeSettings();
  settings.isolation.method = method;
  const prepare = () => lib.prepareClaudePane({
    paneUuid: crypto.randomUUID(),
    stateDir: world.state,
    realHome: world.home,
    cwd: world.proj,
    settings,
    serverEnv: { HOME: world.home, PATH: '/usr/bin:/bin' },
    session: { kind: 'new', id: crypto.randomUUID() },
    existing: { sessionIds: new Set(), dirs: new Set() },
  });
  const times = [];
  let kb = NaN;
  const busy0 = machineBusySeconds();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < WARMUP + runs; i++) {
    const t0 = performance.now();
    const { plan } = await prepare();
    const ms = performance.now() - t0;
    if (i >= WARMUP) times.push(ms);
    if (i === WARMUP) kb = (await lib.diskUsage(plan.dir)).bytes / 1024;
    fs.rmSync(plan.dir, { recursive: true }); // rm never follows the dir's symlinks
  }
  const cpu = process.cpuUsage(cpu0);
  const others = (machineBusySeconds() - busy0 - (cpu.user + cpu.system) / 1e6) / ((performance.now() - wall0) / 1000);
  return { median: quantile(times, 0.5), p90: quantile(times, 0.9), kb, others };
}

export async function run(opts) {
  const lib = await loadDist();
  const runs = opts.quick ? QUICK_RUNS : RUNS;
  const reps = opts.reps ?? 3;
  const rows = [];
  const world = makeWorld();
  try {
    for (const method of ['config_dir', 'home']) {
      const median = [];
      const p90 = [];
      const kb = [];
      for (let rep = 0; rep < reps; rep++) {
        let r;
        for (let attempt = 1; ; attempt++) {
          await waitQuiet();
          const m = await measure(lib, world, method, runs);
          if (!r || m.others < r.others) r = m; // keep the least disturbed attempt
          if (!(m.others > DISTURBED_CORES) || attempt > RETRIES) break;
          opts.log?.(`(${method}: median ${m.median.toFixed(2)} ms while other work used ${m.others.toFixed(2)} cores: measuring again)`);
        }
        median.push(r.median);
        p90.push(r.p90);
        kb.push(r.kb);
        opts.log?.(`rep ${rep + 1}/${reps} ${method.padEnd(10)} median ${r.median.toFixed(2)} ms, p90 ${r.p90.toFixed(2)} ms over ${runs} prepares; dir ${r.kb.toFixed(1)} KB; others ${r.others.toFixed(2)} cores`);
      }
      const none = { tmux: [], noRatio: true };
      rows.push(
        { metric: `prepare a ${method} pane dir, median of ${runs}`, unit: 'ms', higherIsBetter: false, ccmux: median, ...none, target: TIME_TARGET },
        { metric: `prepare a ${method} pane dir, p90 of ${runs}`, unit: 'ms', higherIsBetter: false, ccmux: p90, ...none, target: TIME_TARGET },
        { metric: `${method} pane dir size (lstat bytes, links as themselves)`, unit: 'KB', higherIsBetter: false, ccmux: kb, ...none, target: SIZE_TARGET },
      );
    }
  } finally {
    fs.rmSync(world.dir, { recursive: true, force: true });
  }
  return rows;
}

runIfMain(import.meta.url, { name, run });
