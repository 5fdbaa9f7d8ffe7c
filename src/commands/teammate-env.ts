/*
 * What a pane made through the tmux shim inherits (ADR 0015). Claude Code's agent teams
 * run `tmux split-window … -- CMD` from the lead's Claude pane; a team shares its lead's
 * state, so the teammate must see the lead's config: the new pane gets what ccmux gave
 * the lead — its CLAUDE_CONFIG_DIR or HOME, CLAUDE_CODE_TMPDIR, a profile's env and key,
 * everything CCMUX_INJECTED names in the lead's environment — and the shim itself, never
 * a new isolated dir. A pane made by a plain `ccmux` typed in that pane gets none of it.
 * When the command it runs is a Claude Code teammate (`--agent-id`), the request also asks
 * the teammate spawn hook to follow it as a Claude pane of its own (claude/teammate.ts).
 */
import { injectedOf } from '../core/spawn-env.js';
import type { SpawnRequest } from '../server/spawn.js';
import type { CommandContext } from './types.js';
import type { Pane } from '../server/pane.js';
import { SHIM_CALL_VAR } from '../claude/tmux-shim.js';
import { claudeOf, teammateOf } from '../claude/pane-info.js';
import { teammateCommand } from '../claude/teammate.js';

/** The pane with the tmux shim whose `tmux` ran this command, if it came that way. */
export function shimCaller(ctx: CommandContext): Pane | undefined {
  const env = ctx.caller.env;
  if (env[SHIM_CALL_VAR] !== '1' || !/^%\d+$/.test(env.CCMUX_PANE_ID ?? '')) return undefined;
  const pane = ctx.server.model.panes.get(Number(env.CCMUX_PANE_ID!.slice(1)));
  return pane?.tmuxShim ? pane : undefined;
}

/** What ccmux set and removed in `lead`'s environment, to set and remove in a teammate's. */
export function inheritedEnv(leadEnv: Record<string, string>): { set: Record<string, string>; unset: string[] } {
  const set: Record<string, string> = {};
  const unset: string[] = [];
  for (const k of injectedOf(leadEnv).set) {
    if (k.startsWith('CCMUX')) continue;
    if (leadEnv[k] !== undefined) set[k] = leadEnv[k]!;
    else unset.push(k);
  }
  return { set, unset };
}

/** `req` as a teammate of the calling shim pane gets it; unchanged when the command did not come through the shim. */
export function asTeammate(ctx: CommandContext, req: SpawnRequest): SpawnRequest {
  const lead = shimCaller(ctx);
  if (!lead) return req;
  const { set, unset } = inheritedEnv(lead.launch.env);
  const out: SpawnRequest = { ...req, tmuxShim: lead.tmuxShim, setEnv: { ...set, ...req.setEnv }, unsetEnv: [...unset, ...(req.unsetEnv ?? [])] };
  if (!teammateCommand(req.argv)) return out;
  // A teammate's own shim call (it has the shim too) is its lead's.
  const leadId = teammateOf(lead)?.lead ?? lead.id;
  const hooks = claudeOf(lead)?.hooks ?? claudeOf(ctx.server.model.panes.get(leadId) ?? lead)?.hooks;
  return { ...out, asks: { ...out.asks, teammate: { lead: leadId, ...(hooks ? { hooks } : {}) } } };
}
