/*
 * The server process: started in the background by the first `ccmux` that finds no
 * server (detached, in its own session, so closing the terminal does not end it). It
 * takes the start lock (start-lock.ts) before anything else — a server that loses it says
 * "busy" and exits having touched nothing — checks its config, takes over the socket
 * (replacing a stale one left by a crash, refusing when a live server answers on it),
 * restores, then reports "ready" — or the reason it could not start — on fd 3 to the
 * ccmux that started it, and closes that pipe. Whatever goes wrong before the log is
 * open is reported there too, never lost.
 */
import { installHooks } from './hook-events.js';
import { installDeadPanes } from './dead-pane.js';
import { installWindowNames } from './window-name.js';
import { installPanePalettes } from './pane-palette.js';
import { installPaneFocus } from './pane-focus.js';
import { historyFilePath, loadHistoryFile } from './prompt-history-file.js';
import { installUnattachedChecks } from './session-end.js';
import { installPaneClipboard } from './pane-clipboard.js';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ensurePrivateDir, makeDirs, serverFileStem, stateDir } from '../core/paths.js';
import { readConfig } from '../commands/read-config.js';
import { isTomlConfig, runStartupTmuxConf } from '../commands/tmux-conf.js';
import { Server } from './server.js';
import { spawnPty } from './pty-host.js';
import { claudeSpawnHook, installClaudeCleanup } from '../claude/launch.js';
import { installWorktreeCleanup, worktreeSpawnHook } from '../claude/worktree.js';
import { ClaudeAwareness } from '../claude/awareness.js';
import { writeTmuxShim } from '../claude/tmux-shim.js';
import { teammateSpawnHook } from '../claude/teammate.js';
import { startPersistence, sweepAfterStart } from '../persist/startup.js';
import { takeStartLock } from '../protocol/start-lock.js';
import { restoreDeferredEnv, scrubInjected } from '../core/spawn-env.js';
import { RUNNER } from '../commands/run.js';
import { listen } from './listener.js';

/** How long after 'ready' the start-up sweep of orphaned pane dirs runs (see main). */
const SWEEP_AFTER_READY_MS = 1000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function report(line: string): void {
  try {
    fs.writeSync(3, line + '\n');
    fs.closeSync(3);
  } catch {
    /* started by hand, without the pipe */
  }
}

/** Is something answering on the socket? (A stale file from a crashed server is not.) */
function socketAlive(sock: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(sock);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

async function main(): Promise<void> {
  // What the starting client renamed so node would not act on it at start-up (spawn-env.ts).
  restoreDeferredEnv(process.env);
  // Started from inside a ccmux pane, this process would carry what that pane was given
  // (a profile's API key, an isolated HOME or CLAUDE_CONFIG_DIR) into every new session.
  const own = scrubInjected(process.env, { HOME: os.userInfo().homedir });
  for (const k of Object.keys(process.env)) if (!(k in own)) delete process.env[k];
  Object.assign(process.env, own);
  const socketPath = arg('--socket');
  if (!socketPath) {
    report('error: --socket is required');
    process.exit(2);
  }
  const lock = await takeStartLock(socketPath, process.getuid!());
  if (!lock) {
    report(`busy: another server is starting or running on ${socketPath}`);
    process.exit(0);
  }
  const configFile = arg('--config') || undefined;
  const home = process.env.HOME || os.homedir();
  const state = stateDir(process.env, home);
  try {
    ensurePrivateDir(state, process.getuid!());
    makeDirs(path.join(state, 'logs'));
  } catch (err) {
    report(`error: cannot use state directory ${state}: ${(err as Error).message}`);
    process.exit(1);
  }
  const logFile = path.join(state, 'logs', `${serverFileStem(socketPath)}.log`);
  let log: pino.Logger;
  try {
    fs.closeSync(fs.openSync(logFile, 'a', 0o600)); // pino would throw later, where nobody hears it
    log = pino({ level: process.env.CCMUX_LOG_LEVEL || 'info' }, pino.destination({ dest: logFile, sync: true, mode: 0o600 }));
  } catch (err) {
    report(`error: cannot open the log ${logFile}: ${(err as Error).message}`);
    process.exit(1);
  }

  // A -f file that is not a ccmux.toml is a tmux configuration file, run once the server is up.
  const tmuxConf = configFile && !isTomlConfig(configFile) ? configFile : undefined;
  const { loaded, errors } = readConfig(tmuxConf ? undefined : configFile, RUNNER.check);
  if (!loaded) {
    report(`error: ${errors.join('\n')}`);
    process.exit(1);
  }
  if (fs.existsSync(socketPath)) {
    if (await socketAlive(socketPath)) {
      report(`error: a server is already running on ${socketPath}`);
      process.exit(1);
    }
    log.warn({ socketPath }, 'replacing stale socket');
    fs.unlinkSync(socketPath);
  }
  const server = new Server({ socketPath, stateDir: state, configFile, home, spawner: spawnPty, log, config: loaded, env: own });
  server.spawnHooks.push(worktreeSpawnHook(server)); // --worktree: first, so Claude starts in it
  server.spawnHooks.push(claudeSpawnHook(server)); // --claude: an isolated Claude pane
  server.spawnHooks.push(teammateSpawnHook(server)); // an agent team's teammate, placed through the tmux shim
  installClaudeCleanup(server);
  let shim: string | null = null;
  server.tmuxShimDir = () => (shim ??= writeTmuxShim(state)); // `tmux` in run-shell, if-shell and #() jobs is ccmux
  installWorktreeCleanup(server);
  new ClaudeAwareness(server); // registers itself as the server's Claude state view
  installHooks(server, RUNNER); // set-hook's hooks run on the model's and clients' events
  installDeadPanes(server); // what a pane left by remain-on-exit shows: remain-on-exit-format
  installWindowNames(server); // windows named by an automatic-rename-format of the user's
  installPanePalettes(server); // pane-colours on each pane's canvas
  installPaneFocus(server); // focus in/out for panes' programs (after the hooks: they see pane-focus)
  installUnattachedChecks(server); // destroy-unattached, exit-unattached
  installPaneClipboard(server); // a pane's OSC 52, as set-clipboard says
  // Listening before the configuration runs, so that its jobs' `tmux` (a tpm plugin's)
  // reach this server; every other command waits until start-up is over (server.ts).
  server.holdCommands();
  try {
    await listen(server, RUNNER);
  } catch (err) {
    report(`error: cannot listen on ${socketPath}: ${(err as Error).message}`);
    process.exit(1);
  }
  // The tmux configuration files (-f FILE, or ccmux.toml's tmux-conf), as tmux runs its
  // config: before the first command. What failed is logged and told to the first client.
  const conf = await runStartupTmuxConf(server, RUNNER, tmuxConf);
  if (conf.errors.length) log.warn({ errors: conf.errors }, 'tmux configuration: commands skipped');
  // The prompt history of history-file, once the configuration has set it (as tmux's cfg_done).
  const historyFile = historyFilePath(server.options.get('history-file') as string, home);
  if (historyFile) await loadHistoryFile(historyFile, server.promptHistory, log);
  server.messages.start(); // as tmux, what the start-up configuration ran is not logged
  await startPersistence(server, serverFileStem(socketPath));
  if (conf.errors.length) {
    const note = `${conf.errors.length} command(s) of the tmux configuration skipped: ${conf.errors[0]}${conf.errors.length > 1 ? ' (ccmux source-file -n FILE lists all)' : ''}`;
    server.startupNotice = server.startupNotice ? `${note}; ${server.startupNotice}` : note;
  }
  server.started();
  process.on('SIGTERM', () => server.shutdown('SIGTERM'));
  process.on('SIGINT', () => server.shutdown('SIGINT'));
  process.on('SIGHUP', () => log.info('ignoring SIGHUP'));
  process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception'));
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  report('ready');
  // Off the path to the first pane (issue 18): the client's command arrives and its
  // pane starts within ~100–300 ms of 'ready'; the sweep waits past that.
  setTimeout(() => void sweepAfterStart(server), SWEEP_AFTER_READY_MS).unref();
}

main().catch((err: unknown) => {
  report(`error: the server could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
