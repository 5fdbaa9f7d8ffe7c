#!/usr/bin/env node
/*
 * The reliability stress suite: every scenario in this dir, each in its own sandbox
 * (private HOME, XDG dirs and socket; the fake claude), each bounded in time, each
 * cleaning up after itself. Prints what held and what did not, with the figures;
 * exits 1 when anything failed.
 *
 *   node scripts/stress/run.mjs [--only NAME[,NAME]] [--quick] [--seed N] [--json FILE]
 *
 *   crosstalk   16 Claude panes, 60 s of writes and hooks, both isolation methods, + a control
 *   crash       20 rounds of kill -9 during splits, closes, Claude starts and floods
 *   leaks       1,000 open/close cycles of shell and Claude panes: fds, children, dirs, RSS
 *   output      1,000 runs each of 5 KB and 100 KB then exit; plain node-pty alongside
 *   hostile     garbage peers, abandoned connections, 20,000 random commands
 *   fs-safety   planted symlinks, swapped dirs, close/gc races against decoy trees
 *   recovery    40 rounds each: windows ending with output stopped or mid-flood (the server
 *               must keep answering), poisoned titles/commands/hook ids then kill -9 (the
 *               newest state must come back), and concurrent starts after kill -9 (one
 *               server, each Claude pane resumed once)
 *
 * --quick runs small sizes (a smoke run of a few minutes). Run `npm run build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/paths.mjs';

const SCENARIOS = ['crosstalk', 'crash', 'leaks', 'output', 'hostile', 'fs-safety', 'recovery'];
/** No scenario may run longer than this (the full ones take 2–6 min on 2 cores). */
const SCENARIO_TIMEOUT_MS = 30 * 60_000;
const USAGE = `usage: node scripts/stress/run.mjs [--only ${SCENARIOS.join('|')}[,...]] [--quick] [--seed N] [--json FILE]`;

function parseArgs(argv) {
  const o = { only: SCENARIOS, quick: false, seed: undefined, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--only') {
      o.only = value().split(',');
      const bad = o.only.find((n) => !SCENARIOS.includes(n));
      if (bad) throw new Error(`unknown scenario ${bad} (have: ${SCENARIOS.join(', ')})`);
    } else if (a === '--quick') o.quick = true;
    else if (a === '--seed') o.seed = Number(value());
    else if (a === '--json') o.json = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return o;
}

function figuresText(f) {
  return Object.entries(f ?? {})
    .filter(([, v]) => typeof v !== 'object' || v === null)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'main.js'))) {
    console.error('dist/ is missing: run `npm run build` first');
    process.exit(2);
  }
  const { liveSandboxes } = await import('./lib/sandbox.mjs');
  process.on('SIGINT', async () => {
    console.error('\ninterrupted: stopping servers and removing sandboxes');
    for (const sb of [...liveSandboxes]) await sb.dispose().catch(() => undefined);
    process.exit(130);
  });

  console.log(`stress suite${o.quick ? ' (quick)' : ''} on ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}`);
  const all = [];
  for (const name of o.only) {
    const mod = await import(`./${name}.mjs`);
    const t0 = Date.now();
    console.log(`\n== ${name}`);
    let results;
    try {
      let timer;
      results = await Promise.race([
        mod.run({ quick: o.quick, seed: o.seed, log: (m) => console.log(`   ${m}`) }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${SCENARIO_TIMEOUT_MS / 60_000} min`)), SCENARIO_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
    } catch (err) {
      results = [{ name, ok: false, violations: [`threw: ${err.stack ?? err}`], figures: {} }];
      for (const sb of [...liveSandboxes]) await sb.dispose().catch(() => undefined);
    }
    const seconds = Math.round((Date.now() - t0) / 1000);
    for (const r of results) {
      all.push({ scenario: name, seconds, ...r });
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${name}: ${r.name} (${seconds} s)\n     ${figuresText(r.figures)}`);
      for (const v of r.violations.slice(0, 20)) console.log(`     ✗ ${v}`);
      for (const n of r.notes ?? []) console.log(`     note: ${n}`);
      if (r.violations.length > 20) console.log(`     … and ${r.violations.length - 20} more`);
    }
  }
  const failed = all.filter((r) => !r.ok);
  console.log(`\n${all.length - failed.length} of ${all.length} held${failed.length ? `; FAILED: ${failed.map((r) => `${r.scenario}/${r.name}`).join('; ')}` : ''}`);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify({ date: new Date().toISOString(), quick: o.quick, cpus: os.cpus().length, node: process.version, results: all }, null, 2) + '\n');
  process.exit(failed.length ? 1 : 0);
}

main();
