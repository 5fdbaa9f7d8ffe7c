/*
 * The `ccmux` command: global flags (-L NAME, -S PATH, -f FILE, -C/-CC control mode, -V, -h), then a command
 * and its arguments, sent to the server — which is started when the command creates a
 * session. With no command: attach to the most recently used session, or start one.
 * Commands that need no server (help, version, the Claude hook) run right here.
 */
import os from 'node:os';
import path from 'node:path';
import { ensurePrivateDir, findConfigPath, resolveSocketPath, socketDir, validateLabel, UnsafeDirError } from '../core/paths.js';
import { TMUX_VERSION, VERSION } from '../core/version.js';
import { connect, ClientError } from '../client/connect.js';
import { runClient } from '../client/run-client.js';
import { runControl } from '../client/run-control.js';
import { localCommand } from './local-commands.js';
import { splitArgv } from '../core/parse-command.js';

const USAGE = `usage: ccmux [-CV] [-L socket-name] [-S socket-path] [-f config-file] [command [flags] [args]]
Run "ccmux list-commands" for the commands, "ccmux help" for an overview.`;

/** Commands that may start a server when none is running. */
const STARTS_SERVER = new Set(['new-session', 'new', 'start-server', 'start', 'restore']);

interface Global {
  label?: string;
  socketPath?: string;
  configFile?: string;
  /** -C (1) or -CC (2): control mode. */
  control?: 1 | 2;
  argv: string[];
}

/** Parse the flags that come before the command. Throws a message for bad ones. */
export function parseGlobal(argv: string[]): Global | 'version' | 'help' {
  const g: Global = { argv: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-V' || a === '--version') return 'version';
    if (a === '-h' || a === '--help') return 'help';
    if (/^-C+$/.test(a)) {
      g.control = Math.min(2, (g.control ?? 0) + a.length - 1) as 1 | 2;
      continue;
    }
    const takes = (flag: string) => {
      const v = a.length > 2 ? a.slice(2) : argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (a.startsWith('-L')) g.label = takes('-L');
    else if (a.startsWith('-S')) g.socketPath = takes('-S');
    else if (a.startsWith('-f')) g.configFile = takes('-f');
    else throw new Error(`unknown flag ${a}\n${USAGE}`);
  }
  g.argv = argv.slice(i);
  if (g.label !== undefined) {
    const bad = validateLabel(g.label);
    if (bad) throw new Error(bad);
  }
  return g;
}

export async function main(argv: string[]): Promise<void> {
  let g;
  try {
    g = parseGlobal(argv);
  } catch (err) {
    process.stderr.write(`ccmux: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (g === 'version') {
    // Run as `tmux` (the shim: jobs, tmux_shim Claude panes), the version a tmux script
    // checks is the tmux whose commands ccmux speaks (tpm refuses below 1.9).
    process.stdout.write(process.env.CCMUX_TMUX_CALL === '1' ? `tmux ${TMUX_VERSION}\n` : `ccmux ${VERSION}\n`);
    return;
  }
  if (g === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const local = g.control ? undefined : await localCommand(g.argv);
  if (local !== undefined) process.exit(local);

  const uid = process.getuid!();
  const home = process.env.HOME || os.homedir();
  const sock = resolveSocketPath({ label: g.label, socketPath: g.socketPath }, process.env, uid);
  try {
    if (!g.socketPath && !(process.env.CCMUX && !g.label)) ensurePrivateDir(socketDir(process.env, uid), uid);
  } catch (err) {
    if (err instanceof UnsafeDirError) {
      process.stderr.write(`ccmux: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const configFile = g.configFile ? path.resolve(g.configFile) : findConfigPath(process.env, home);
  const name = g.argv[0];
  const start = name === undefined || STARTS_SERVER.has(name);
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  try {
    const conn = await connect(sock, { start, configFile, cols: process.stdout.columns || 80, rows: process.stdout.rows || 24, tty, ...(g.control ? { control: g.control } : {}) });
    const code = g.control ? await runControl({ ...conn, argv: g.argv, mode: g.control }) : await runClient({ ...conn, argv: g.argv });
    process.exit(code);
  } catch (err) {
    if (err instanceof ClientError) {
      const noServer = err.message.startsWith('no server running');
      if (noServer && !g.control && name !== undefined && splitArgv(g.argv).length === 1) {
        const { SERVERLESS, runServerless } = await import('./serverless.js');
        if (SERVERLESS.has(name)) process.exit(await runServerless(g.argv, configFile, sock));
      }
      // With no server to ask, a mistyped command should still be named as such (as tmux does).
      const bad = noServer ? await badCommandLine(g.argv) : undefined;
      process.stderr.write(bad ?? `ccmux: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** The server's error for an unknown command or bad flags in argv, or undefined when argv is well formed. */
async function badCommandLine(argv: string[]): Promise<string | undefined> {
  const [{ findCommand, commandNames }, { parseArgs, UsageError }, { didYouMean }] = await Promise.all([
    import('../commands/registry.js'),
    import('../commands/args.js'),
    import('../config/suggest.js'),
  ]);
  for (const [name, ...rest] of splitArgv(argv)) {
    const def = findCommand(name!);
    if (!def) return `unknown command: ${name}${didYouMean(name!, commandNames())}\n`;
    try {
      parseArgs(def.args, rest);
    } catch (err) {
      if (err instanceof UsageError) return `command ${def.name}: ${err.message}\nusage: ${def.name} ${def.usage}\n`;
      throw err;
    }
  }
  return undefined;
}
