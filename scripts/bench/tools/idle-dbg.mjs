/*
 * The server's wake-ups and CPU every 2 s for 70 s from its start, 10 tiled idle shells,
 * no client (what idle.mjs's settle time has to cover): node scripts/bench/tools/idle-dbg.mjs
 */
import { makeSandbox, startCcmux, sleep } from '../lib/harness.mjs';
import { tilePanes } from '../lib/panes.mjs';
import { threadStats } from '../idle.mjs';
const sb = makeSandbox();
const mux = await startCcmux(sb, { cols: 200, rows: 50 });
const t0 = Date.now();
await tilePanes(mux, 10);
let prev = threadStats(mux.pid);
for (let i = 0; i < 35; i++) {
  await sleep(2000);
  const s = threadStats(mux.pid);
  const d = { cpu: s.cpuMs - prev.cpuMs, w: s.wakeups - prev.wakeups };
  if (d.w) console.log(`+${((Date.now() - t0) / 1000).toFixed(0)}s cpu ${d.cpu.toFixed(1)} wake ${d.w}`);
  prev = s;
}
await mux.stop();
sb.dispose();
