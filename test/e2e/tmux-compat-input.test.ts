/*
 * tmux's input options side by side with tmux 3.3a: the same panes in both, running a
 * program that appends every byte it reads to a file (test/fixtures/dump-input.py), the
 * same keys typed into an attached client of each and the same commands run; then what
 * each pane received is compared byte for byte, and what each outer terminal was sent
 * (titles, focus reporting) is compared too. Covers synchronize-panes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, hasTmux, waitFor } from './harness.js';
import { SideBySide, script, type Attached, type Run } from './lib/side-by-side.js';

const DUMP = path.join(ROOT, 'test', 'fixtures', 'dump-input.py');

let both: SideBySide | undefined;

afterEach(async () => {
  await both?.dispose();
  both = undefined;
});

/** The shell command of a pane that dumps its input into `file`, having first written `asks` to its terminal. */
function dump(file: string, ...asks: string[]): string {
  return ['python3', DUMP, file, ...asks].map((a) => `'${a}'`).join(' ');
}

/** The two sides: how to run a command, the client to type into, where their panes' files go. */
interface Side {
  run: Run;
  dir: string;
}

function sides(b: SideBySide): { tmux: Side; ccmux: Side } {
  const make = (name: string): Side => {
    const dir = path.join(b.sb.dir, `input-${name}`);
    fs.mkdirSync(dir, { recursive: true });
    return { run: name === 'tmux' ? b.tmux : b.ccmux, dir };
  };
  return { tmux: make('tmux'), ccmux: make('ccmux') };
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'latin1') : '');

/** Run `steps` on one side, failing on the first that fails. */
async function ok(side: Side, steps: string[][]): Promise<void> {
  for (const s of steps) {
    const r = await side.run(s);
    if (r.code !== 0) throw new Error(`${s.join(' ')}: ${r.err}`);
  }
}

describe.skipIf(!hasTmux())('synchronize-panes, side by side with tmux 3.3a', () => {
  it('sends typed keys, a paste and send-keys to every synchronized pane not in a mode, each encoded for its program', async () => {
    both = await new SideBySide().start();
    const s = sides(both);
    const files = (side: Side) => ['a', 'b', 'c', 'd'].map((n) => path.join(side.dir, n));
    for (const side of [s.tmux, s.ccmux]) {
      const [a, b, c, d] = files(side);
      await ok(side, [
        // Both ask for bracketed paste (tmux 3.3a passes a paste's markers on even to a program
        // that did not, ccmux only to one that did); b's asks for application cursor keys too.
        ['new-session', '-d', '-s', 'sy', '-x', '80', '-y', '24', dump(a, '\\e[?2004h')],
        ['split-window', '-t', 'sy', dump(b, '\\e[?1h\\e[?2004h')],
        ['split-window', '-t', 'sy', dump(c)],
        ['split-window', '-t', 'sy', dump(d)],
        ['select-layout', '-t', 'sy', 'tiled'],
      ]);
      await waitFor(() => [a, b, c, d].every((f) => fs.existsSync(f)), 10_000, 'the dump programs to start');
    }
    const setup = [
      ['set', '-w', '-t', 'sy', 'synchronize-panes', 'on'],
      ['set', '-p', '-t', 'sy:0.3', 'synchronize-panes', 'off'],
      ['copy-mode', '-t', 'sy:0.2'],
      ['select-pane', '-t', 'sy:0.0'],
      ['show', '-w', '-t', 'sy'],
      ['show', '-p', '-t', 'sy:0.3'],
      ['show', '-gw', 'synchronize-panes'],
      ['display', '-p', '-t', 'sy:0.0', '#{pane_synchronized}#{synchronize-panes}'],
      ['display', '-p', '-t', 'sy:0.3', '#{pane_synchronized}#{synchronize-panes}'],
    ];
    expect(await script(s.ccmux.run, setup)).toEqual(await script(s.tmux.run, setup));
    const clients = await both.attach('sy');
    const typeAll = async (side: Side, client: Attached) => {
      const [a, b] = files(side);
      client.type('ab');
      client.type('\x1b[A');
      client.type('\x1b[200~P q\x1b[201~');
      await waitFor(() => read(a).endsWith('\x1b[201~') && read(b).endsWith('\x1b[201~'), 10_000, 'the typed keys').catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(files(side).map(read))}`);
      });
      await ok(side, [['send-keys', '-t', 'sy:0.1', 'X', 'Up', 'Enter']]);
      await waitFor(() => read(a).endsWith('\r'), 10_000, 'send-keys');
      client.type('Z');
      await waitFor(() => read(a).endsWith('Z') && read(b).endsWith('Z'), 10_000, 'the last key');
    };
    await typeAll(s.tmux, clients.tmux);
    await typeAll(s.ccmux, clients.ccmux);
    const got = (side: Side) => files(side).map(read);
    const theirs = got(s.tmux);
    expect(theirs[0]).toBe('ab\x1b[A\x1b[200~P q\x1b[201~X\x1b[A\rZ');
    expect(theirs[1]).toBe('ab\x1bOA\x1b[200~P q\x1b[201~X\x1bOA\rZ');
    expect(got(s.ccmux)).toEqual(theirs);
  }, 90_000);
});
