#!/usr/bin/env node
/*
 * Where a CPU profile's time went: `node scripts/bench/tools/profile-top.mjs FILE.cpuprofile [N]`
 * prints the N (default 25) functions with the most self time, then self time summed per
 * source file. Profiles come from `npm run bench -- --profile DIR` (the ccmux server under
 * `node --cpu-prof`).
 */
import fs from 'node:fs';
import path from 'node:path';

const [file, nArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-top.mjs FILE.cpuprofile [N]');
  process.exit(2);
}
const n = Number(nArg ?? 25);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnTime = new Map();
const fileTime = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const where = cf.url ? path.basename(cf.url.replace(/^file:\/\//, '')) : '(native)';
  const key = `${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`;
  fnTime.set(key, (fnTime.get(key) ?? 0) + us);
  const fk = cf.url ? cf.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'node_modules/').replace(/.*\/dist\//, 'dist/') : `(${cf.functionName || 'native'})`;
  fileTime.set(fk, (fileTime.get(fk) ?? 0) + us);
}
const show = (m, k) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
    .join('\n');
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms\n\n-- self time by function --\n${show(fnTime, n)}\n\n-- self time by file --\n${show(fileTime, 15)}`);
