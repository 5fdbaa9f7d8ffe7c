/*
 * The environment of the shell commands the server runs for itself — run-shell,
 * if-shell, pipe-pane and the `#(…)` jobs of formats — as tmux's job_run gives it: the
 * global environment, the session's on top, and TMUX naming this server
 * (`socket,pid,session-id`, -1 with no session), so that what such a command runs talks
 * back to the server that ran it.
 *
 * tmux's jobs run `tmux` and reach the server through TMUX. Here that name must reach
 * ccmux: the job's PATH starts with the tmux shim's dir (ADR 0015, its `tmux` runs
 * ccmux), so a tpm plugin's `tmux show-option -gqv @plugin` or a theme script's `tmux
 * set -g status-right …` works unchanged. CCMUX names the socket for the ccmux it runs.
 * Panes do not get the shim (only Claude panes with tmux_shim): a user's real tmux in a
 * pane is untouched.
 */
import type { Environ } from '../core/environ.js';
import type { Session } from './window.js';

/** What a job's environment is made from: the server (server.ts) as seen from here. */
export interface JobEnvSource {
  readonly opts: { readonly socketPath: string };
  spawnEnv(environ: Environ | undefined): Record<string, string>;
  readonly isStarting: boolean;
  readonly startupToken: string;
  tmuxShimDir(): string | null;
}

/** PATH when the environment has none (tmux's _PATH_DEFPATH). */
const DEFAULT_PATH = '/usr/bin:/bin';

/** The environment for a job of `server`, run for `session` (if any). */
export function jobEnv(server: JobEnvSource, session: Session | undefined): Record<string, string> {
  const env = server.spawnEnv(session?.environ);
  env.CCMUX = `${server.opts.socketPath},${process.pid}`;
  env.TMUX = `${server.opts.socketPath},${process.pid},${session ? session.id : -1}`;
  // A job of the start-up configuration talks to a server that holds other commands until it is done.
  if (server.isStarting) env.CCMUX_STARTUP_JOB = server.startupToken;
  const shim = server.tmuxShimDir();
  if (shim) {
    const rest = (env.PATH ?? DEFAULT_PATH).split(':').filter((d) => d !== shim).join(':');
    env.PATH = rest ? `${shim}:${rest}` : shim;
    // tmux's jobs inherit `_` from the shell that started tmux: the tmux binary (a config's
    // `run "… $($_ -V) …"` reads the version that way). Here it is the shim's tmux.
    env._ = `${shim}/tmux`;
  }
  return env;
}
