#!/usr/bin/env node
/*
 * Measure what the real Claude Code does, scenario by scenario (docs/claude-real.md has the
 * results and what they mean):
 *
 *   node scripts/claude-real/measure.mjs [--out <dir>] [scenario…]   (default: all, one at a time)
 *
 * Each scenario runs claude in its own seeded world and private tmux (lab.mjs), drives it
 * with keys, and writes <out>/<scenario>.json: hook events with times relative to the
 * keypress (ms), the screen frames that changed, `sessions/<pid>.json` over time, the
 * fake API's request log, transcript entries, plus scenario-specific numbers. A one-line
 * summary per scenario goes to stdout; `report.mjs <out>` turns the files into tables.
 *
 * Scenarios (a name prefix picks several: `measure.mjs c- e-http`):
 *   a-text                  prompt → text answer → idle, then ~60 s for Notification idle_prompt
 *   b-yes b-no b-escape     Bash tool_use → permission dialog → Enter | Down Down Enter | Escape
 *   b-wait                  the dialog left open 75 s
 *   c-401 c-429 c-429plain c-529 c-500   failed turns (API key); c-429-oauth (subscriber limit);
 *   c-retries-529           the same with 4 retries
 *   idle-after-failure idle-after-reject   idle_prompt after a failed turn / a rejected dialog?
 *   d-escape d-ctrlc d-escape-tool          interrupting a streamed answer / a running tool
 *   e-wait-none|sync|async  a PreToolUse hook sleeping 2 s: does claude wait?
 *   e-http-ok|delay|refused|401|500|async   http hooks; e-http-events (which events post)
 *   e-order                 two sync hooks on one event; async hooks' end order
 *   f-clear                 /clear
 *   g-trust-…               trust of parent / git root / sub; g-trust-answer
 *   h-life-exit|ctrlc2|kill9|sighup|sigterm  sessions/<pid>.json and SessionEnd at the end
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Lab, loggingSettings, logHookCommand, relEvents } from './lab.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const r1 = (x) => (x === undefined || x === null ? x : Math.round(x * 10) / 10);

// ---------------------------------------------------------------------------------------
// Recording

/** Short form of a transcript entry. */
function entrySummary(e, t0) {
  const o = { dt: e.timestamp ? Date.parse(e.timestamp) - t0 : undefined, type: e.type };
  if (e.subtype) o.subtype = e.subtype;
  if (e.isMeta) o.isMeta = true;
  if (e.level) o.level = e.level;
  if (e.isApiErrorMessage) o.isApiErrorMessage = true;
  if (e.error) o.error = e.error;
  if (e.sessionId) o.sessionId = e.sessionId.slice(0, 8);
  const c = e.message?.content;
  if (typeof c === 'string') o.content = c.slice(0, 160);
  else if (Array.isArray(c))
    o.content = c.map((b) =>
      b.type === 'text'
        ? `text: ${b.text.slice(0, 120)}`
        : b.type === 'tool_use'
          ? `tool_use ${b.name} ${JSON.stringify(b.input).slice(0, 80)}`
          : b.type === 'tool_result'
            ? `tool_result${b.is_error ? ' (is_error)' : ''}: ${JSON.stringify(b.content).slice(0, 120)}`
            : b.type,
    );
  if (e.content && typeof e.content === 'string') o.text = e.content.slice(0, 160);
  if (e.toolUseResult !== undefined) o.toolUseResult = JSON.stringify(e.toolUseResult).slice(0, 160);
  if (e.message?.stop_reason) o.stop_reason = e.message.stop_reason;
  if (e.durationMs !== undefined) o.durationMs = e.durationMs;
  if (e.interruptedBy) o.interruptedBy = e.interruptedBy;
  return o;
}

/** Everything the lab saw, relative to t0. */
function record(lab, t0, extra = {}) {
  const events = lab.events();
  return {
    t0,
    startedAt: lab.t0 - t0,
    events: relEvents(events, t0),
    eventsFull: events.map((e) => ({ dt: r1(e.t - t0), event: e.event, tag: e.tag, input: e.input })),
    marks: lab.marks.map((m) => ({ dt: m.t - t0, what: m.what })),
    screens: lab.screens.map((s) => ({ dt: s.t - t0, text: s.text.replace(/\s+$/gm, '').replace(/\n{3,}/g, '\n\n') })),
    sessions: lab.statuses.map((s) => ({ dt: s.t - t0, files: Object.fromEntries(Object.entries(s.files).map(([k, v]) => [k, v && safeJson(v)])) })),
    api: lab.api.requests.map((r) => ({ ...r, dt: r.t - t0 })),
    transcript: lab.transcripts().map((x) => ({ file: x.file.slice(0, 8), ...(x.entry ? entrySummary(x.entry, t0) : { bad: x.bad }) })),
    dir: lab.dir,
    ...extra,
  };
}

function safeJson(s) {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** When the screen first matched each pattern after t0 (ms). */
function screenTimes(lab, t0, patterns) {
  const out = {};
  for (const [k, re] of Object.entries(patterns)) {
    const f = lab.firstScreen(re, t0);
    out[k] = f ? f.t - t0 : null;
  }
  return out;
}

/** The "working" spinner line is gone and the input box is empty. */
const IDLE = (s) => !/esc to interrupt/i.test(s) && /^❯\s*$/m.test(s) && !/Do you want to proceed/.test(s);
const WORKING = /esc to interrupt/i;
const DIALOG = /Do you want to proceed\?/;

/** The tool's own timestamp file (seconds since epoch, written by `date +%s.%N`) → ms. */
function toolRanAt(lab) {
  try {
    return Number(fs.readFileSync(path.join(lab.cwd, 'ccmux-tool-ran.txt'), 'utf8').trim()) * 1000;
  } catch {
    return null;
  }
}

async function startedLab(opts) {
  const lab = await Lab.start(opts);
  await lab.waitScreen(/^❯/m, 60_000, 'first prompt');
  await lab.waitEvent('SessionStart', { timeoutMs: 30_000 });
  await sleep(1500); // let start-up settle (several .claude.json rewrites, rg file scan)
  return lab;
}

// ---------------------------------------------------------------------------------------
// Scenarios

const SCENARIOS = {};

/** a. prompt → text answer → idle; then wait for Notification idle_prompt (up to 90 s). */
SCENARIOS['a-text'] = async () => {
  const lab = await startedLab({ name: 'a' });
  try {
    const t0 = await lab.submit('hello ccmux:text');
    const stop = await lab.waitEvent('Stop', { after: t0 });
    await lab.waitScreen(IDLE, 10_000, 'idle', stop.t);
    const idle = await lab
      .waitEvent('Notification', { after: t0, pred: (i) => i.notification_type === 'idle_prompt', timeoutMs: 90_000 })
      .catch(() => null);
    await sleep(1000);
    return record(lab, t0, {
      screen: screenTimes(lab, t0, { working: WORKING, answer: /Hello from the fake API/, idle: IDLE }),
      idlePromptAfterStopMs: idle ? r1(idle.t - stop.t) : null,
    });
  } finally {
    await lab.stop();
  }
};

/** b. Bash tool_use → permission dialog → Yes | No | Escape. */
function bashScenario(answer) {
  return async () => {
    const lab = await startedLab({ name: `b-${answer}` });
    try {
      const t0 = await lab.submit('run it ccmux:bash');
      await lab.waitEvent('PermissionRequest', { after: t0 });
      const dialog = await lab.waitScreen(DIALOG, 20_000, 'dialog', t0);
      await sleep(1000);
      let tAnswer;
      if (answer === 'yes') tAnswer = await lab.keys('Enter');
      else if (answer === 'no') {
        await lab.tmux('send-keys', 'Down');
        await sleep(150);
        await lab.tmux('send-keys', 'Down');
        await sleep(300);
        tAnswer = await lab.keys('Enter');
      } else tAnswer = await lab.keys('Escape');
      await lab.waitScreen(IDLE, 20_000, 'idle', tAnswer);
      await lab.waitEvent(answer === 'yes' ? 'Stop' : 'PostToolUseFailure', { after: t0, timeoutMs: 10_000 }).catch(() => null);
      await sleep(9000); // a late permission_prompt Notification?
      const ran = toolRanAt(lab);
      return record(lab, t0, {
        answeredAt: tAnswer - t0,
        toolRanAt: ran ? r1(ran - t0) : null,
        screen: { dialog: dialog.t - t0, ...screenTimes(lab, tAnswer, { idleAfterAnswer: IDLE }) },
        screenAfterAnswer: lab.screen,
      });
    } finally {
      await lab.stop();
    }
  };
}
SCENARIOS['b-yes'] = bashScenario('yes');
SCENARIOS['b-no'] = bashScenario('no');
SCENARIOS['b-escape'] = bashScenario('escape');

/** c. API errors: a turn that fails. */
function errorScenario(code, env) {
  return async () => {
    const lab = await startedLab({ name: `c-${code}`, env });
    try {
      const t0 = await lab.submit(`fail please ccmux:${code}`);
      const ev = await lab.waitFor(() => lab.events().find((e) => e.t >= t0 && (e.event === 'StopFailure' || e.event === 'Stop')), 90_000, 'StopFailure/Stop');
      await lab.waitScreen(IDLE, 20_000, 'idle', ev.t).catch(() => null);
      await sleep(3000);
      return record(lab, t0, {
        endEvent: ev.event,
        endDt: r1(ev.t - t0),
        screen: screenTimes(lab, t0, { working: WORKING, idle: IDLE, error: /API Error|error|rate limit|overloaded|Overloaded|limit/i }),
        finalScreen: lab.screen,
      });
    } finally {
      await lab.stop();
    }
  };
}
for (const c of ['401', '429', '429plain', '529', '500']) SCENARIOS[`c-${c}`] = errorScenario(c);
/** The same with claude's retries left at 4 (the default is 10): what the screen shows while it retries. */
SCENARIOS['c-retries-529'] = errorScenario('529', { CLAUDE_CODE_MAX_RETRIES: '4' });

/** c. A subscriber (OAuth token) hitting its limit: 429 with the unified rate-limit headers. */
SCENARIOS['c-429-oauth'] = async () => {
  const lab = await startedLab({ name: 'c-429-oauth', env: { ANTHROPIC_API_KEY: '', CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-ccmux-fake-oauth-token-0123456789' } });
  try {
    const t0 = await lab.submit('fail please ccmux:429');
    const ev = await lab.waitFor(() => lab.events().find((e) => e.t >= t0 && (e.event === 'StopFailure' || e.event === 'Stop')), 90_000, 'StopFailure/Stop');
    await sleep(8000);
    const dialogScreen = lab.screen;
    // Leave the limit dialog with Escape, then see what is left.
    const tEsc = await lab.keys('Escape');
    await sleep(3000);
    return record(lab, t0, {
      endEvent: ev.event,
      endDt: r1(ev.t - t0),
      escAt: tEsc - t0,
      screen: screenTimes(lab, t0, { limit: /hit your .*limit/i, dialog: /What do you want to do\?/, idle: IDLE }),
      dialogScreen,
      finalScreen: lab.screen,
    });
  } finally {
    await lab.stop();
  }
};

/** a/c/b. Does idle_prompt come ~60 s after a failed turn, or after a rejected permission dialog? */
function idleAfterScenario(kind) {
  return async () => {
    const lab = await startedLab({ name: `idle-${kind}` });
    try {
      let t0;
      if (kind === 'failure') {
        t0 = await lab.submit('fail please ccmux:401');
        await lab.waitEvent('StopFailure', { after: t0 });
      } else {
        t0 = await lab.submit('run it ccmux:bash');
        await lab.waitScreen(DIALOG, 20_000, 'dialog', t0);
        await sleep(1000);
        await lab.keys('Escape');
      }
      const idle = await lab.waitEvent('Notification', { after: t0, pred: (i) => i.notification_type === 'idle_prompt', timeoutMs: 80_000 }).catch(() => null);
      await sleep(500);
      return record(lab, t0, { idlePromptDt: idle ? r1(idle.t - t0) : null });
    } finally {
      await lab.stop();
    }
  };
}
SCENARIOS['idle-after-failure'] = idleAfterScenario('failure');
SCENARIOS['idle-after-reject'] = idleAfterScenario('reject');

/** b. The permission dialog left open for 75 s: which Notifications, when. */
SCENARIOS['b-wait'] = async () => {
  const lab = await startedLab({ name: 'b-wait' });
  try {
    const t0 = await lab.submit('run it ccmux:bash');
    await lab.waitScreen(DIALOG, 20_000, 'dialog', t0);
    await sleep(75_000);
    const tAnswer = await lab.keys('Enter');
    await lab.waitEvent('Stop', { after: t0, timeoutMs: 20_000 }).catch(() => null);
    await sleep(1000);
    return record(lab, t0, { answeredAt: tAnswer - t0 });
  } finally {
    await lab.stop();
  }
};

/** d. Interrupt the slow answer with Escape (then wait for idle_prompt) or one Ctrl-C. */
function interruptScenario(key, waitIdlePrompt) {
  return async () => {
    const lab = await startedLab({ name: `d-${key}` });
    try {
      const t0 = await lab.submit('tell a story ccmux:slow');
      // 2.1.197 does not draw streamed text until the block ends: the spinner counts tokens (↓ N tokens).
      await lab.waitFor(() => lab.api.requests.find((r) => r.scenario === 'slow'), 20_000, 'slow request');
      await lab.waitScreen(/↓ \d+ tokens/, 20_000, 'streaming', t0);
      await sleep(2000);
      const tKey = await lab.keys(key);
      await lab.waitScreen(IDLE, 20_000, 'idle', tKey).catch(() => null);
      let idle = null;
      if (waitIdlePrompt) idle = await lab.waitEvent('Notification', { after: tKey, pred: (i) => i.notification_type === 'idle_prompt', timeoutMs: 90_000 }).catch(() => null);
      else await sleep(6000);
      return record(lab, t0, {
        keyAt: tKey - t0,
        idlePromptAfterKeyMs: idle ? r1(idle.t - tKey) : null,
        screen: screenTimes(lab, tKey, { idle: IDLE, interrupted: /Interrupted/i }),
        finalScreen: lab.screen,
      });
    } finally {
      await lab.stop();
    }
  };
}
SCENARIOS['d-escape'] = interruptScenario('Escape', true);
SCENARIOS['d-ctrlc'] = interruptScenario('C-c', false);

/** d. Escape while a tool (Bash sleep 15, allowed) runs. */
SCENARIOS['d-escape-tool'] = async () => {
  const settings = loggingSettings('HOOKLOG');
  const lab = await startedLab({ name: 'd-tool', settings: fixLog({ ...settings, permissions: { allow: ['Bash'] } }) });
  try {
    lab.api.config.bashCommand = 'sleep 15';
    lab.api.config.bashDescription = 'Sleep a while';
    const t0 = await lab.submit('run it ccmux:bash');
    await lab.waitEvent('PreToolUse', { after: t0 });
    await sleep(2000);
    const tKey = await lab.keys('Escape');
    await lab.waitScreen(IDLE, 20_000, 'idle', tKey).catch(() => null);
    await sleep(5000);
    return record(lab, t0, { keyAt: tKey - t0, screen: screenTimes(lab, tKey, { idle: IDLE, interrupted: /Interrupted/i }), finalScreen: lab.screen });
  } finally {
    await lab.stop();
  }
};

/** A settings function whose JSON uses 'HOOKLOG' for the lab's hook log path. */
function fixLog(settings) {
  const tmpl = JSON.stringify(settings);
  return (log) => JSON.parse(tmpl.replaceAll('HOOKLOG', log.replace(/["\\]/g, '')));
}

// ---- e. hook kinds ----------------------------------------------------------------------

/** A hook receiver: logs every POST (time, path, headers, body); `/delay2/…` answers after 2 s, `/status401/…`, `/status500/…`. */
async function hookServer() {
  const got = [];
  const server = http.createServer((req, res) => {
    const t = Date.now();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const rec = { t, tEnd: Date.now(), method: req.method, path: req.url, headers: req.headers, body: safeJson(body) };
      got.push(rec);
      const m = /^\/(delay(\d+)|status(\d+)|ok)/.exec(req.url ?? '');
      const status = m?.[3] ? Number(m[3]) : 200;
      const delay = m?.[2] ? Number(m[2]) * 1000 : 0;
      setTimeout(() => {
        rec.answeredAt = Date.now();
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? '{}' : JSON.stringify({ error: `status ${status}` }));
      }, delay);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    got,
    close: () => new Promise((r) => (server.closeAllConnections?.(), server.close(() => r()))),
  };
}

/** A port with nothing listening (bound then closed). */
async function closedPort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise((r) => s.close(r));
  return p;
}

/** A sync or async command hook that logs its start and end with a tag, sleeping `secs` in between. */
function sleepHook(tag, secs, { async = false, event = 'PreToolUse' } = {}) {
  const start = logHookCommand('HOOKLOG', event, `${tag}-start`);
  const h = {
    type: 'command',
    command: `${start.replace('in=$(cat);', 'in=$(cat); echo "$in" > /dev/null;')}; sleep ${secs}; t=$(date +%s%N); printf '{"t_ns":%s,"event":"%s","tag":"%s","input":null}\\n' "$t" '${event}' '${tag}-end' >> 'HOOKLOG'`,
    timeout: 30,
  };
  if (async) h.async = true;
  return h;
}

/** e1: time from PreToolUse to the tool running, with an extra PreToolUse hook that sleeps 2 s (sync / async / none). */
function hookWaitScenario(kind) {
  return async () => {
    const extra = (ev) => (ev === 'PreToolUse' && kind !== 'none' ? [sleepHook(`sleep2-${kind}`, 2, { async: kind === 'async' })] : []);
    const settings = fixLog({ ...loggingSettings('HOOKLOG', { extra }), permissions: { allow: ['Bash'] } });
    const lab = await startedLab({ name: `e-${kind}`, settings });
    try {
      const t0 = await lab.submit('run it ccmux:bash');
      const stop = await lab.waitEvent('Stop', { after: t0, timeoutMs: 30_000 });
      await sleep(2500);
      const pre = lab.events().find((e) => e.event === 'PreToolUse' && !e.tag);
      const post = lab.events().find((e) => e.event === 'PostToolUse' && !e.tag);
      const ran = toolRanAt(lab);
      return record(lab, t0, {
        preToolUse: r1(pre.t - t0),
        toolRan: ran ? r1(ran - t0) : null,
        postToolUse: post ? r1(post.t - t0) : null,
        stop: r1(stop.t - t0),
        preToToolMs: ran ? r1(ran - pre.t) : null,
      });
    } finally {
      await lab.stop();
    }
  };
}
SCENARIOS['e-wait-none'] = hookWaitScenario('none');
SCENARIOS['e-wait-sync'] = hookWaitScenario('sync');
SCENARIOS['e-wait-async'] = hookWaitScenario('async');

/** e2: http hooks. variant: ok | delay | refused | 401 | 500 | async. */
function httpScenario(variant) {
  return async () => {
    const srv = await hookServer();
    const refused = await closedPort();
    const base = variant === 'refused' ? `http://127.0.0.1:${refused}` : srv.url;
    const prefix = { ok: '/ok', delay: '/delay2', refused: '/ok', 401: '/status401', 500: '/status500', async: '/delay2' }[variant];
    const httpHook = (ev) => {
      // Delays and failures only on PreToolUse; every other event posts to /ok.
      const p = ev === 'PreToolUse' ? prefix : '/ok';
      const h = {
        type: 'http',
        url: `${ev === 'PreToolUse' ? base : srv.url}${p}/${ev}`,
        headers: { Authorization: 'Bearer $CCMUX_TEST_SECRET', 'X-Not-Allowed': 'v=$CCMUX_OTHER', 'X-Pane': '${CCMUX_TEST_PANE}' },
        allowedEnvVars: ['CCMUX_TEST_SECRET', 'CCMUX_TEST_PANE'],
        timeout: 10,
      };
      if (variant === 'async' && ev === 'PreToolUse') h.async = true;
      return [h];
    };
    const settings = fixLog({ ...loggingSettings('HOOKLOG', { extra: httpHook }), permissions: { allow: ['Bash'] } });
    const lab = await startedLab({ name: `e-http-${variant}`, settings, env: { CCMUX_TEST_SECRET: 's3cret-value', CCMUX_OTHER: 'other-value', CCMUX_TEST_PANE: '%7' } });
    try {
      const t0 = await lab.submit('run it ccmux:bash');
      const end = await lab.waitFor(() => lab.events().find((e) => e.t >= t0 && (e.event === 'Stop' || e.event === 'StopFailure')), 40_000, 'Stop');
      await sleep(3000);
      const pre = lab.events().find((e) => e.event === 'PreToolUse');
      const ran = toolRanAt(lab);
      const posts = srv.got.map((g) => ({ dt: g.t - t0, answeredDt: g.answeredAt ? g.answeredAt - t0 : null, path: g.path, headers: g.headers, body: g.body }));
      return record(lab, t0, {
        variant,
        preToolUse: r1(pre?.t - t0),
        toolRan: ran ? r1(ran - t0) : null,
        preToToolMs: ran && pre ? r1(ran - pre.t) : null,
        endEvent: end.event,
        posts,
        finalScreen: lab.screen,
      });
    } finally {
      await lab.stop();
      await srv.close();
    }
  };
}
for (const v of ['ok', 'delay', 'refused', '401', '500', 'async']) SCENARIOS[`e-http-${v}`] = httpScenario(v);

/** e2b: which events reach an http hook: a turn, a permission dialog (Notification), a failed turn, /clear, /exit. */
SCENARIOS['e-http-events'] = async () => {
  const srv = await hookServer();
  const httpHook = (ev) => [{ type: 'http', url: `${srv.url}/ok/${ev}`, timeout: 5 }];
  const settings = fixLog(loggingSettings('HOOKLOG', { extra: httpHook }));
  const lab = await startedLab({ name: 'e-http-events', settings });
  try {
    const t0 = await lab.submit('hello ccmux:text');
    await lab.waitEvent('Stop', { after: t0 });
    await sleep(500);
    const t1 = await lab.submit('run it ccmux:bash');
    await lab.waitEvent('Notification', { after: t1, pred: (i) => i.notification_type === 'permission_prompt', timeoutMs: 20_000 }).catch(() => null);
    await sleep(500);
    await lab.keys('Enter');
    await lab.waitEvent('Stop', { after: t1 });
    await sleep(500);
    const t2 = await lab.submit('fail please ccmux:401');
    await lab.waitEvent('StopFailure', { after: t2 });
    await sleep(500);
    await lab.type('/clear');
    await sleep(600);
    await lab.keys('Enter');
    await lab.waitEvent('SessionStart', { after: t2, pred: (i) => i.source === 'clear' });
    await sleep(1000);
    await lab.type('/exit');
    await sleep(600);
    await lab.keys('Enter');
    await lab.waitEvent('SessionEnd', { after: t2, pred: (i) => i.reason !== 'clear' }).catch(() => null);
    await sleep(2000);
    const posts = srv.got.map((g) => ({ dt: g.t - t0, path: g.path, event: g.body?.hook_event_name, detail: g.body?.notification_type ?? g.body?.error ?? g.body?.reason ?? g.body?.source }));
    const logged = lab.events().map((e) => ({ dt: r1(e.t - t0), event: e.event, detail: e.input?.notification_type ?? e.input?.error ?? e.input?.reason ?? e.input?.source }));
    return record(lab, t0, { posts, logged });
  } finally {
    await lab.stop();
    await srv.close();
  }
};

/** e3: two sync hooks on one event (parallel or in order?) and async hooks' report order. */
SCENARIOS['e-order'] = async () => {
  const extra = (ev) => {
    if (ev === 'PreToolUse') return [sleepHook('A', 1), sleepHook('B', 1)];
    if (ev === 'UserPromptSubmit') return [sleepHook('asyncUPS', 3, { async: true, event: ev })];
    if (ev === 'PostToolUse') return [sleepHook('asyncPost', 0, { async: true, event: ev })];
    if (ev === 'Stop') return [sleepHook('asyncStop', 1, { async: true, event: ev })];
    return [];
  };
  const settings = fixLog({ ...loggingSettings('HOOKLOG', { extra }), permissions: { allow: ['Bash'] } });
  const lab = await startedLab({ name: 'e-order', settings });
  try {
    const t0 = await lab.submit('run it ccmux:bash');
    await lab.waitEvent('Stop', { after: t0, timeoutMs: 30_000 });
    await sleep(4000);
    const ran = toolRanAt(lab);
    return record(lab, t0, { toolRan: ran ? r1(ran - t0) : null });
  } finally {
    await lab.stop();
  }
};

/** f. /clear after a turn. */
SCENARIOS['f-clear'] = async () => {
  const lab = await startedLab({ name: 'f' });
  try {
    const t00 = await lab.submit('hello ccmux:text');
    await lab.waitEvent('Stop', { after: t00 });
    await sleep(1000);
    await lab.type('/clear');
    await sleep(600);
    const t0 = await lab.keys('Enter');
    await lab.waitEvent('SessionStart', { after: t0, pred: (i) => i.source === 'clear', timeoutMs: 15_000 });
    await sleep(2000);
    const t1 = await lab.submit('again ccmux:text');
    await lab.waitEvent('Stop', { after: t1 });
    await sleep(1000);
    return record(lab, t0, { firstPromptAt: t00 - t0, secondPromptAt: t1 - t0, finalScreen: lab.screen, claudeJson: safeJson(fs.readFileSync(path.join(lab.world.configDir, '.claude.json'), 'utf8')).projects });
  } finally {
    await lab.stop();
  }
};

/** g. Trust: which folder is trusted vs where claude starts. */
function trustScenario(variant) {
  return async () => {
    // Layouts (relative to the lab dir): parent/, parent/sub, parent/repo (git), parent/repo/sub
    const opts = {
      'parent-sub': { projects: ['parent'], cwd: 'parent/sub' },
      none: { projects: [], cwd: 'parent/sub' },
      'parent-gitsub': { projects: ['parent'], cwd: 'parent/repo/sub', git: 'parent/repo' },
      'gitroot-sub': { projects: ['parent/repo'], cwd: 'parent/repo/sub', git: 'parent/repo' },
      'sub-only-parent-start': { projects: ['parent/sub'], cwd: 'parent' },
    }[variant];
    const lab = await Lab.start({
      name: `g-${variant}`,
      projects: opts.projects,
      cwd: opts.cwd,
      beforeStart: opts.git ? (dir) => execFileSync('git', ['init', '-q', path.join(dir, opts.git)]) : undefined,
    });
    try {
      const seen = await lab.waitFor(() => (/trust/i.test(lab.screen) ? 'trust' : /^❯\s*$/m.test(lab.screen) && !/trust/i.test(lab.screen) ? 'prompt' : null), 60_000, 'trust question or prompt');
      await sleep(2500);
      const first = lab.screen;
      return record(lab, lab.t0, { variant, seen, trustedInConfig: opts.projects, cwd: lab.cwd, screenAtStart: first, claudeJsonProjects: Object.keys(safeJson(fs.readFileSync(path.join(lab.world.configDir, '.claude.json'), 'utf8')).projects ?? {}) });
    } finally {
      await lab.stop();
    }
  };
}
for (const v of ['none', 'parent-sub', 'parent-gitsub', 'gitroot-sub', 'sub-only-parent-start']) SCENARIOS[`g-trust-${v}`] = trustScenario(v);

/** g. Nothing trusted: the trust question, then "Yes, I trust this folder" (Enter): what starts when. */
SCENARIOS['g-trust-answer'] = async () => {
  const lab = await Lab.start({ name: 'g-answer', projects: [], cwd: 'parent/sub' });
  try {
    await lab.waitScreen(/Yes, I trust this folder/, 60_000, 'trust question');
    await sleep(3000);
    const question = lab.screen;
    const t0 = await lab.keys('Enter');
    await lab.waitEvent('SessionStart', { after: t0, timeoutMs: 30_000 });
    await lab.waitScreen(/^❯\s*$/m, 30_000, 'prompt', t0);
    await sleep(2500);
    return record(lab, t0, {
      question,
      screen: screenTimes(lab, t0, { prompt: IDLE }),
      claudeJsonProjects: safeJson(fs.readFileSync(path.join(lab.world.configDir, '.claude.json'), 'utf8')).projects,
    });
  } finally {
    await lab.stop();
  }
};

/** h. sessions/<pid>.json through a life: start, a turn, /exit. And kill -9, and SIGHUP (tmux kill-server). */
function lifeScenario(end) {
  return async () => {
    const lab = await Lab.start({ name: `h-${end}` });
    try {
      await lab.waitScreen(/^❯/m, 60_000, 'first prompt');
      await sleep(2000);
      const t0 = await lab.submit('hello ccmux:text');
      await lab.waitEvent('Stop', { after: t0 });
      await sleep(2000);
      const pid = lab.claudePid();
      let tEnd;
      if (end === 'exit') {
        await lab.type('/exit');
        await sleep(600);
        tEnd = await lab.keys('Enter');
      } else if (end === 'ctrlc2') {
        tEnd = await lab.keys('C-c');
        await sleep(300);
        await lab.keys('C-c');
      } else if (end === 'kill9') {
        tEnd = lab.mark('kill -9');
        process.kill(pid, 'SIGKILL');
      } else if (end === 'sighup') {
        tEnd = lab.mark('kill -HUP');
        process.kill(pid, 'SIGHUP');
      } else if (end === 'sigterm') {
        tEnd = lab.mark('kill -TERM');
        process.kill(pid, 'SIGTERM');
      }
      await lab.waitFor(() => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      }, 15_000, 'claude gone').catch(() => null);
      const goneAt = Date.now();
      await sleep(1500);
      return record(lab, t0, { end, endAt: tEnd - t0, goneAt: goneAt - t0, sessionFilesAfter: lab.sessionFiles(), startedAtRel: lab.t0 - t0 });
    } finally {
      await lab.stop();
    }
  };
}
for (const e of ['exit', 'ctrlc2', 'kill9', 'sighup', 'sigterm']) SCENARIOS[`h-life-${e}`] = lifeScenario(e);

// ---------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  let out = path.resolve('claude-real-results');
  const names = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') out = path.resolve(args[++i]);
    else names.push(args[i]);
  }
  fs.mkdirSync(out, { recursive: true });
  const chosen = names.length ? Object.keys(SCENARIOS).filter((n) => names.some((p) => n === p || n.startsWith(p))) : Object.keys(SCENARIOS);
  for (const name of chosen) {
    const start = Date.now();
    try {
      const res = await SCENARIOS[name]();
      fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(res, null, 1) + '\n');
      const seq = res.events.filter((e) => e.dt >= -50 && !['MessageDisplay', 'InstructionsLoaded', 'FileChanged', 'CwdChanged'].includes(e.event)).map((e) => `${e.event}${e.tag ? `[${e.tag}]` : ''}@${Math.round(e.dt)}`);
      process.stdout.write(`${name}: ${seq.join(' ')} (${Math.round((Date.now() - start) / 1000)} s)\n`);
    } catch (err) {
      process.stdout.write(`${name}: FAILED ${err.stack ?? err}\n`);
    }
  }
}

await main();
