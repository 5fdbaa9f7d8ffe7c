#!/usr/bin/env node
/*
 * Stress scenario "output": a program that writes 5 KB or 100 KB and exits at once must
 * always leave its last line in the pane. Each run opens a window whose program is
 * `cat` of a file ending in a marker line (remain-on-exit on), waits for the pane to die
 * and looks for the marker on its screen. The same files are run under plain node-pty in
 * the same process (all data it ever delivers, up to 500 ms after the exit), whose loss
 * rate is reported alongside: that is what ccmux's drain (ADR 0004) is measured against.
 *
 *   node scripts/stress/output.mjs [--runs 1000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pty from 'node-pty';
import { StressSandbox, listPanes, cmd, cmdOk, waitFor } from './lib/sandbox.mjs';

export const name = 'output';

/** A file of about `bytes` bytes of numbered lines, ending with `marker`. */
function makeFile(dir, bytes, marker) {
  const lines = [];
  let n = 0;
  for (let size = 0; size < bytes; n++) {
    const l = `line ${n} ${'x'.repeat(40)}`;
    lines.push(l);
    size += l.length + 1;
  }
  const file = path.join(dir, `out-${bytes}.txt`);
  fs.writeFileSync(file, `${lines.join('\n')}\n${marker}\n`);
  return file;
}

/** Run `cat file` in a fresh ccmux window; true when the marker reached the pane. */
async function ccmuxRun(sb, file, marker) {
  const id = (await cmdOk(sb, ['new-window', '-d', '-t', 'out', '-P', '-F', '#{pane_id}', `exec cat ${file}`])).trim();
  await waitFor(async () => (await listPanes(sb)).find((p) => p.id === id)?.dead === true, 30_000, `pane ${id} to die`);
  const screen = await cmdOk(sb, ['capture-pane', '-p', '-t', id]);
  await cmd(sb, ['kill-pane', '-t', id]);
  return screen.split('\n').some((l) => l.trim() === marker);
}

/** Run `cat file` under plain node-pty; true when the marker arrived. */
function plainRun(file, marker) {
  return new Promise((resolve) => {
    let out = '';
    const p = pty.spawn('/bin/sh', ['-c', `exec cat ${file}`], { name: 'xterm-256color', cols: 120, rows: 40, cwd: path.dirname(file), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    p.onData((d) => (out += d));
    p.onExit(() => setTimeout(() => resolve(out.includes(marker)), 500));
  });
}

async function pool(n, parallel, fn) {
  let next = 0;
  const results = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}

/**
 * `runs` runs per size through ccmux (in `sb`) and through plain node-pty.
 * Returns { ok, violations, figures }.
 */
export async function runOutput(sb, { runs = 1000, sizes = [5 * 1024, 100 * 1024], parallel = 6, plain = true, log = () => {} } = {}) {
  const violations = [];
  const figures = { runs, sizes: sizes.map((s) => `${s / 1024} KB`).join(' + ') };
  await sb.ok(['new', '-d', '-s', 'out', '-x', '120', '-y', '40']);
  await cmdOk(sb, ['set-option', '-g', 'remain-on-exit', 'on']);
  for (const size of sizes) {
    const marker = `TAIL-${size}-END`;
    const file = makeFile(sb.dir, size, marker);
    const t0 = Date.now();
    const ok = await pool(runs, parallel, async (i) => {
      const got = await ccmuxRun(sb, file, marker);
      if ((i + 1) % 100 === 0) log(`ccmux ${size / 1024} KB: ${i + 1}/${runs}`);
      return got;
    });
    const lost = ok.filter((x) => !x).length;
    figures[`ccmux ${size / 1024} KB lost`] = `${lost}/${runs}`;
    figures[`ccmux ${size / 1024} KB seconds`] = Math.round((Date.now() - t0) / 1000);
    if (lost) violations.push(`ccmux lost the last line of ${size / 1024} KB in ${lost} of ${runs} runs`);
    if (plain) {
      const pOk = await pool(runs, parallel, () => plainRun(file, marker));
      figures[`node-pty ${size / 1024} KB lost`] = `${pOk.filter((x) => !x).length}/${runs}`;
      log(`${size / 1024} KB: ccmux lost ${lost}, plain node-pty lost ${pOk.filter((x) => !x).length} of ${runs}`);
    }
  }
  return { ok: violations.length === 0, violations, figures };
}

export async function run({ quick = false, log = console.log } = {}) {
  const sb = new StressSandbox();
  try {
    const runs = quick ? 100 : 1000;
    const r = await runOutput(sb, { runs, log });
    return [{ name: `${runs} runs each of 5 KB and 100 KB, then exit`, ...r }];
  } finally {
    await sb.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const num = (flag, d) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : d);
  const sb = new StressSandbox();
  runOutput(sb, { runs: num('--runs', 1000), log: console.log })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exitCode = r.ok ? 0 : 1;
    })
    .finally(() => sb.dispose());
}
