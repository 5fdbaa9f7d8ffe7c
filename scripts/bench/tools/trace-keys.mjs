/*
 * A look inside one keystroke: a ccmux session with the latency echoer, a client attached,
 * then the server and client are traced with strace (-ttt, reads/writes/epoll) while 40
 * keys go through; the trace lands in DIR/trace.* for reading by hand.
 * `node scripts/bench/tools/trace-keys.mjs DIR`
 */
import { spawn } from 'node:child_process';
import { rawCatPane } from '../latency.mjs';
import { keyLatencies, stats } from '../lib/latency.mjs';
import { sleep } from '../lib/harness.mjs';

const dir = process.argv[2] ?? '/tmp/trace-keys';
const s = await rawCatPane('ccmux', { cols: 200, rows: 50 });
try {
  const st = spawn('strace', ['-ttt', '-T', '-ff', '-o', `${dir}/trace`, '-e', 'trace=read,write,writev,epoll_wait,epoll_pwait,futex', '-p', String(s.mux.pid), '-p', String(s.client.proc.pid)], { stdio: 'inherit' });
  await sleep(1000);
  const times = await keyLatencies(s.client, s.sink, { samples: 40, warmup: 5, gapMs: 20 });
  console.log(stats(times));
  st.kill('SIGINT');
  await sleep(500);
} finally {
  await s.stop();
}
