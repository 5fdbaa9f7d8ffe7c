/*
 * choose-profile: pick a Claude profile from a list (prefix P) — "default" and each
 * [claude.profiles.NAME] with its isolation method and the base config it is seeded
 * from — and Enter splits the pane with a Claude pane of that profile. From the CLI
 * (no attached client) it prints the same list.
 */
import path from 'node:path';
import { defineCommand } from './types.js';
import { ListView } from '../server/client/modes.js';
import { quoteArgv } from '../core/parse-command.js';
import { resolveBase } from '../claude/plan.js';

/** A path under HOME as `~/...`, for a list people read. */
function tilde(p: string, home: string): string {
  if (p === home) return '~';
  return p.startsWith(`${home}/`) ? `~/${path.relative(home, p)}` : p;
}

export default defineCommand({
  name: 'choose-profile',
  help: 'Choose a Claude profile and split the pane with a Claude pane using it',
  args: { flags: '', options: '', minArgs: 0, maxArgs: 0 },
  run(ctx) {
    const { server } = ctx;
    const settings = server.claude;
    const home = server.opts.home;
    const session = ctx.client?.session;
    const env = session ? server.spawnEnv(session.environ) : ctx.caller.env;
    const names = Object.keys(settings.profiles).sort();
    const rows = [undefined, ...names].map((name) => {
      const profile = name === undefined ? undefined : settings.profiles[name];
      const method = profile?.method ?? settings.isolation.method;
      const base = tilde(resolveBase(settings, profile, env, home).dir, home);
      const key = profile?.api_key_env ? `, API key from $${profile.api_key_env}` : '';
      return { name, cols: [name ?? 'default', method, `${base}${key}`] };
    });
    const width = (i: number) => Math.max(...rows.map((r) => r.cols[i]!.length));
    const text = (r: (typeof rows)[number]) => `${r.cols[0]!.padEnd(width(0))}  ${r.cols[1]!.padEnd(width(1))}  ${r.cols[2]}`;
    const c = ctx.client;
    if (!c) {
      for (const r of rows) ctx.out(`${text(r)}\n`);
      return;
    }
    const lines = rows.map((r, i) => `(${i}) ${text(r)}`);
    c.openMode(new ListView('choose-profile', lines, async (i, cl) => {
      const r = rows[i];
      if (!r) return;
      await cl.runBinding(quoteArgv(['split-window', '--claude', ...(r.name === undefined ? [] : ['--profile', r.name])]));
    }));
  },
});
