/*
 * End-to-end: styles reach the user's terminal (issue 15.4). A program in a pane prints a
 * word in each style — bold, dim, italic, blink, inverse, hidden, strikethrough, overline,
 * each underline style, underline colours in every form, a hyperlink — and the attached
 * client's terminal (a headless xterm parsing what ccmux sent it) must show each word in
 * its style. A second client on the same session whose TERM terminal-features does not
 * name (linux) is sent single underlines in the text's colour and no hyperlinks, and
 * nothing it would misread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, type OuterTerminal } from './harness.js';
import { cellExtended, cellFgWord, linkData, underlineColourOf, underlineStyleOf, type HeadlessTerminal } from '../../src/render/xterm.js';
import { RGB_FLAG } from '../../src/render/style.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const E = '\\033';
/** The words, each in its style, three lines of them; then DONE. */
const SCRIPT = [
  `printf 'W1 ${E}[1mbold${E}[0m ${E}[2mdim${E}[0m ${E}[3mitalic${E}[0m ${E}[5mblink${E}[0m ${E}[7minverse${E}[0m ${E}[8mhidden${E}[0m ${E}[9mstrike${E}[0m ${E}[53mover${E}[0m\\n'`,
  `printf 'W2 ${E}[4msingle${E}[0m ${E}[4:2mdouble${E}[0m ${E}[4:3mcurly${E}[0m ${E}[4:4mdotted${E}[0m ${E}[4:5mdashed${E}[0m ${E}[21mdbl21${E}[0m\\n'`,
  `printf 'W3 ${E}[4;58;2;255;0;10mulrgb${E}[0m ${E}[4:3;58:2::1:2:3mulcolon${E}[0m ${E}[4;58;5;196mulpal${E}[0m ${E}[4;58;5;2;59mulreset${E}[0m\\n'`,
  `printf 'W4 ${E}]8;;https://example.com/doc${E}\\\\link${E}]8;;${E}\\\\ after\\n'`,
  `echo DONE`,
].join('; ');

interface Shown {
  ch: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  blink: boolean;
  inverse: boolean;
  hidden: boolean;
  strike: boolean;
  over: boolean;
  underline: number;
  ul: number;
  link: string;
}

/** The first cell of `word` on the client's screen, as its terminal shows it. */
function shown(t: OuterTerminal, word: string): Shown {
  const lines = t.screen();
  const y = lines.findIndex((l) => new RegExp(`(^| )${word}( |$)`).test(l));
  if (y < 0) throw new Error(`${word} not on screen:\n${lines.join('\n')}`);
  const x = lines[y]!.search(new RegExp(`(?<=^| )${word}(?= |$)`));
  const buf = t.term.buffer.active;
  const cell = buf.getLine(buf.viewportY + y)!.getCell(x)!;
  const ext = cellExtended(cell);
  const underline = underlineStyleOf(cellFgWord(cell), ext);
  return {
    ch: cell.getChars(),
    bold: !!cell.isBold(),
    dim: !!cell.isDim(),
    italic: !!cell.isItalic(),
    blink: !!cell.isBlink(),
    inverse: !!cell.isInverse(),
    hidden: !!cell.isInvisible(),
    strike: !!cell.isStrikethrough(),
    over: !!cell.isOverline(),
    underline,
    ul: underline ? underlineColourOf(ext) : -1,
    link: ext?.urlId ? (linkData(t.term as unknown as HeadlessTerminal, ext.urlId)?.uri ?? '') : '',
  };
}

const PLAIN: Omit<Shown, 'ch'> = { bold: false, dim: false, italic: false, blink: false, inverse: false, hidden: false, strike: false, over: false, underline: 0, ul: -1, link: '' };

describe('styles reach the user\'s terminal', () => {
  it('shows every attribute, underline style and colour, and hyperlinks; a terminal without them gets plain underlines', async () => {
    sb = new Sandbox();
    const script = path.join(sb.dir, 'styles.sh');
    fs.writeFileSync(script, `${SCRIPT}\n`);
    const t = await sb.terminal([], 100, 20, { env: { TERM: 'xterm-256color' } });
    await t.waitForScreen(/\[0\] 0:/);
    t.type(`clear; sh ${script}\r`);
    await t.waitForScreen(/^DONE$/m);
    const want: Record<string, Partial<Shown>> = {
      W1: {},
      bold: { bold: true },
      dim: { dim: true },
      italic: { italic: true },
      blink: { blink: true },
      inverse: { inverse: true },
      hidden: { hidden: true },
      strike: { strike: true },
      over: { over: true },
      single: { underline: 1 },
      double: { underline: 2 },
      curly: { underline: 3 },
      dotted: { underline: 4 },
      dashed: { underline: 5 },
      dbl21: { underline: 2 },
      ulrgb: { underline: 1, ul: RGB_FLAG | 0xff000a },
      ulcolon: { underline: 3, ul: RGB_FLAG | 0x010203 },
      ulpal: { underline: 1, ul: 196 },
      ulreset: { underline: 1, ul: -1 },
      link: { link: 'https://example.com/doc' },
      after: {},
    };
    for (const [word, style] of Object.entries(want)) {
      expect({ word, ...shown(t, word) }).toEqual({ word, ch: word[0], ...PLAIN, ...style });
    }
    // As sent: the colon forms, and the link with an id of ccmux's (as tmux 3.4 does).
    expect(t.output).toMatch(/\x1b\[[0-9;:]*4:3[;m]/);
    expect(t.output).toContain('58:2::255:0:10');
    expect(t.output).toContain('58:5:196');
    expect(t.output).toMatch(/\x1b\]8;id=ccmux\d+;https:\/\/example\.com\/doc\x1b\\link(\x1b\[\d*C)?\x1b\]8;;\x1b\\/);

    // A second client, on the Linux console: the same words, plain underlines, no links.
    const linux = await sb.terminal([], 100, 20, { env: { TERM: 'linux' } });
    await linux.waitForScreen(/^DONE$/m);
    for (const [word, style] of Object.entries(want)) {
      const plain = { ...style, underline: style.underline ? 1 : 0, ul: -1, link: '' };
      expect({ word, ...shown(linux, word) }).toEqual({ word, ch: word[0], ...PLAIN, ...plain });
    }
    // Inside an SGR sequence only: the status line's clock (04:52) is text that matched once.
    expect(linux.output).not.toMatch(/\x1b\[[0-9;:]*(4:[0-9]|58[:;])|\x1b\]8;/);
  });
});
