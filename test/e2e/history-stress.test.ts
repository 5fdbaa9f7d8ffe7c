/*
 * End-to-end stress of pane history (issue 15.3, and 15.1's resizes during output):
 * PANES panes flood numbered lines at once while keys are typed into another pane (so
 * the read budget pauses and resumes them), the window is resized (by more rows than
 * xterm keeps live, and narrow enough to wrap the lines), re-laid out, panes resized,
 * and whole histories captured, all at the same time. Every capture must be in order;
 * after each flood, each history one unbroken stretch; after each round, once the panes
 * are quiet, every pane's history exactly the last `history-limit` lines it printed, in
 * order, and its screen the lines after them.
 *
 * Each pane runs a script that prints nothing but numbered lines, in rounds: part "a"
 * (the flood the chaos runs against) once go-R exists, part "b" (longer than the
 * history, printed at a fixed size) once tail-R exists. A line "pI-rR-aN" / "pI-rR-bN"
 * has one ordinal in the pane's whole output, so order and gaps are plain arithmetic.
 *
 * CCMUX_STRESS_ROUNDS / CCMUX_STRESS_LINES / CCMUX_STRESS_LIMIT make it longer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, type OuterTerminal } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const PANES = 4;
const ROUNDS = Number(process.env.CCMUX_STRESS_ROUNDS ?? 4);
/** Lines of part "a" a round. */
const A = Number(process.env.CCMUX_STRESS_LINES ?? 20_000);
const LIMIT = Number(process.env.CCMUX_STRESS_LIMIT ?? 2000);
/** Part "b": more than the history holds, so the history is all of one known stretch. */
const B = LIMIT + 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SCRIPT = `#!/bin/sh
i=$1; d=$2; r=0
while :; do
  while [ ! -e "$d/go-$r" ]; do sleep 0.02; done
  seq -f "p$i-r$r-a%g" ${A}
  while [ ! -e "$d/tail-$r" ]; do sleep 0.02; done
  seq -f "p$i-r$r-b%g" ${B}
  r=$((r+1))
done
`;

/** The ordinal of a line of pane `i` (0 for the first line it prints), or undefined. */
function ordinal(i: number, line: string): number | undefined {
  const m = /^p(\d+)-r(\d+)-([ab])(\d+)$/.exec(line);
  if (!m || Number(m[1]) !== i) return undefined;
  return Number(m[2]) * (A + B) + (m[3] === 'a' ? 0 : A) + Number(m[4]) - 1;
}

/** The text of pane `i`'s line of ordinal `n`. */
function textOf(i: number, n: number): string {
  const r = Math.floor(n / (A + B));
  const k = n - r * (A + B);
  return k < A ? `p${i}-r${r}-a${k + 1}` : `p${i}-r${r}-b${k - A + 1}`;
}

/**
 * A capture's lines as ordinals; throws on a foreign line. The first may be the end of a
 * wrapped line whose start the limit dropped; `printing`: the pane may be in the middle
 * of a line, so the last one is left out.
 */
function ordinals(i: number, text: string, printing = false): number[] {
  const lines = text.split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (printing) lines.pop();
  if (lines.length > 1 && ordinal(i, lines[0]!) === undefined) {
    const next = ordinal(i, lines[1]!);
    if (next !== undefined && next > 0 && textOf(i, next - 1).endsWith(lines[0]!)) lines.shift();
  }
  return lines.map((l, k) => {
    const n = ordinal(i, l);
    if (n === undefined) throw new Error(`pane ${i}: line ${k} is ${JSON.stringify(l)}`);
    return n;
  });
}

/** The first place `ns` does not go up by one, described, or null. */
function firstBreak(ns: number[]): string | null {
  for (let k = 1; k < ns.length; k++) if (ns[k] !== ns[k - 1]! + 1) return `${ns[k - 1]} then ${ns[k]} at line ${k} of ${ns.length}`;
  return null;
}

describe('history under load', () => {
  it(`keeps every pane's history exactly, in order, through ${ROUNDS} rounds of floods, typing, resizes and captures`, async () => {
    sb = new Sandbox({ config: `history-limit = ${LIMIT}\n`, env: { CCMUX_LOG_LEVEL: 'debug' } });
    const script = path.join(sb.dir, 'flood.sh');
    fs.writeFileSync(script, SCRIPT, { mode: 0o755 });
    const t: OuterTerminal = await sb.terminal([], 160, 40);
    await t.waitForScreen(/\[0\] 0:/);
    const front = (await sb.panes())[0]!.id as string;
    const panes: string[] = [];
    for (let i = 0; i < PANES; i++) {
      panes.push((await sb.ok(['split-window', '-d', '-P', '-F', '#{pane_id}', '-t', front, `sh ${script} ${i} ${sb.dir}`])).trim());
      await sb.ok(['select-layout', 'tiled']);
    }
    await sb.ok(['send-keys', '-t', front, 'cat', 'Enter']);
    let typed = 0;
    const typing = setInterval(() => t.type(`k${typed++} `), 15);
    const problems: string[] = [];
    try {
      for (let r = 0; r < ROUNDS; r++) {
        fs.writeFileSync(path.join(sb.dir, `go-${r}`), '');
        // Chaos while part "a" floods, each kind in its own loop: the window resized (by
        // more rows than xterm keeps live; narrow enough to wrap lines), re-laid out and
        // panes resized, and whole histories captured.
        let flooding = true;
        const chaos = async (every: number, act: (step: number) => Promise<void> | void) => {
          for (let step = 0; flooding; step++) {
            await act(step);
            await sleep(every);
          }
        };
        const sizes: Array<[number, number]> = [[150, 160], [100, 25], [160, 40], [200, 50], [120, 30]];
        const layouts = ['even-horizontal', 'even-vertical', 'tiled', 'main-vertical'];
        const loops = [
          chaos(60, (step) => t.resize(...sizes[step % sizes.length]!)),
          chaos(80, async (step) => void (await sb.ok(['select-layout', layouts[step % layouts.length]!]))),
          chaos(100, async (step) => void (await sb.ok(['resize-pane', '-t', panes[step % PANES]!, '-x', String(5 + (step % 9))]))),
          chaos(10, async (step) => {
            // A capture in a flood may skip what the limit dropped while it waited, never go back.
            const i = step % PANES;
            const ns = ordinals(i, await sb.ok(['capture-pane', '-p', '-J', '-S', '-', '-t', panes[i]!]), true);
            const back = ns.findIndex((n, k) => k > 0 && n <= ns[k - 1]!);
            if (back > 0) problems.push(`round ${r}: a capture of pane ${i} during the flood goes back: ${ns[back - 1]} then ${ns[back]} at line ${back} of ${ns.length}`);
          }),
        ];
        const lastOf = async (i: number) => (await sb.ok(['capture-pane', '-p', '-J', '-t', panes[i]!])).trimEnd().split('\n').pop() ?? '';
        try {
          for (let i = 0; i < PANES; i++) await waitFor(async () => (await lastOf(i)) === `p${i}-r${r}-a${A}`, 120_000, `pane ${i} to print part a of round ${r}`);
        } finally {
          flooding = false;
          await Promise.all(loops);
        }
        // Part "a" done: whatever the resizes did, each history is one unbroken stretch.
        for (let i = 0; i < PANES; i++) {
          const broke = firstBreak(ordinals(i, await sb.ok(['capture-pane', '-p', '-J', '-S', '-', '-t', panes[i]!])));
          if (broke) problems.push(`round ${r}, pane ${i}: after the resizes, a break in the history: ${broke}`);
        }
        // Part "b" at a fixed size: then the history is all of one known stretch.
        t.resize(160, 40);
        await sb.ok(['select-layout', 'tiled']);
        fs.writeFileSync(path.join(sb.dir, `tail-${r}`), '');
        const last = (r + 1) * (A + B) - 1;
        await waitFor(
          async () => {
            for (let i = 0; i < PANES; i++) {
              const out = (await sb.ok(['capture-pane', '-p', '-J', '-t', panes[i]!])).trimEnd().split('\n').pop() ?? '';
              if (ordinal(i, out) !== last) return false;
            }
            return true;
          },
          60_000,
          `round ${r} to finish`,
        );
        for (let i = 0; i < PANES; i++) {
          const size = Number((await sb.ok(['display-message', '-p', '-t', panes[i]!, '#{history_size}'])).trim());
          const rows = Number((await sb.ok(['display-message', '-p', '-t', panes[i]!, '#{pane_height}'])).trim());
          const all = ordinals(i, await sb.ok(['capture-pane', '-p', '-J', '-S', '-', '-t', panes[i]!]));
          const broke = firstBreak(all);
          if (broke) problems.push(`round ${r}, pane ${i}: the history is out of order: ${broke}`);
          // The screen holds rows-1 lines (the cursor is on the last, empty row).
          if (size !== LIMIT) problems.push(`round ${r}, pane ${i}: history_size ${size}, not ${LIMIT}`);
          if (all.length !== LIMIT + rows - 1 || all[all.length - 1] !== last)
            problems.push(`round ${r}, pane ${i}: ${all.length} lines ending at ${all[all.length - 1]}, not ${LIMIT + rows - 1} ending at ${last}`);
        }
        expect(problems).toEqual([]);
      }
    } finally {
      clearInterval(typing);
    }
    // The read budget did pause and resume the flooding panes (else this proves less).
    const logs = path.join(sb.stateDir, 'logs');
    expect(fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('')).toContain('background panes take turns reading');
  }, 600_000);
});
