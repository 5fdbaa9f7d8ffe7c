#!/usr/bin/env node
/*
 * `npm run bench`: run every benchmark in scripts/bench/ (each *.mjs here but this one is
 * a module exporting `name` and `async run(opts)` that returns rows, see lib/report.mjs),
 * print the ccmux-vs-tmux table, and write it with a description of the machine into
 * docs/performance.md between the BENCH markers.
 *
 *   --only NAME     run just that benchmark (its rows replace its old ones in the doc)
 *   --reps N        repetitions of each measurement (default 3)
 *   --quick         small sizes, for a smoke run; the doc is not written
 *   --no-write      print only
 *   --profile DIR   start the ccmux servers under `node --cpu-prof`, profiles into DIR
 *   --targets LIST  only these of ccmux,tmux,none (none: no multiplexer), e.g. to profile
 *   --sinks LIST    only these client readers of scan,xterm,pty
 *   --mb N          input size in MB for benchmarks that have one
 * With --targets, --sinks or --mb the doc is not written (the table would be partial).
 *
 * Every server runs in a temp sandbox (HOME, XDG dirs, sockets) and is stopped, and its
 * pid waited for, before the next starts; ^C stops whatever is still running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cleanupAll, ROOT } from './lib/harness.mjs';
import { machine, machineText, readStored, tables, writeDoc } from './lib/report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOC = path.join(ROOT, 'docs', 'performance.md');
const USAGE =
  'usage: node scripts/bench/run.mjs [--only NAME] [--reps N] [--quick] [--no-write] [--profile DIR] [--targets ccmux,tmux,none] [--sinks scan,xterm,pty] [--mb N]';

function parseArgs(argv) {
  const o = { only: null, reps: 3, quick: false, write: true, profileDir: null, targets: null, sinks: null, mb: null };
  const list = (v, allowed) => {
    const xs = v.split(',').filter(Boolean);
    const bad = xs.find((x) => !allowed.includes(x));
    if (bad || !xs.length) throw new Error(`${v}: expected a comma-separated list of ${allowed.join(', ')}`);
    return xs;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--only') o.only = value();
    else if (a === '--reps') {
      o.reps = Number(value());
      if (!Number.isInteger(o.reps) || o.reps < 1 || o.reps > 50) throw new Error(`--reps must be an integer from 1 to 50`);
    } else if (a === '--quick') o.quick = true;
    else if (a === '--no-write') o.write = false;
    else if (a === '--profile') o.profileDir = path.resolve(value());
    else if (a === '--targets') o.targets = list(value(), ['ccmux', 'tmux', 'none']);
    else if (a === '--sinks') o.sinks = list(value(), ['scan', 'xterm', 'pty']);
    else if (a === '--mb') {
      o.mb = Number(value());
      if (!(o.mb > 0 && o.mb <= 1000)) throw new Error('--mb must be a number from 0 to 1000');
    }
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

async function loadBenchmarks() {
  const files = fs.readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').sort();
  const out = [];
  for (const f of files) {
    const m = await import(pathToFileURL(path.join(here, f)).href);
    if (typeof m.name === 'string' && typeof m.run === 'function') out.push(m);
  }
  return out;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'main.js'))) {
    console.error('ccmux is not built: run `npm run build` (or use `npm run bench`)');
    process.exit(2);
  }
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${sig}: stopping servers and removing sandboxes…`);
      cleanupAll().finally(() => process.exit(130));
    });
  }

  const all = await loadBenchmarks();
  const chosen = opts.only ? all.filter((b) => b.name === opts.only) : all;
  if (!chosen.length) {
    console.error(`no benchmark named ${opts.only}; there are: ${all.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const m = machine();
  console.log(`machine: ${machineText(m)}`);
  const results = {};
  let failed = false;
  for (const b of chosen) {
    console.log(`\n== ${b.name}${b.description ? `: ${b.description}` : ''}`);
    const t0 = Date.now();
    try {
      results[b.name] = await b.run({ ...opts, log: (s) => console.log(`  ${s}`) });
    } catch (err) {
      failed = true;
      console.error(`  ${b.name} failed: ${err.stack ?? err}`);
      await cleanupAll();
    }
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  if (!Object.keys(results).length) process.exit(1);
  console.log(`\n${tables(results)}\n`);

  if (opts.write && !opts.quick && !opts.targets && !opts.sinks && opts.mb === null) {
    const stored = readStored(DOC);
    const merged = { ...(opts.only && stored ? stored.results : {}), ...results };
    writeDoc(DOC, { machine: m, options: { reps: opts.reps }, results: merged });
    console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
  }
  if (opts.profileDir) console.log(`ccmux server CPU profiles: ${opts.profileDir}`);
  process.exit(failed ? 1 : 0);
}

void main();
