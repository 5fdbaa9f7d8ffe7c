/*
 * The environment a pane's program is started with, built by one pure function.
 *
 * We pass our own env to node-pty, so whatever leaks from the multiplexer we run
 * inside (TMUX, TMUX_PANE, STY), sizes that would lie after a resize (COLUMNS, LINES)
 * and CCMUX_* from an outer ccmux are scrubbed here; then TERM, COLORTERM, CCMUX
 * (socket,server-pid — how `ccmux` inside a pane finds its server) and CCMUX_PANE_ID
 * are set, and finally the caller's overrides (a Claude pane's CLAUDE_CONFIG_DIR or
 * HOME) are applied and its removals honoured.
 */

export interface PaneEnvInput {
  /** The environment the pane inherits (the server's, or the creating client's). */
  base: Record<string, string | undefined>;
  term: string;
  socketPath: string;
  serverPid: number;
  /** tmux-style pane id, e.g. "%3". */
  paneId: string;
  /** Extra variables to set last (isolation, profile env). */
  set?: Record<string, string>;
  /** Variables to remove after everything else. */
  unset?: readonly string[];
}

/** Variables never inherited by a pane. */
export const SCRUBBED_VARS: readonly string[] = ['TMUX', 'TMUX_PANE', 'STY', 'COLUMNS', 'LINES', 'WINDOW'];

/** Build a pane's environment; the result has no undefined values. */
export function buildPaneEnv(input: PaneEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.base)) {
    if (v === undefined) continue;
    if (SCRUBBED_VARS.includes(k) || k === 'CCMUX' || k.startsWith('CCMUX_')) continue;
    env[k] = v;
  }
  env.TERM = input.term;
  env.COLORTERM = 'truecolor';
  env.CCMUX = `${input.socketPath},${input.serverPid}`;
  env.CCMUX_PANE_ID = input.paneId;
  for (const [k, v] of Object.entries(input.set ?? {})) env[k] = v;
  for (const k of input.unset ?? []) delete env[k];
  return env;
}
