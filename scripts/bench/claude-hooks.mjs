#!/usr/bin/env node
/*
 * What ccmux's hooks cost the real Claude Code per tool call (opt-in: needs the real
 * claude 2.1.197 in ~/.cache/ccmux-test, scripts/claude-real/install.mjs; skips otherwise).
 *
 *   npm run build && node scripts/bench/claude-hooks.mjs [--calls 20] [--rounds 2] [--only 'none,ccmux lean'] [--json out.json]
 *
 * The real claude runs offline in a private tmux (scripts/claude-real/lab.mjs: seeded world,
 * fake API), with `permissions.allow: ["Bash"]` so no dialog, and answers `--calls` prompts
 * that each make one Bash tool call (fake API scenario `bash`, command
 * `date +%s%N >> ccmux-bench-ran.txt`). Six variants of the `--settings` file:
 *
 *   none         no hooks at all
 *   ccmux lean   what ccmux gives a claude that keeps its session file (2.1.119 on, the
 *                default): httpHookSettings(…, lean) — no hook on a prompt or tool call
 *   ccmux http   ccmux's http hook settings (httpHookSettings(): every event but
 *                SessionStart POSTed to ccmux's endpoint, HookEndpoint from dist/, run in
 *                this process with a receiver that checks the pane and token as the
 *                server's awareness does; claude gets CCMUX_PANE_ID and CCMUX_CLAUDE_TOKEN)
 *   ccmux async  ccmux's command hook settings (hookSettings(): `node dist/cli/hook.js
 *                <Event>` on every event, `async: true`)
 *   ccmux sync   the same hooks with `async` removed (claude waits for each), for scale
 *   async no-op  `true` as an async command hook on every event: what claude's own fork
 *                of a hook costs it, with no node start (the floor of any command hook)
 *
 * For the http variant it also says how many reports the endpoint took and how many it
 * refused (must be 0: claude would show a hook error for each).
 *
 * Per tool call: tool ran (the `date` inside the Bash command, ns) − the moment the fake API
 * finished sending the `tool_use` answer (its `done` log line, ms, same clock). That span holds
 * claude's end-of-stream handling, the PreToolUse hooks it waits for, the permission check
 * and the spawn of bash. (A PreToolUse timestamp would need a logging hook, itself one more
 * hook to wait for; the API's end of answer is the same in all variants.) The first call of
 * each run is a warm-up and left out. The hook has no ccmux server to talk to here
 * (no $CCMUX): it reads stdin and exits — a node start, which is its cost in a real pane
 * minus one socket round trip.
 *
 * Variants run in turn, `--rounds` times each, so a change of machine load hits all of them.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lab } from '../claude-real/lab.mjs';
import { CLAUDE_VERSION, claudeBin, installedVersion } from '../claude-real/install.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');

// run.mjs imports every scripts/bench/*.mjs looking for `name`/`run`: this one only runs when started itself.
const direct = process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1]);
if (direct) await main();

async function main() {
  function arg(name, dflt) {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : dflt;
  }
  const CALLS = Number(arg('--calls', '20'));
  const ROUNDS = Number(arg('--rounds', '2'));
  const JSON_OUT = arg('--json', undefined);

  const bin = claudeBin();
  if (installedVersion(bin) !== CLAUDE_VERSION) {
    console.log(`claude-hooks: SKIPPED — the real claude ${CLAUDE_VERSION} is not installed at ${bin} (node scripts/claude-real/install.mjs)`);
    process.exit(0);
  }
  const hookScript = path.join(ROOT, 'dist', 'cli', 'hook.js');
  const hookSettingsJs = path.join(ROOT, 'dist', 'claude', 'hook-settings.js');
  const endpointJs = path.join(ROOT, 'dist', 'claude', 'hook-endpoint.js');
  if (!fs.existsSync(hookScript) || !fs.existsSync(hookSettingsJs) || !fs.existsSync(endpointJs)) {
    console.error('claude-hooks: build first (npm run build)');
    process.exit(1);
  }
  const { hookSettings, httpHookSettings } = await import(hookSettingsJs);
  const { HookEndpoint } = await import(endpointJs);

  // The endpoint as the server runs it, for pane %1 with this token (awareness.refusal's rule).
  const TOKEN = `${randomUUID()}.${randomUUID()}`;
  const received = { reports: 0 };
  const refusals = [];
  const endpoint = new HookEndpoint(
    {
      refusal: (pane, token) => (pane === 1 && token === TOKEN ? undefined : 'not this pane or token'),
      report: () => void received.reports++,
    },
    { info: (o) => o.refused && refusals.push(o.refused), warn: (o) => refusals.push(String(o.err ?? o)) },
  );
  const baseUrl = await endpoint.start();

  const ccmuxAsync = hookSettings(process.execPath, hookScript);
  const ccmuxSync = JSON.parse(JSON.stringify(ccmuxAsync));
  for (const groups of Object.values(ccmuxSync.hooks)) for (const g of groups) for (const h of g.hooks) delete h.async;
  const ccmuxHttp = httpHookSettings(process.execPath, hookScript, baseUrl);
  // What a Claude pane of 2.1.119 or newer gets (hook-kind.ts): no hook for what claude's session file says.
  const ccmuxLean = httpHookSettings(process.execPath, hookScript, baseUrl, true);

  const VARIANTS = [
    { name: 'none', settings: {} },
    { name: 'ccmux lean', settings: ccmuxLean, env: { CCMUX_PANE_ID: '%1', CCMUX_CLAUDE_TOKEN: TOKEN } },
    { name: 'ccmux http', settings: ccmuxHttp, env: { CCMUX_PANE_ID: '%1', CCMUX_CLAUDE_TOKEN: TOKEN } },
    { name: 'ccmux async', settings: ccmuxAsync },
    { name: 'ccmux sync', settings: ccmuxSync },
    // The floor of any async command hook: claude forks `sh -c true` for each event.
    { name: 'async no-op', settings: { hooks: Object.fromEntries(Object.keys(ccmuxAsync.hooks).map((ev) => [ev, [{ matcher: '*', hooks: [{ type: 'command', command: 'true', async: true }] }]])) } },
  ];

  // --only none,ccmux lean: run just these variants (more calls in the same time on a busy machine).
  const only = arg('--only', '');
  if (only) {
    const names = only.split(',').map((x) => x.trim());
    const unknown = names.filter((n) => !VARIANTS.some((v) => v.name === n));
    if (unknown.length) throw new Error(`--only: no variant ${unknown.join(', ')} (have: ${VARIANTS.map((v) => v.name).join(', ')})`);
    VARIANTS.splice(0, VARIANTS.length, ...VARIANTS.filter((v) => names.includes(v.name)));
  }

  const RAN = 'ccmux-bench-ran.txt';

  /** One claude, `CALLS` tool calls; returns the spans in ms. */
  async function runOnce(variant) {
    const lab = await Lab.start({
      name: `bench-${variant.name.replace(/\W+/g, '-')}`,
      bin,
      settings: { ...variant.settings, permissions: { allow: ['Bash'] } },
      env: variant.env ?? {},
    });
    try {
      lab.api.config.bashCommand = `date +%s%N >> ${RAN}`;
      const ranFile = path.join(lab.cwd, RAN);
      await lab.waitScreen(/❯/, 30_000, 'the prompt');
      await lab.waitFor(() => Object.values(lab.sessionFiles()).some((t) => t && /"status":"idle"/.test(t)), 30_000, 'session file idle');
      const spans = [];
      let seen = 0;
      let odd = 0;
      let extra = 0;
      for (let i = 1; i <= CALLS; i++) {
        await lab.submit(`bench call #${i}# ccmux:bash`);
        await lab.waitFor(() => lab.api.requests.filter((r) => r.kind === 'done' && r.label === 'final').length >= i, 30_000, `call ${i}'s final answer`);
        // The turn is over when claude's session file says idle again.
        await lab.waitFor(() => Object.values(lab.sessionFiles()).some((t) => t && /"status":"idle"/.test(t)), 30_000, `call ${i}: idle`);
        // Each tool run against the latest tool_use answer that ended before it (claude may ask twice).
        const done = lab.api.requests.filter((r) => r.kind === 'done' && r.label === 'bash').map((r) => r.t);
        const ran = fs.readFileSync(ranFile, 'utf8').trim().split('\n').map((l) => Number(l) / 1e6);
        for (const t of ran.slice(seen)) {
          const before = done.filter((d) => d <= t);
          if (before.length) spans.push(t - before[before.length - 1]);
        }
        if (done.length !== ran.length) odd++;
        extra += ran.length - seen - 1;
        seen = ran.length;
      }
      // Some prompts make two tool calls: the fake API answers `bash` again when it does not see
      // claude's follow-up request as ending in the tool result (not looked into). Each run is
      // still measured from its own tool_use answer.
      if (extra) process.stderr.write(`  ${variant.name}: ${extra} extra tool calls over ${CALLS} prompts\n`);
      if (odd) process.stderr.write(`  ${variant.name}: WARNING ${odd} times the tool_use answers and tool runs did not pair up\n`);
      return spans.slice(1); // the first call is a warm-up
    } finally {
      await lab.stop();
    }
  }

  const q = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  };

  const samples = Object.fromEntries(VARIANTS.map((v) => [v.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of VARIANTS) {
      const t0 = Date.now();
      const spans = await runOnce(v);
      samples[v.name].push(...spans);
      process.stderr.write(`round ${r + 1}/${ROUNDS} ${v.name}: ${spans.length} calls, median ${q(spans, 0.5).toFixed(1)} ms (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
  }

  const base = q(samples.none, 0.5);
  console.log(`\nclaude ${CLAUDE_VERSION}: API's tool_use answer ended → Bash tool ran (ms), ${CALLS - 1} calls × ${ROUNDS} rounds per variant`);
  console.log('| hooks | calls | median | p90 | max | median − none |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const v of VARIANTS) {
    const s = samples[v.name];
    const m = q(s, 0.5);
    console.log(`| ${v.name} | ${s.length} | ${m.toFixed(0)} | ${q(s, 0.9).toFixed(0)} | ${Math.max(...s).toFixed(0)} | ${v.name === 'none' ? '—' : `${m - base >= 0 ? '+' : ''}${(m - base).toFixed(0)}`} |`);
  }
  console.log(`\nccmux http: ${received.reports} reports, ${refusals.length} refused${refusals.length ? ` (${[...new Set(refusals)].join('; ')})` : ''}`);
  await endpoint.close();
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`load average at the end: ${load}`);
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ calls: CALLS, rounds: ROUNDS, samples, httpReports: received.reports, refusals, load }, null, 2) + '\n');
}
