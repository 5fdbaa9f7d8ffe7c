/*
 * Things a client can have open over its screen, each taking the client's input until
 * closed: a scrollable list (command output, list-keys, choose-session/window), a
 * one-line prompt in the status line (command-prompt, rename; a one-key one is
 * confirm-before's y/n, e.g. prefix x), with its history. Each paints itself and says
 * where the cursor goes.
 */
import { backwardWord, endWord, forwardWord, viPromptKey, type PromptKeyMode } from '../../core/prompt-keys.js';
import type { InputEvent } from '../../core/input-decoder.js';
import type { Grid } from '../../render/grid.js';
import { paintBox, centerRect, boxSize } from '../../render/overlay.js';
import type { CursorState } from '../../render/screen-writer.js';
import type { Rect } from '../../render/style.js';
import { paintPromptLine } from './status-message.js';
import type { AttachedClient, ClientMode, PaintArea } from './handle.js';

export type { ClientMode, PaintArea } from './handle.js';

const LIST_STYLE = {};
const SELECTED = { flags: 32 };

/** A scrollable list in a box; with `onChoose`, a chooser whose Enter picks the highlighted line. */
export class ListView implements ClientMode {
  private top = 0;
  private sel = 0;
  private height = 10;

  constructor(
    readonly title: string,
    readonly lines: string[],
    readonly onChoose?: (index: number, c: AttachedClient) => void | Promise<void>,
    initial = 0,
  ) {
    this.sel = Math.max(0, Math.min(initial, lines.length - 1));
  }

  handle(ev: InputEvent, c: AttachedClient): void | Promise<void> {
    if (ev.type === 'mouse') {
      if (ev.action === 'wheelUp') this.move(-3);
      else if (ev.action === 'wheelDown') this.move(3);
      c.redraw();
      return;
    }
    if (ev.type !== 'key') return;
    switch (ev.key) {
      case 'q': case 'Escape': case 'C-c': c.closeMode(); return;
      case 'Up': case 'k': case 'C-p': this.move(-1); break;
      case 'Down': case 'j': case 'C-n': this.move(1); break;
      case 'PPage': case 'C-b': this.move(-this.height); break;
      case 'NPage': case 'C-f': case 'Space': this.move(this.height); break;
      case 'g': case 'Home': this.move(-Infinity); break;
      case 'G': case 'End': this.move(Infinity); break;
      case 'Enter':
        if (this.onChoose) {
          c.closeMode();
          return this.onChoose(this.sel, c);
        }
        c.closeMode();
        return;
      default:
        if (this.onChoose && /^[0-9]$/.test(ev.key) && Number(ev.key) < this.lines.length) {
          c.closeMode();
          return this.onChoose(Number(ev.key), c);
        }
    }
    c.redraw();
  }

  private move(by: number): void {
    const max = Math.max(0, this.lines.length - 1);
    if (this.onChoose) {
      this.sel = Math.max(0, Math.min(max, this.sel + (Number.isFinite(by) ? by : by > 0 ? max : -max)));
      if (this.sel < this.top) this.top = this.sel;
      if (this.sel >= this.top + this.height) this.top = this.sel - this.height + 1;
    } else {
      const last = Math.max(0, this.lines.length - this.height);
      this.top = Math.max(0, Math.min(last, this.top + (Number.isFinite(by) ? by : by > 0 ? last : -last)));
    }
  }

  paint(grid: Grid, where: PaintArea): CursorState | null {
    const { area } = where;
    this.height = Math.max(1, Math.min(this.lines.length, area.rows - 2));
    if (this.onChoose && this.sel >= this.top + this.height) this.top = this.sel - this.height + 1;
    const shown = this.lines.slice(this.top, this.top + this.height);
    const size = boxSize(this.title, this.lines.slice(0, 200));
    const rect = centerRect(grid, Math.min(size.cols, area.cols), Math.min(this.height + 2, area.rows));
    rect.y = Math.max(area.y, rect.y);
    const rows = shown.map((text, i) =>
      this.onChoose && this.top + i === this.sel ? [{ text, style: SELECTED }] : [{ text }],
    );
    const more = this.lines.length > this.height ? ` [${this.top + 1}-${this.top + shown.length}/${this.lines.length}]` : '';
    paintBox(grid, rect, this.title + more, rows, LIST_STYLE);
    return null;
  }
}

/**
 * How a prompt answers (command-prompt's flags): `single` (-1) the first key typed is the
 * answer; `numeric` (-N) digits only, any other key answers with them; `key` (-k) the
 * name of the first key pressed is the answer; `incremental` (-i) every change is sent as
 * it happens (`=text`, or `-text` / `+text` after C-r / C-s), Enter just closes it.
 */
export type PromptKind = 'line' | 'single' | 'numeric' | 'key' | 'incremental';

export interface PromptOptions {
  kind?: PromptKind;
  /** The history Up and Down walk, and where a submitted line goes. */
  history?: { lines(): readonly string[]; add(line: string): void };
  /** Incremental prompts: each change. */
  onChange?: (text: string, c: AttachedClient) => void | Promise<void>;
  /** A space between the label and the text (true; tmux's `:` prompt has none). */
  space?: boolean;
  /** status-keys vi (core/prompt-keys.ts), word-separators for its motions, and what p and C-y paste. */
  keys?: { vi: boolean; separators: string; paste?: () => string | undefined };
}

/** A line typed in the status line (command-prompt): the label, the text and its cursor. */
export class Prompt implements ClientMode {
  private text: string;
  private pos: number;
  /** How far back in the history Up has gone (0: the line being typed). */
  private back = 0;
  /** With vi keys: typing (entry) or moving and editing (command, after Escape). */
  keyMode: PromptKeyMode = 'entry';
  /** In vi command mode: drawn in message-command-style rather than message-style, as tmux's PROMPT_COMMAND. */
  get commandMode(): boolean {
    return this.keyMode === 'command';
  }

  constructor(
    readonly label: string,
    initial: string,
    readonly onSubmit: (text: string, c: AttachedClient) => void | Promise<void>,
    readonly opts: PromptOptions = {},
  ) {
    this.text = initial;
    this.pos = [...initial].length;
  }

  handle(ev: InputEvent, c: AttachedClient): void | Promise<void> {
    const kind = this.opts.kind ?? 'line';
    if (ev.type === 'key' && kind === 'key') {
      c.closeMode();
      return this.onSubmit(ev.key, c);
    }
    if (ev.type === 'key' && kind === 'numeric' && !/^[0-9]$/.test(ev.key)) {
      c.closeMode();
      return this.onSubmit(this.text, c);
    }
    let prefix = '=';
    let key = ev.type === 'key' ? ev.key : '';
    const vi = this.opts.keys?.vi === true && ev.type === 'key';
    if (vi) {
      const t = viPromptKey(this.keyMode, key);
      this.keyMode = t.mode;
      if (t.action.act === 'ignore' || (t.action.act === 'insert' && key !== 'Space' && [...key].length !== 1)) {
        c.redraw();
        return;
      }
      if (t.action.act === 'key') key = t.action.key;
    }
    const seps = this.opts.keys?.separators ?? '';
    if (ev.type === 'paste') {
      this.insert(ev.text.replace(/[\r\n]+/g, ' '));
    } else if (ev.type === 'key') {
      const chars = [...this.text];
      switch (key) {
        case 'Escape': if (vi) break; c.closeMode(); return;
        case 'C-c': case 'C-g': c.closeMode(); return;
        case 'M-b': this.pos = backwardWord(chars, this.pos, seps); break;
        case 'vi-B': this.pos = backwardWord(chars, this.pos, ''); break;
        case 'vi-w': this.pos = forwardWord(chars, this.pos, true, seps); break;
        case 'vi-W': this.pos = forwardWord(chars, this.pos, true, ''); break;
        case 'vi-e': this.pos = endWord(chars, this.pos, seps); break;
        case 'vi-E': this.pos = endWord(chars, this.pos, ''); break;
        case 'C-y': this.insert(this.opts.keys?.paste?.() ?? ''); break;
        case 'Enter':
          c.closeMode();
          this.opts.history?.add(this.text);
          if (kind === 'incremental') return;
          return this.onSubmit(this.text, c);
        case 'BSpace': case 'C-h':
          if (this.pos > 0) { chars.splice(this.pos - 1, 1); this.pos--; this.text = chars.join(''); }
          break;
        case 'DC': case 'C-d':
          chars.splice(this.pos, 1); this.text = chars.join('');
          break;
        case 'Left': case 'C-b': this.pos = Math.max(0, this.pos - 1); break;
        case 'Right': case 'C-f': this.pos = Math.min(chars.length, this.pos + 1); break;
        case 'Home': case 'C-a': this.pos = 0; break;
        case 'End': case 'C-e': this.pos = chars.length; break;
        // tmux's C-u clears the line (vi d, S); with emacs keys ccmux's deletes what is before the cursor.
        case 'C-u': this.text = vi ? '' : chars.slice(this.pos).join(''); this.pos = 0; break;
        case 'C-k': this.text = chars.slice(0, this.pos).join(''); break;
        case 'Up': case 'C-p': this.walk(1); break;
        case 'Down': case 'C-n': this.walk(-1); break;
        case 'C-r': if (kind === 'incremental') prefix = '-'; break;
        case 'C-s': if (kind === 'incremental') prefix = '+'; break;
        case 'Space': this.insert(' '); break;
        case 'Tab': break;
        default:
          if ([...key].length === 1) {
            this.insert(key);
            if (kind === 'single') {
              c.closeMode();
              return this.onSubmit(this.text, c);
            }
          }
      }
    }
    c.redraw();
    if (kind === 'incremental') return this.opts.onChange?.(`${prefix}${this.text}`, c);
  }

  /** Up (1) or down (-1) the history; past the newest line, the line is empty again. */
  private walk(step: number): void {
    const lines = this.opts.history?.lines() ?? [];
    const back = this.back + step;
    if (back < 0 || back > lines.length) return;
    this.back = back;
    this.text = back === 0 ? '' : lines[lines.length - back]!;
    this.pos = [...this.text].length;
  }

  private insert(s: string): void {
    const chars = [...this.text];
    const add = [...s];
    chars.splice(this.pos, 0, ...add);
    this.text = chars.join('');
    this.pos += add.length;
  }

  paint(grid: Grid, where: PaintArea): CursorState {
    const label = this.opts.space === false ? this.label : `${this.label} `;
    const style = where.style(this.commandMode ? 'message-command-style' : 'message-style');
    const x = paintPromptLine(grid, where.statusY, { label, text: this.text, cursor: this.pos }, style);
    return { x, y: where.statusY, visible: false };
  }

}

/** The title of the list that output with nowhere else to go is added to (tmux's view mode). */
export const OUTPUT_VIEW = 'output';

/**
 * Add `lines` to `c`'s output list, open over its screen (opened, in place of another
 * mode, if it is not), its last line selected: where tmux's cmdq_print and run-shell add
 * a hook's output, to the view mode of the client's pane.
 */
export function addToView(c: AttachedClient, lines: string[]): void {
  const before = c.mode instanceof ListView && c.mode.title === OUTPUT_VIEW ? c.mode.lines : [];
  c.openMode(new ListView(OUTPUT_VIEW, [...before, ...lines], undefined, before.length + lines.length - 1));
}
