/*
 * Turning benchmark rows into the results table, describing the machine, and writing both
 * into docs/performance.md between the BENCH markers.
 *
 * A row is what a benchmark's run() returns:
 *   { metric, unit, higherIsBetter, ccmux: number[], tmux: number[], target?: { ratio, text } }
 * or, for a reference measured without any multiplexer, { metric, unit, ref: number[] }.
 * The table shows medians; spread is (max − min) / 2 / median of each side's samples;
 * ratio is median ccmux / median tmux, met when it reaches target.ratio (≥ when higher
 * is better, ≤ otherwise). A row with `noRatio: true` has no tmux equivalent (tmux and
 * ratio show n/a); its target is absolute, `target.max` (or `target.min` when higher is
 * better) for the ccmux median.
 *
 * The raw samples are kept in the docs block as a JSON comment, so that a run with
 * --only replaces its own benchmark's rows and keeps the others.
 */
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

export const START = '<!-- BENCH:START (written by `npm run bench`; edit outside these markers) -->';
export const END = '<!-- BENCH:END -->';
const DATA_RE = /<!-- bench-data (.*?) -->/s;

export function median(xs) {
  if (!xs?.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Half the range, relative to the median. */
export function spread(xs) {
  if (!xs?.length) return NaN;
  const med = median(xs);
  return med ? (Math.max(...xs) - Math.min(...xs)) / 2 / Math.abs(med) : 0;
}

function num(v, unit) {
  if (!Number.isFinite(v)) return '—';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}`;
}

const pct = (v) => (Number.isFinite(v) ? `±${(v * 100).toFixed(0)}%` : '—');

/** The summary of one row: medians, spreads, ratio and whether the target is met. */
export function summarize(row) {
  const c = median(row.ccmux);
  const t = median(row.tmux);
  const ratio = c / t;
  let met = '—';
  if (row.target?.max !== undefined && Number.isFinite(c)) met = c <= row.target.max ? 'yes' : 'no';
  else if (row.target?.min !== undefined && Number.isFinite(c)) met = c >= row.target.min ? 'yes' : 'no';
  else if (row.target && Number.isFinite(ratio)) met = (row.higherIsBetter ? ratio >= row.target.ratio : ratio <= row.target.ratio) ? 'yes' : 'no';
  return { c, t, ratio, met, sc: spread(row.ccmux), st: spread(row.tmux) };
}

/** Markdown tables for the rows of each benchmark: { name: rows }. */
export function tables(results) {
  const main = ['| benchmark | metric | ccmux (median) | tmux (median) | spread (ccmux / tmux) | ccmux/tmux | target | met? |', '|---|---|---|---|---|---|---|---|'];
  const refs = ['| benchmark | measurement (no multiplexer) | median | spread |', '|---|---|---|---|'];
  let anyRef = false;
  for (const [bench, rows] of Object.entries(results)) {
    for (const row of rows) {
      if (row.ref) {
        anyRef = true;
        refs.push(`| ${bench} | ${row.metric} | ${num(median(row.ref), row.unit)} | ${pct(spread(row.ref))} |`);
        continue;
      }
      const s = summarize(row);
      const ratio = row.noRatio ? 'n/a' : Number.isFinite(s.ratio) ? `${s.ratio.toFixed(2)}` : '—';
      const tmux = row.noRatio ? 'n/a' : num(s.t, row.unit);
      const spreads = row.noRatio ? `${pct(s.sc)} / n/a` : `${pct(s.sc)} / ${pct(s.st)}`;
      main.push(`| ${bench} | ${row.metric} | ${num(s.c, row.unit)} | ${tmux} | ${spreads} | ${ratio} | ${row.target?.text ?? '—'} | ${s.met} |`);
    }
  }
  return anyRef ? `${main.join('\n')}\n\n${refs.join('\n')}` : main.join('\n');
}

/** CPU model, cores, RAM, OS, node and tmux versions, date. */
export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  let tmux = 'not found';
  try {
    tmux = execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim();
  } catch {
    /* not installed */
  }
  return {
    cpu,
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    tmux,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

export function machineText(m) {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM; ${m.os}; node ${m.node}; ${m.tmux}; run ${m.date}`;
}

/** Samples of a previous run stored in the docs block, if any: { machine, results, options }. */
export function readStored(docFile) {
  try {
    const text = fs.readFileSync(docFile, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) return null;
    const m = DATA_RE.exec(text.slice(a, b));
    return m ? JSON.parse(m[1].replace(/-\\u002d/g, '--')) : null;
  } catch {
    return null;
  }
}

/** Replace the block between the markers (appending it if missing). */
export function writeDoc(docFile, stored) {
  const json = JSON.stringify(stored).replace(/--/g, '-\\u002d'); // "--" may not appear in an HTML comment
  const block = [
    START,
    `Machine: ${machineText(stored.machine)}. Repetitions: ${stored.options.reps}.`,
    '',
    tables(stored.results),
    '',
    `<!-- bench-data ${json} -->`,
    END,
  ].join('\n');
  let text = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : '# Performance\n\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  text = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(docFile, text);
}
