/*
 * Running one benchmark file by itself (`node scripts/bench/latency.mjs --reps 5`), as
 * run.mjs would run it but printing its table only. Options: --quick, --reps N,
 * --targets a,b, --profile DIR (benchmarks that start ccmux servers by hand honour it).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tables } from './report.mjs';

/** If the file at `moduleUrl` is the script node was started with, run its benchmark. */
export function runIfMain(moduleUrl, { name, run }) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  const argv = process.argv.slice(2);
  const at = (k) => (argv.includes(k) ? argv[argv.indexOf(k) + 1] : undefined);
  const opts = {
    quick: argv.includes('--quick'),
    reps: Number(at('--reps') ?? 3),
    targets: at('--targets')?.split(','),
    profileDir: at('--profile') ? path.resolve(at('--profile')) : null,
    log: (s) => console.log(`  ${s}`),
  };
  run(opts).then(
    (rows) => console.log(`\n${tables({ [name]: rows })}`),
    (err) => {
      console.error(err.stack ?? err.message);
      process.exit(1);
    },
  );
}
