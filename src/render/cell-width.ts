/*
 * How many terminal columns a character takes, and how text splits into cells.
 *
 * The answer must be exactly the one the panes' xterm instances and the client's
 * terminal give, or the ScreenWriter's idea of the cursor drifts from the real one.
 * Rather than keep a copy of a width table, we borrow the provider that
 * @xterm/addon-unicode11 registers on a terminal: its `activate` only calls
 * `terminal.unicode.register(provider)`, so a stand-in terminal catches it.
 *
 * Cell splitting follows the same provider's join rule: a zero-width code point joins
 * the cell before it; anything else starts a new cell. C0/C1 controls are dropped.
 */

import u11 from '@xterm/addon-unicode11';

interface WidthProvider {
  wcwidth(codepoint: number): 0 | 1 | 2;
}

function captureUnicode11(): WidthProvider {
  let provider: WidthProvider | undefined;
  const standIn = { unicode: { register: (p: WidthProvider) => (provider = p) } };
  new u11.Unicode11Addon().activate(standIn as never);
  if (!provider) throw new Error('@xterm/addon-unicode11 did not register a width provider');
  return provider;
}

const unicode11 = captureUnicode11();

/** Columns taken by one code point under Unicode 11 rules: 0 (combining/control), 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  if (cp < 127) return cp < 32 ? 0 : 1;
  return unicode11.wcwidth(cp);
}

/** Columns taken by a cell's text: the width of its first code point. */
export function cellWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0);
  return cp === undefined ? 0 : codePointWidth(cp);
}

function isControl(cp: number): boolean {
  return cp < 32 || (cp >= 0x7f && cp < 0xa0);
}

/**
 * Split `text` into cells as a terminal would print it, calling `emit(ch, width)` for each.
 * Zero-width code points with nothing to join (at the very start) are dropped.
 */
export function forEachCell(text: string, emit: (ch: string, width: 1 | 2) => boolean | void): void {
  let cell = '';
  let width: 0 | 1 | 2 = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    i += len;
    if (isControl(cp)) continue;
    const w = codePointWidth(cp);
    if (w === 0) {
      if (cell) cell += String.fromCodePoint(cp);
      continue;
    }
    if (cell && emit(cell, width as 1 | 2) === false) return;
    cell = String.fromCodePoint(cp);
    width = w;
  }
  if (cell) emit(cell, width as 1 | 2);
}

/** Columns `text` takes when printed. */
export function textWidth(text: string): number {
  let cols = 0;
  forEachCell(text, (_ch, w) => {
    cols += w;
  });
  return cols;
}
