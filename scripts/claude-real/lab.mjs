/*
 * A lab for watching the real `claude` work: one seeded, offline world (seed.mjs), the fake
 * API (fake-api.mjs) in this process, and claude running in a private tmux server
 * (`tmux -L <name> -f /dev/null`, 120x40) with a `--settings` file whose hooks log every event
 * the client knows — a nanosecond timestamp taken when the hook starts and the full JSON on stdin.
 *
 * While it runs, the lab polls the screen (capture-pane) and `sessions/<pid>.json` every
 * POLL_MS and keeps each change with its time, so a measurement can say what the user saw
 * and when. `stop()` kills the private tmux server and waits until its pid is gone.
 *
 *   const lab = await Lab.start({ name: 'a-text' });
 *   await lab.waitScreen(/❯/);
 *   const t0 = await lab.submit('hello ccmux:text');  // types, then Enter; returns Enter's time
 *   await lab.waitEvent('Stop');
 *   …
 *   await lab.stop();
 *
 * Nothing here touches the real HOME or ~/.claude: claude gets HOME and CLAUDE_CONFIG_DIR in
 * the lab's temp dir and a cleared environment (`env -i`).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureClaude } from './install.mjs';
import { startFakeApi } from './fake-api.mjs';
import { seedWorld } from './seed.mjs';

const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const POLL_MS = 100;

/** Every hook event name Claude Code 2.1.197 knows (its bundled list, in its order). */
export const ALL_HOOK_EVENTS = [
  'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PostToolBatch', 'Notification', 'UserPromptSubmit',
  'UserPromptExpansion', 'SessionStart', 'SessionEnd', 'Stop', 'StopFailure', 'SubagentStart', 'SubagentStop',
  'PreCompact', 'PostCompact', 'PermissionRequest', 'PermissionDenied', 'Setup', 'TeammateIdle', 'TaskCreated',
  'TaskCompleted', 'Elicitation', 'ElicitationResult', 'ConfigChange', 'WorktreeCreate', 'WorktreeRemove',
  'InstructionsLoaded', 'CwdChanged', 'FileChanged', 'MessageDisplay',
];
/** Registering these changes what claude does (a WorktreeCreate hook replaces `git worktree add`). */
const NOT_LOGGED = new Set(['WorktreeCreate', 'WorktreeRemove']);

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** A command hook that appends `{"t_ns":…,"event":…,"input":<stdin JSON>}` to `log`. */
export function logHookCommand(log, event, tag = '') {
  return `t=$(date +%s%N); in=$(cat); printf '{"t_ns":%s,"event":"%s","tag":"%s","input":%s}\\n' "$t" ${shq(event)} ${shq(tag)} "\${in:-null}" >> ${shq(log)}`;
}

/** Settings with the logging hook on every event; `extra(event)` may add hooks of its own. */
export function loggingSettings(log, { extra = () => [], events = ALL_HOOK_EVENTS, more = {} } = {}) {
  const hooks = {};
  for (const ev of events) {
    if (NOT_LOGGED.has(ev)) continue;
    hooks[ev] = [{ matcher: '*', hooks: [{ type: 'command', command: logHookCommand(log, ev), timeout: 10 }, ...extra(ev)] }];
  }
  return { ...more, hooks };
}

export class Lab {
  constructor() {
    this.screens = []; // {t, text}
    this.statuses = []; // {t, files: {name: content|null}}
    this.marks = []; // {t, what}
    this.polling = false;
  }

  /**
   * opts: name, dir, cwd (relative to the world dir, or absolute), projects (trusted paths),
   * settings (object, or function of the hook log path; default: logging hooks on every
   * event), args (extra claude args), env (extra env), trustProject (default true),
   * beforeStart(dir) (e.g. make a git repo), bin.
   */
  static async start(opts = {}) {
    const lab = new Lab();
    lab.name = `ccr-${opts.name ?? 'lab'}-${process.pid}`;
    lab.bin = opts.bin ?? ensureClaude();
    lab.dir = fs.realpathSync(fs.mkdtempSync(path.join(opts.root ?? os.tmpdir(), `${lab.name}-`)));
    lab.hookLog = path.join(lab.dir, 'hooks.jsonl');
    lab.apiLog = path.join(lab.dir, 'api.jsonl');
    fs.writeFileSync(lab.hookLog, '');
    lab.api = await startFakeApi({ logFile: lab.apiLog });
    const project = opts.project ? path.resolve(lab.dir, opts.project) : path.join(lab.dir, 'proj');
    const projects = opts.projects?.map((p) => path.resolve(lab.dir, p)) ?? (opts.trustProject === false ? [] : [project]);
    lab.world = seedWorld({ dir: path.join(lab.dir, 'world'), baseUrl: lab.api.url, project, projects });
    lab.cwd = opts.cwd ? path.resolve(lab.dir, opts.cwd) : project;
    fs.mkdirSync(lab.cwd, { recursive: true });
    lab.settingsFile = path.join(lab.dir, 'settings.json');
    // settings: an object, or a function of the hook log's path; default: log every event.
    const settings = typeof opts.settings === 'function' ? opts.settings(lab.hookLog) : (opts.settings ?? loggingSettings(lab.hookLog));
    opts.beforeStart?.(lab.dir);
    fs.writeFileSync(lab.settingsFile, JSON.stringify(settings, null, 2) + '\n');
    const env = { ...lab.world.env, ...(opts.env ?? {}) };
    lab.env = env;
    const argv = [lab.bin, '--settings', lab.settingsFile, ...(opts.args ?? [])];
    const cmd = ['env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv].map(shq).join(' ');
    lab.t0 = Date.now();
    await lab.tmux('new-session', '-d', '-x', '120', '-y', '40', '-c', lab.cwd, cmd);
    const info = (await lab.tmux('display-message', '-p', '#{pid} #{pane_pid}')).trim().split(' ');
    lab.serverPid = Number(info[0]);
    lab.panePid = Number(info[1]);
    lab.startPolling();
    return lab;
  }

  tmux(...args) {
    return run('tmux', ['-L', this.name, '-f', '/dev/null', ...args], { encoding: 'utf8', maxBuffer: 1 << 22 }).then((r) => r.stdout);
  }

  mark(what) {
    const t = Date.now();
    this.marks.push({ t, what });
    return t;
  }

  /** Type text literally (no Enter). */
  async type(text) {
    await this.tmux('send-keys', '-l', text);
  }

  /** Send tmux key names (Enter, Escape, C-c, Down…); returns the time just before sending. */
  async keys(...names) {
    const t = this.mark(`keys ${names.join(' ')}`);
    await this.tmux('send-keys', ...names);
    return t;
  }

  /** Type a prompt, wait for it to be echoed, press Enter; returns Enter's time. */
  async submit(text) {
    await this.type(text);
    await this.waitScreen((s) => s.includes(text.slice(0, 40)), 10_000, 'prompt echo');
    await sleep(150);
    return this.keys('Enter');
  }

  async capture() {
    try {
      return await this.tmux('capture-pane', '-p', '-J');
    } catch {
      return undefined;
    }
  }

  sessionFiles() {
    const d = path.join(this.world.configDir, 'sessions');
    const out = {};
    let names = [];
    try {
      names = fs.readdirSync(d);
    } catch {
      return out;
    }
    for (const n of names) {
      try {
        out[n] = fs.readFileSync(path.join(d, n), 'utf8');
      } catch {
        out[n] = null;
      }
    }
    return out;
  }

  startPolling() {
    this.polling = true;
    const loop = async () => {
      while (this.polling) {
        const t = Date.now();
        const text = await this.capture();
        if (text !== undefined) {
          const last = this.screens[this.screens.length - 1];
          if (!last || last.text !== text) this.screens.push({ t, text });
        }
        const files = this.sessionFiles();
        const key = JSON.stringify(files);
        const lastS = this.statuses[this.statuses.length - 1];
        if (!lastS || lastS.key !== key) this.statuses.push({ t, key, files });
        await sleep(POLL_MS);
      }
    };
    this.pollDone = loop();
  }

  get screen() {
    return this.screens[this.screens.length - 1]?.text ?? '';
  }

  /** The hook log: [{t (ms, float), event, tag, input}]. */
  events() {
    const out = [];
    for (const line of fs.readFileSync(this.hookLog, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const j = JSON.parse(line);
        out.push({ t: Number(BigInt(j.t_ns) / 1000n) / 1000, event: j.event, tag: j.tag, input: j.input });
      } catch {
        out.push({ bad: line });
      }
    }
    return out.sort((a, b) => a.t - b.t);
  }

  async waitFor(pred, timeoutMs = 30_000, what = 'condition') {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await pred();
      if (v) return v;
      if (Date.now() > end) throw new Error(`${this.name}: timed out (${timeoutMs} ms) waiting for ${what}\n--- screen ---\n${this.screen}`);
      await sleep(50);
    }
  }

  /** Wait for an event (optionally after time `after`, matching `pred(input)`); returns it. */
  waitEvent(name, { after = 0, pred = () => true, timeoutMs = 30_000 } = {}) {
    return this.waitFor(() => this.events().find((e) => e.event === name && e.t >= after && pred(e.input ?? {})), timeoutMs, `event ${name}`);
  }

  /** Wait until the screen matches (regex or function); returns {t, text} of the first matching frame after `after`. */
  waitScreen(match, timeoutMs = 30_000, what = String(match), after = 0) {
    const test = typeof match === 'function' ? match : (s) => match.test(s);
    return this.waitFor(() => this.screens.find((f) => f.t >= after && test(f.text)), timeoutMs, `screen ${what}`);
  }

  /** First frame at or after `after` matching. */
  firstScreen(match, after = 0) {
    const test = typeof match === 'function' ? match : (s) => match.test(s);
    return this.screens.find((f) => f.t >= after && test(f.text));
  }

  projectDir() {
    const p = path.join(this.world.configDir, 'projects');
    try {
      return fs.readdirSync(p).map((n) => path.join(p, n));
    } catch {
      return [];
    }
  }

  /** All transcript entries of all sessions: [{file, entry}]. */
  transcripts() {
    const out = [];
    for (const d of this.projectDir()) {
      for (const n of fs.readdirSync(d)) {
        if (!n.endsWith('.jsonl')) continue;
        for (const line of fs.readFileSync(path.join(d, n), 'utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            out.push({ file: n, entry: JSON.parse(line) });
          } catch {
            out.push({ file: n, bad: line });
          }
        }
      }
    }
    return out;
  }

  claudePid() {
    // The pane runs `env -i … claude` which execs claude: the pane pid is claude's pid.
    return this.panePid;
  }

  /**
   * Kill the private tmux server, wait for its pid (and claude's) to be gone, stop the fake API,
   * remove the lab dir (kept with keepDir or CCMUX_CLAUDE_KEEP=1).
   */
  async stop({ keepDir = process.env.CCMUX_CLAUDE_KEEP === '1' } = {}) {
    this.polling = false;
    await this.pollDone?.catch(() => {});
    try {
      await this.tmux('kill-server');
    } catch {
      /* already gone */
    }
    const gone = (pid) => {
      if (!pid) return true;
      try {
        process.kill(pid, 0);
      } catch {
        return true;
      }
      try {
        const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return st.slice(st.lastIndexOf(')') + 2, st.lastIndexOf(')') + 3) === 'Z';
      } catch {
        return true;
      }
    };
    const end = Date.now() + 10_000;
    while (!(gone(this.serverPid) && gone(this.panePid)) && Date.now() < end) await sleep(50);
    if (!gone(this.panePid)) {
      try {
        process.kill(this.panePid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await this.api.close();
    if (!keepDir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Events relative to t0 (ms, 1 decimal), compact: [{dt, event, key fields}]. */
export function relEvents(events, t0, fields = ['source', 'reason', 'notification_type', 'message', 'tool_name', 'error', 'error_details', 'stop_hook_active', 'permission_suggestions', 'agent_type']) {
  return events.map((e) => {
    const o = { dt: Math.round((e.t - t0) * 10) / 10, event: e.event };
    if (e.tag) o.tag = e.tag;
    for (const f of fields) if (e.input && e.input[f] !== undefined) o[f] = e.input[f];
    return o;
  });
}
