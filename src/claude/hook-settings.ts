/*
 * The settings file ccmux gives every Claude pane with `--settings <file>`: a hook for
 * each event ccmux follows, running ccmux's hook entry point. claude merges these with
 * the hooks of the pane's own settings.json (the user's, linked from their base config):
 * both fire, nothing of the user's is replaced. One file serves every pane — the hook
 * learns its pane from $CCMUX_PANE_ID, which claude passes on to hooks. The hooks are
 * async: claude goes on at once instead of waiting ~45 ms for each (a node start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOOK_EVENTS } from './state-machine.js';

/** Quote for sh -c. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The settings JSON: every event → `node <dist>/cli/hook.js <Event>`. */
export function hookSettings(nodePath: string, hookScript: string): object {
  const hooks: Record<string, unknown> = {};
  for (const ev of HOOK_EVENTS) {
    // async: claude does not wait for the hook (2.1.197: a 2 s hook cost a tool call 2 s
    // without it, nothing with it; docs/claude-real.md). Reports carry their start time
    // and claude's session file settles what order cannot (awareness.ts).
    hooks[ev] = [{ matcher: '*', hooks: [{ type: 'command', command: `${shQuote(nodePath)} ${shQuote(hookScript)} ${ev}`, timeout: 10, async: true }] }];
  }
  return { hooks };
}

/** Write (or refresh) `<state>/claude-hooks.json`; returns its path. */
export function writeHookSettings(stateDir: string): string {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'hook.js');
  const file = path.join(stateDir, 'claude-hooks.json');
  const text = JSON.stringify(hookSettings(process.execPath, script), null, 2) + '\n';
  let current = '';
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    /* absent */
  }
  if (current !== text) {
    const tmp = `${file}.tmp.${process.pid}`;
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  return file;
}
