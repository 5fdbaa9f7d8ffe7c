/*
 * Claude Code's agent-team teammates as Claude panes of their own (ADR teammate-panes).
 *
 * Claude Code (2.1.197) places a teammate with `tmux respawn-pane -k -t P -- "cd DIR &&
 * env CLAUDECODE=1 … CLAUDE_CONFIG_DIR=… claude --agent-id NAME@TEAM --agent-name NAME
 * --team-name TEAM … --settings <the lead's --settings file> …"` through the tmux shim.
 * Measured with the real client (docs/claude-real.md, agent teams): such a claude keeps
 * no `sessions/<pid>.json` (it registers none when it runs as an agent), so its state can
 * come only from its hooks — the lead's `--settings`, which it is given, run in its own
 * pane's environment (CCMUX_PANE_ID is the teammate's pane). Its permission questions are
 * asked in the lead's pane, which says so through the lead's own session file.
 *
 * The teammate spawn hook, for a pane a shim call starts with such a command
 * (`asks.teammate`, commands/teammate-env.ts):
 *   - gives the pane a hook token of its own (CCMUX_CLAUDE_TOKEN), so its reports are
 *     accepted for it and for no other pane;
 *   - swaps the lead's lean hook settings in the command for the full ones of the same
 *     kind: the lean file leaves out what a session file says (Stop, tool calls), and a
 *     teammate has no session file;
 *   - marks the pane (pane-info.ts `teammateOf`, never `claudeOf`: the dir is the lead's,
 *     and a pane that owned it would remove it when it closes) and has awareness follow it.
 */
import crypto from 'node:crypto';
import type { Server } from '../server/server.js';
import type { Pane } from '../server/pane.js';
import type { PreparedSpawn, SpawnHook, SpawnRequest } from '../server/spawn.js';
import { setTeammateOf, teammateOf, type TeammateInfo } from './pane-info.js';
import { awarenessOf } from './awareness.js';
import { fullHooksOf } from './pane-hooks.js';
import type { PaneHooks } from './hook-kind.js';

/** What a shim call asks of a new teammate pane (`asks.teammate`). */
export interface TeammateRequest {
  /** The id of the lead's Claude pane, whose `tmux` ran the command. */
  lead: number;
  /** The hooks the lead was given (its `--settings` is passed on to the teammate). */
  hooks?: PaneHooks;
}

declare module '../server/spawn.js' {
  interface SpawnAsks {
    /** Follow the pane as a teammate of a Claude pane (teammate.ts). */
    teammate?: TeammateRequest;
  }
}

/** The value of `--flag` in a command line (bare, 'single' or "double" quoted), if given. */
function flagValue(text: string, flag: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${flag}(?:=|\\s+)(?:'([^']*)'|"([^"]*)"|([^\\s'"]+))`).exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * The teammate a command starts, or undefined when it starts none: Claude Code starts a
 * teammate as claude with `--agent-id NAME@TEAM` (and `--agent-name`, `--team-name`), in
 * one shell command or as separate arguments.
 */
export function teammateCommand(argv: readonly string[] | undefined): { name?: string; team?: string } | undefined {
  if (!argv?.length) return undefined;
  const text = argv.join(' ');
  const id = flagValue(text, '--agent-id');
  if (id === undefined) return undefined;
  const at = id.lastIndexOf('@');
  const name = flagValue(text, '--agent-name') ?? (at > 0 ? id.slice(0, at) : id);
  const team = flagValue(text, '--team-name') ?? (at > 0 ? id.slice(at + 1) : undefined);
  return { ...(name ? { name: name.slice(0, 64) } : {}), ...(team ? { team: team.slice(0, 128) } : {}) };
}

/** `argv` with each occurrence of the file `from` replaced by `to` (the path as Claude Code quoted it: as it is). */
export function swapSettingsFile(argv: readonly string[], from: string, to: string): string[] {
  return argv.map((a) => a.split(from).join(to));
}

/** The spawn hook of teammate panes (see the top of this file). */
export function teammateSpawnHook(server: Server): SpawnHook {
  return { prepare: (req) => (req.asks?.teammate ? prepareTeammate(server, req, req.asks.teammate) : Promise.resolve(undefined)) };
}

async function prepareTeammate(server: Server, req: SpawnRequest, t: TeammateRequest): Promise<PreparedSpawn | undefined> {
  const who = teammateCommand(req.argv);
  const aw = awarenessOf(server);
  if (!who || !aw) return undefined;
  const uuid = crypto.randomUUID();
  let argv = req.argv!;
  const files = t.hooks ? await fullHooksOf(server, t.hooks) : undefined;
  if (files && files.lean !== files.full) argv = swapSettingsFile(argv, files.lean, files.full);
  const facts: TeammateInfo = { lead: t.lead, uuid, ...who };
  return {
    request: { ...req, argv, setEnv: { ...req.setEnv, CCMUX_CLAUDE_TOKEN: aw.tokenFor(uuid) } },
    started: (pane: Pane) => {
      setTeammateOf(pane, facts);
      aw.track(pane);
    },
    abandon: async () => {},
  };
}

/** A pane that ran a teammate starts something else (respawn-pane): it is no longer followed as one. */
export function forgetTeammate(server: Server, pane: Pane): void {
  if (!teammateOf(pane)) return;
  setTeammateOf(pane, undefined);
  awarenessOf(server)?.untrack(pane);
}
