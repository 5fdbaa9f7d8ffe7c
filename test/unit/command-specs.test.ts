/*
 * Every command's spec is what it does: the usage line is made from the flags it takes
 * (usageOf), and every flag it takes is read by its code — a flag that is not
 * implemented is rejected as unknown, never accepted and ignored. The second check reads
 * each command's source for the flag (a.flags.has('x') / a.values.get('x')); flags read
 * by shared helpers are listed here with the helper that reads them.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.js';
import { parseArgs, usageOf, UsageError } from '../../src/commands/args.js';

const DIR = fileURLToPath(new URL('../../src/commands/', import.meta.url));
const SOURCES = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(DIR + f, 'utf8'));

/** Flags read by a helper a command hands its parsed args to. */
const READ_BY_HELPERS: Record<string, string> = {
  'new-session': 'ce' /* paneRequest */ + 'xy' /* sessionSize */,
  'new-window': 'ce' /* paneRequest */,
  'link-window': 'ab' /* destIndex (move-window.ts) */,
  'split-window': 'ce' /* paneRequest */,
  'list-panes': 'Ff' /* printList */,
  'list-windows': 'Ff' /* printList */,
  'list-sessions': 'Ff' /* printList */,
  'swap-pane': 'D' /* the default direction: -D is the absence of -U */,
  'rotate-window': 'U' /* the default direction: -U is the absence of -D */,
  // tmux's -Z zooms the pane its chooser is in while open; ccmux's chooser is over the client's screen, in no pane.
  'find-window': 'Z',
  'select-pane': 'DLRU' /* looked up in a list */,
  'bind-key': 'nT' /* tableAndKey */,
  'command-prompt': 'b' /* ccmux never waits for the answer: -b is what it always does */,
  'set-hook': 'gpw' /* placeOf (hook-place.ts); -w, as in tmux, says what the hook's own level says already */,
  'unbind-key': 'nT' /* tableAndKey */,
  'next-window': 't' /* selectWindowShortcut */,
  'previous-window': 't' /* selectWindowShortcut */,
  'last-window': 't' /* selectWindowShortcut */,
  // Where an option is set or shown (-g -p -s -w) is decided in option-place.ts.
  'set-option': 'gpsw',
  'show-options': 'gpsw',
  // setw and showw run set-option's and show-options' code, which read every flag.
  'set-window-option': 'aFgopqstuU',
  'show-window-options': 'Agpqsv',
  'refresh-client': 'ABCfF' /* refreshControl */,
  'respawn-window': 'ce' /* respawn, in respawn-pane.ts */,
  // last-pane is select-pane's selectLastPane, which reads -d -e -Z.
  'last-pane': 'deZ',
  // next-window and previous-window are select-window's selectWindowShortcut, which reads -a.
  'next-window': 'a',
  'previous-window': 'a',
  // wait with a channel is tmux's alias of wait-for: waitFor (wait-for.ts) reads -L -S -U.
  wait: 'LSU',
};

function sourceOf(name: string): string {
  const src = SOURCES.find((s) => s.includes(`name: '${name}'`) || s.includes(`selectWindowShortcut('${name}'`));
  if (!src) throw new Error(`no source for ${name}`);
  return src;
}

describe('command specs', () => {
  it('every usage line shows every flag and long option the command takes, and nothing else', () => {
    for (const c of COMMANDS) {
      expect(c.usage, c.name).toBe(usageOf(c.args));
      for (const f of c.args.flags) expect(c.usage, `${c.name} -${f}`).toMatch(new RegExp(`\\[-[A-Za-z0-9]*${f}[A-Za-z0-9]*\\]`));
      for (const o of c.args.options) expect(c.usage, `${c.name} -${o}`).toContain(`[-${o} `);
      for (const l of Object.keys(c.args.long ?? {})) expect(c.usage, `${c.name} --${l}`).toContain(`[--${l}`);
    }
  });

  it('every flag a command takes is read by it (none accepted and ignored)', () => {
    const ignored: string[] = [];
    for (const c of COMMANDS) {
      const src = sourceOf(c.name);
      const helpers = READ_BY_HELPERS[c.name] ?? '';
      for (const f of [...c.args.flags, ...c.args.options]) {
        if (helpers.includes(f) || (f === 't' && c.args.target) || (f === 's' && c.args.source)) continue; // declared targets are read by the dispatcher
        if (!new RegExp(`(flags|values)\\.(has|get)\\('${f}'\\)`).test(src) && !src.includes(`'${f}'`)) ignored.push(`${c.name} -${f}`);
      }
    }
    expect(ignored).toEqual([]);
  });

  it('no command resolves its -t or -s by hand: it declares what they name and gets them resolved', () => {
    // declared-targets.ts is the dispatcher's own resolving.
    const byHand = SOURCES.filter((s) => !s.includes('export function resolveDeclared') && /resolve(Pane|Window|Session|WindowIndex)\(ctx, a\.values\.get\('[ts]'\)\)/.test(s));
    expect(byHand.map((s) => /name: '([^']+)'/.exec(s)?.[1])).toEqual([]);
    const declared = COMMANDS.filter((c) => c.args.target).map((c) => c.name);
    expect(declared.length).toBeGreaterThanOrEqual(24);
    for (const c of COMMANDS.filter((x) => x.args.target)) expect(c.args.options, c.name).toContain('t');
    for (const c of COMMANDS.filter((x) => x.args.source)) expect(c.args.options, c.name).toContain('s');
  });

  it('a flag that is not implemented is refused as unknown, with the usage', () => {
    // display-message -v (tmux's: log each step of the format's expansion) is not there.
    const display = COMMANDS.find((c) => c.name === 'display-message')!;
    expect(() => parseArgs(display.args, ['-v'])).toThrow(UsageError);
    const set = COMMANDS.find((c) => c.name === 'set-option')!;
    expect(() => parseArgs(set.args, ['-Z', 'status', 'on'])).toThrow(/unknown flag -Z/);
    expect(usageOf({ flags: 'dZbP', options: 'tc', names: { t: 'target-pane' }, minArgs: 0, maxArgs: -1, long: { claude: 'flag' }, positional: '[cmd]' })).toBe(
      '[-bdPZ] [-c value] [-t target-pane] [--claude] [cmd]',
    );
  });
});
