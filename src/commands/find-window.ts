/*
 * find-window (findw): look for windows whose name (-N), active title (-T) or visible
 * content (-C) match — all three by default — as a fnmatch(3) pattern `*match*`, a
 * regular expression with -r, ignoring case with -i; tmux 3.3a's flags and its filter,
 * evaluated for each pane as tmux evaluates it. Like tmux, it opens a chooser of the
 * matching windows (every window when none match) in the client; Enter goes to the
 * window and the pane that matched. tmux's chooser is its tree (choose-tree) in the
 * pane, which -Z zooms while it is open; ccmux's is the choose-window list, drawn over
 * the client's screen rather than in a pane, so there is no pane for -Z to zoom (it is
 * taken, for tmux's prefix f binding and scripts).
 */
import { defineCommand } from './types.js';
import { CommandError } from '../core/errors.js';
import { ListView } from '../server/client/modes.js';
import { expandFor } from '../server/format-vars.js';
import type { Pane } from '../server/pane.js';
import type { Session, Window } from '../server/window.js';
import { viewClient } from './view-client.js';

/**
 * tmux 3.3a's filter for find-window, the same format string: content (`#{C:…}`, the
 * line it is on), name and title (`#{m:*…*,…}`), or-ed two at a time; `/r` a regular
 * expression, `/i` ignoring case. The match string goes in as it is (tmux does not escape
 * it either).
 */
export function findWindowFilter(match: string, o: { C: boolean; N: boolean; T: boolean; r: boolean; i: boolean }): string {
  const all = !o.C && !o.N && !o.T;
  const suffix = o.r ? (o.i ? '/ri' : '/r') : o.i ? '/i' : '';
  const pattern = o.r ? match : `*${match}*`;
  const parts: string[] = [];
  if (all || o.C) parts.push(`#{C${suffix}:${match}}`);
  if (all || o.N) parts.push(`#{m${suffix}:${pattern},#{window_name}}`);
  if (all || o.T) parts.push(`#{m${suffix}:${pattern},#{pane_title}}`);
  return parts.reduceRight((rest, p) => `#{||:${p},${rest}}`);
}

/** A filter's result is true as tmux's format_true has it: not empty and not "0". */
const isTrue = (v: string) => v !== '' && v !== '0';

export default defineCommand({
  name: 'find-window',
  alias: ['findw'],
  help: 'Choose among the windows whose name, title or content match',
  args: { flags: 'iCNrTZ', options: 't', minArgs: 1, maxArgs: 1, names: { t: 'target-pane' }, positional: 'match-string', target: { kind: 'pane' } },
  run(ctx, a) {
    const { server } = ctx;
    const c = viewClient(ctx, a.target);
    if (!c) throw new CommandError('find-window needs an attached client showing the pane');
    const f = (x: string) => a.flags.has(x);
    const filter = findWindowFilter(a.args[0]!, { C: f('C'), N: f('N'), T: f('T'), r: f('r'), i: f('i') });
    const all: Array<{ s: Session; w: Window; p: Pane | undefined }> = [];
    const found: typeof all = [];
    for (const s of server.model.sessionsByName()) {
      for (const w of s.sorted()) {
        all.push({ s, w, p: undefined });
        const p = w.orderedPanes().find((x) => isTrue(expandFor(server, filter, { session: s, window: w, pane: x })));
        if (p) found.push({ s, w, p });
      }
    }
    const items = found.length ? found : all;
    const lines = items.map(({ s, w }) => expandFor(server, '#{session_name}:#{window_index}: #{window_name}#{window_flags} (#{window_panes} panes)', { session: s, window: w, pane: w.activePane }));
    const cur = Math.max(0, items.findIndex(({ w }) => w === c.session?.current));
    c.openMode(new ListView('find-window', lines, (i, cl) => {
      const it = items[i];
      if (!it || !server.model.sessions.includes(it.s) || !it.s.windows.includes(it.w)) return;
      if (it.p && it.w.panes.has(it.p.id)) server.model.selectPane(it.w, it.p.id);
      server.model.selectWindow(it.s, it.w);
      cl.switchTo(it.s);
    }, cur));
  },
});

