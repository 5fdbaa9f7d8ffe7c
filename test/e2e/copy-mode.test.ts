/*
 * End-to-end: scrollback, copy mode and the clipboard as a tmux user meets them, through
 * a real terminal: search a long history (into the archived part) with the matches
 * highlighted, select and copy with vi and emacs keys, paste into another pane, OSC 52 to
 * the outer terminal, mouse drag selection, wide characters and emoji kept whole; the
 * buffer commands (set/show/save/load/delete-buffer) and send-keys -X from the shell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, type OuterTerminal } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const INDICATOR = /\[\d+\/\d+\]/;
const osc52 = (text: string) => `\x1b]52;;${Buffer.from(text, 'utf8').toString('base64')}\x07`;

async function started(cols = 100, rows = 30, config?: string): Promise<OuterTerminal> {
  sb = new Sandbox(config === undefined ? {} : { config });
  const t = await sb.terminal([], cols, rows);
  await t.waitForScreen(/\[0\] 0:/);
  return t;
}

/** The row of the outer screen whose text is exactly `text`. */
function rowOf(t: OuterTerminal, text: string): number {
  return t.screen().findIndex((l) => l === text);
}

/** The background colour (palette index, or -1 for the default) of an outer-screen cell. */
function bgAt(t: OuterTerminal, x: number, y: number): number {
  const buf = t.term.buffer.active;
  const cell = buf.getLine(buf.viewportY + y)!.getCell(x)!;
  return cell.isBgDefault() ? -1 : cell.getBgColor();
}

/** show-buffer prints the buffer as it is (no newline added, as tmux). */
async function waitForBuffer(expected: string): Promise<void> {
  await waitFor(async () => (await sb.ccmux(['show-buffer'])).stdout === expected, 10_000, `show-buffer to print ${JSON.stringify(expected)}`);
}

describe('copy mode', () => {
  it('searches 3000 lines with /, copies a line with V Enter, and pastes it into another pane with prefix ]', async () => {
    const t = await started();
    t.type('seq 1 3000\r');
    await t.waitForScreen(/^3000$/m);
    t.prefix('[');
    await t.waitForScreen(/\[0\/\d+\]/);
    t.type('/');
    await t.waitForScreen('(search down)');
    t.type('2500\r');
    const lines = await t.waitForScreen((l) => l.includes('2500') && INDICATOR.test(l.join('\n')));
    const [, offset] = /\[(\d+)\/\d+\]/.exec(lines.join('\n'))!.map(Number);
    expect(offset).toBeGreaterThan(400);
    t.type('V');
    t.type('\r');
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
    await waitForBuffer('2500\n');
    expect(await sb.ok(['list-buffers'])).toBe('buffer0: 5 bytes: "2500\\n"\n');
    await waitFor(() => t.output.includes(osc52('2500\n')), 5000, 'the OSC 52 sequence');
    // paste into a new pane running cat: the line arrives as typed input
    await sb.ok(['split-window', '-h', 'cat']);
    await waitFor(async () => (await sb.panes()).length === 2);
    t.prefix(']');
    await t.waitForScreen((l) => l.some((s) => s.indexOf('2500') > 45));
    const right = (await sb.ok(['capture-pane', '-p', '-t', '%1'])).split('\n');
    expect(right.filter((l) => l === '2500').length).toBeGreaterThanOrEqual(1);
  });

  it('finds text in the archived history with ?, highlights every visible match, n goes on, Space e Enter copies a word', async () => {
    const t = await started();
    t.type('seq 1 3000\r');
    await t.waitForScreen(/^3000$/m);
    t.prefix('[');
    await t.waitForScreen(INDICATOR);
    t.type('?');
    await t.waitForScreen('(search up)');
    t.type('123\r');
    // searching up from the bottom: "2123" is the nearest, 877 lines back (in the archive)
    const lines = await t.waitForScreen((l) => l.includes('2123'));
    expect(Number(/\[(\d+)\//.exec(lines.join('\n'))![1])).toBeGreaterThan(600);
    await waitFor(() => bgAt(t, 1, rowOf(t, '2123')) === 5, 5000, 'the current match to be highlighted');
    t.type('n');
    await t.waitForScreen((l) => l.includes('1239'));
    await waitFor(() => bgAt(t, 0, rowOf(t, '1239')) === 5, 5000, 'the new current match');
    // other visible matches are highlighted too, differently; non-matching text is not
    expect(bgAt(t, 0, rowOf(t, '1238'))).toBe(6);
    expect(bgAt(t, 3, rowOf(t, '1238'))).toBe(-1);
    expect(bgAt(t, 0, rowOf(t, '1240'))).toBe(-1);
    t.type(' ');
    t.type('e');
    // The selection in mode-style (bg=yellow,fg=black), as tmux draws it.
    await waitFor(() => bgAt(t, 3, rowOf(t, '1239')) === 3, 5000, 'the selection to show');
    t.type('\r');
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
    await waitForBuffer('1239');
    expect(t.output).toContain(osc52('1239'));
  });

  it('dragging the border between two panes moves it with the mouse, both ways, as tmux', async () => {
    const t = await started(100, 30);
    await sb.ok(['split-window', '-h']);
    await sb.ok(['split-window', '-v']);
    const widths = async () => (await sb.ok(['list-panes', '-F', '#{pane_left},#{pane_top},#{pane_width}x#{pane_height}'])).trim().split('\n');
    await waitFor(async () => (await widths()).length === 3, 5000, 'three panes');
    expect(await widths()).toEqual(['0,0,50x29', '51,0,49x14', '51,15,49x14']);
    // The vertical border is column 50 (51 in the 1-based mouse coordinates): drag it 10 left.
    t.type('\x1b[<0;51;5M');
    t.type('\x1b[<32;46;5M');
    t.type('\x1b[<32;41;5M');
    t.type('\x1b[<0;41;5m');
    await waitFor(async () => (await widths())[0] === '0,0,40x29', 5000, 'the border to follow the mouse');
    expect(await widths()).toEqual(['0,0,40x29', '41,0,59x14', '41,15,59x14']);
    // The horizontal border of the right column is row 14 (15): drag it 5 down.
    t.type('\x1b[<0;60;15M\x1b[<32;60;20M\x1b[<0;60;20m');
    await waitFor(async () => (await widths())[1] === '41,0,59x19', 5000, 'the horizontal border to follow');
    expect(await widths()).toEqual(['0,0,40x29', '41,0,59x19', '41,20,59x9']);
    // After the release, moving the mouse moves nothing.
    t.type('\x1b[<32;30;5M');
    await sb.ok(['display', '-p', 'x']);
    expect((await widths())[0]).toBe('0,0,40x29');
  });

  it('a mouse drag selects from the press to the release and copies it', async () => {
    const t = await started();
    t.type('echo drag-me-please\r');
    await t.waitForScreen(/^drag-me-please$/m);
    const y = rowOf(t, 'drag-me-please') + 1; // 1-based
    t.type(`\x1b[<0;1;${y}M`);
    t.type(`\x1b[<32;4;${y}M`);
    await t.waitForScreen(INDICATOR); // dragging entered copy mode
    t.type(`\x1b[<32;7;${y}M`);
    t.type(`\x1b[<0;7;${y}m`);
    await waitForBuffer('drag-me');
    await waitFor(() => t.output.includes(osc52('drag-me')), 5000, 'the OSC 52 sequence');
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
    expect((await sb.panes())[0]!.in_mode).toBe(false);
    // a click alone copies nothing and does not enter copy mode
    t.type(`\x1b[<0;3;${y}M\x1b[<0;3;${y}m`);
    t.type('echo still-typing\r');
    await t.waitForScreen(/^still-typing$/m);
    expect(await sb.ok(['list-buffers'])).toBe('buffer0: 7 bytes: "drag-me"\n');
  });

  it('copies a line with CJK and emoji intact', async () => {
    const t = await started();
    const line = '漢字テキスト 😀 emoji 👍 end';
    t.type(`printf '%s\\n' '${line}'\r`);
    await t.waitForScreen((l) => l.includes(line) && l.filter((s) => s.includes('end')).length >= 2);
    t.prefix('[');
    await t.waitForScreen(INDICATOR);
    t.type('?');
    await t.waitForScreen('(search up)');
    t.type('emoji\r');
    // the cursor goes to the match: after 漢字テキスト (12 columns), a space, 😀 (2) and a space
    await waitFor(() => t.cursor().x === 16 && t.cursor().y === rowOf(t, line), 5000, 'the cursor on the match');
    t.type('0 $\r'); // $ goes past the text, as tmux's: the line's end is copied too
    await waitForBuffer(`${line}\n`);
    expect(t.output).toContain(osc52(`${line}\n`));
  });

  it('emacs keys with mode-keys emacs: C-r searches as it is typed, C-Space and C-e select, M-w copies; q leaves', async () => {
    const t = await started();
    await sb.ok(['set-option', 'mode-keys', 'emacs']);
    await sb.ok(['set-option', 'set-clipboard', 'off']);
    t.type('seq 1 200\r');
    await t.waitForScreen(/^200$/m);
    t.prefix('[');
    await t.waitForScreen(INDICATOR);
    t.type('\x12'); // C-r
    await t.waitForScreen('(search up)');
    t.type('150\r');
    await t.waitForScreen((l) => l.includes('150') && /\[\d+\/\d+\]/.test(l.join('\n')));
    t.type('\x00'); // C-Space
    t.type('\x05'); // C-e
    t.type('\x1bw'); // M-w
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
    await waitForBuffer('150');
    expect(await sb.ok(['list-buffers'])).toBe('buffer0: 3 bytes: "150"\n');
    expect(t.output).not.toContain('\x1b]52;'); // set-clipboard off: the buffer only
    t.prefix('[');
    await t.waitForScreen(INDICATOR);
    t.type('k'); // not an emacs key: nothing happens
    t.type('q');
    await t.waitForScreen((l) => !INDICATOR.test(l.join('\n')));
  });

  it('capture-pane -e keeps the colours of lines that moved into the archive', async () => {
    const t = await started();
    t.type("printf '\\033[31mred-archived\\033[0m\\n'; seq 1 1000\r");
    await t.waitForScreen(/^1000$/m);
    const out = await sb.ok(['capture-pane', '-p', '-e', '-S', '-']);
    // As tmux writes it: the colour set, never reset at the line's end, the next line's default set again.
    expect(out).toContain('\x1b[31mred-archived\n\x1b[39m1\n');
  });
});

describe('paste buffers and send-keys -X from the shell', () => {
  it('set-buffer, show-buffer, save-buffer, load-buffer, delete-buffer', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'b']);
    await sb.ok(['set-buffer', '-b', 'mine', 'hello world']);
    await sb.ok(['set-buffer', '-a', '-b', 'mine', '!']);
    expect(await sb.ok(['show-buffer', '-b', 'mine'])).toBe('hello world!');
    await sb.ok(['save-buffer', '-b', 'mine', 'saved.txt']);
    expect(fs.readFileSync(path.join(sb.home, 'saved.txt'), 'utf8')).toBe('hello world!');
    fs.writeFileSync(path.join(sb.home, 'in.txt'), 'from a file\nline two\n');
    await sb.ok(['load-buffer', '-b', 'loaded', 'in.txt']);
    expect(await sb.ok(['show-buffer'])).toBe('from a file\nline two\n');
    expect(await sb.ok(['list-buffers'])).toBe('loaded: 21 bytes: "from a file\\nline two\\n"\nmine: 12 bytes: "hello world!"\n');
    await sb.ok(['delete-buffer', '-b', 'mine']);
    const gone = await sb.ccmux(['show-buffer', '-b', 'mine']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no buffer mine');
    const missing = await sb.ccmux(['load-buffer', 'nosuch.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${path.join(sb.home, 'nosuch.txt')}: No such file or directory`);
  });

  it('send-keys -X runs copy-mode commands by their tmux names', async () => {
    sb = new Sandbox();
    await sb.ok(['new', '-d', '-s', 'x', 'seq 1 500; exec cat']);
    await waitFor(async () => (await sb.ok(['capture-pane', '-p', '-t', 'x'])).includes('500'));
    const notInMode = await sb.ccmux(['send-keys', '-X', '-t', 'x', 'cancel']);
    expect(notInMode.stderr).toContain('not in a mode');
    await sb.ok(['copy-mode', '-t', 'x']);
    await sb.ok(['send-keys', '-t', 'x', '-X', 'search-backward', '429']);
    await sb.ok(['send-keys', '-t', 'x', '-X', 'begin-selection']);
    await sb.ok(['send-keys', '-t', 'x', '-X', 'end-of-line']);
    await sb.ok(['send-keys', '-t', 'x', '-X', 'copy-selection-and-cancel']);
    expect(await sb.ok(['show-buffer'])).toBe('429\n');
    expect((await sb.panes())[0]!.in_mode).toBe(false);
    await sb.ok(['copy-mode', '-t', 'x']);
    const bad = await sb.ccmux(['send-keys', '-t', 'x', '-X', 'serch-forward', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown copy-mode command: serch-forward (did you mean "search-forward"?)');
  });

  it('a regular expression too slow to search the history with gives up, says so, and the server goes on answering', async () => {
    const t = await started(80, 24);
    await sb.ok(['set', '-g', 'history-limit', '50000']);
    t.type('seq 1 50000\r');
    await t.waitForScreen(/^50000$/m);
    await sb.ok(['copy-mode']);
    // 300 optional groups over 50,000 lines: about 20 times the search's budget (SEARCH_MS)
    // here (145 ms a thousand lines, measured), so no machine finishes it in time.
    await sb.ok(['send', '-X', 'search-backward', `${'(q?)'.repeat(300)}z`]);
    await t.waitForScreen(/search timed out/);
    expect((await sb.ok(['display', '-p', '#{pane_in_mode} #{search_present}'])).trim()).toBe('1 0');
    // A search that can be done is done.
    await sb.ok(['send', '-X', 'search-backward', '^99+$']);
    expect((await sb.ok(['display', '-p', '#{search_present} #{search_match}'])).trim()).toBe('1 9999');
  });
});
