/*
 * The hooks a new Claude pane gets (launch.ts asks): the kind chosen for its claude
 * (hook-kind.ts, from `[claude] hooks` and `claude --version`) and the `--settings`
 * arguments that give them — for http, this server's endpoint (hook-endpoint.ts), started
 * with the first such pane and kept until the server exits. An endpoint that cannot
 * listen falls back to command hooks, and says so. A teammate pane (teammate.ts) gets
 * the full settings of its lead's kind (fullHooksOf).
 */
import type { Server } from '../server/server.js';
import { serverFileStem } from '../core/paths.js';
import { awarenessOf } from './awareness.js';
import { claudeVersion } from './claude-version.js';
import { HookEndpoint } from './hook-endpoint.js';
import { chooseHookKind, type PaneHooks } from './hook-kind.js';
import { writeHookSettings } from './hook-settings.js';

const endpoints = new WeakMap<Server, HookEndpoint>();

/** The server's http hook endpoint, if one has been started. */
export function hookEndpointOf(server: Server): HookEndpoint | undefined {
  return endpoints.get(server);
}

/** Start (once) and return the base URL of the server's endpoint. */
async function endpointUrl(server: Server): Promise<string> {
  let ep = endpoints.get(server);
  if (!ep) {
    const aw = awarenessOf(server);
    if (!aw) throw new Error('no Claude awareness in this server');
    ep = new HookEndpoint(aw, server.log);
    endpoints.set(server, ep);
  }
  return ep.start();
}

/**
 * Ask the version of the claude at `exe` (run with `env`) when the hooks depend on it: a
 * few hundred ms the first time, so launch.ts asks before it prepares the pane's dir.
 */
export function versionForHooks(server: Server, exe: string, env: Record<string, string>): Promise<string | undefined> {
  return server.claude.hooks === false ? Promise.resolve(undefined) : claudeVersion(exe, env);
}

/** The hooks for a pane whose claude says `version` (versionForHooks), and the claude arguments giving them. */
export async function hooksForPane(server: Server, version: Promise<string | undefined>): Promise<{ hooks: PaneHooks; args: string[] }> {
  const stateDir = server.opts.stateDir;
  let hooks = chooseHookKind(server.claude.hooks, await version);
  if (hooks.kind === 'off') return { hooks, args: [] };
  if (hooks.kind === 'http') {
    try {
      const baseUrl = await endpointUrl(server);
      return { hooks, args: ['--settings', writeHookSettings(stateDir, { server: serverFileStem(server.opts.socketPath), baseUrl }, hooks.lean)] };
    } catch (err) {
      server.log.warn({ err }, 'claude hook endpoint not started: command hooks instead');
      hooks = { ...hooks, kind: 'command', why: `the server's hook endpoint could not listen (${(err as Error).message}): command hooks instead` };
    }
  }
  return { hooks, args: ['--settings', writeHookSettings(stateDir, undefined, hooks.lean)] };
}

/**
 * The settings files of a pane's hook kind: the one it was given (`lean` when it was) and
 * the full one of the same kind — for a teammate, which gets its lead's `--settings` but
 * keeps no session file (teammate.ts). Undefined for hooks off.
 */
export async function fullHooksOf(server: Server, hooks: PaneHooks): Promise<{ lean: string; full: string } | undefined> {
  if (hooks.kind === 'off') return undefined;
  const stateDir = server.opts.stateDir;
  let http: { server: string; baseUrl: string } | undefined;
  if (hooks.kind === 'http') {
    try {
      http = { server: serverFileStem(server.opts.socketPath), baseUrl: await endpointUrl(server) };
    } catch {
      return undefined;
    }
  }
  const full = writeHookSettings(stateDir, http, false);
  return { lean: hooks.lean ? writeHookSettings(stateDir, http, true) : full, full };
}
