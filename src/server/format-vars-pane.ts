/*
 * The pane variables of formats (#{pane_*}, the cursor and terminal modes, history),
 * read from a pane, its window and its terminal. format-vars.ts asks here for any
 * variable of a pane it has.
 */
import { escapeArg } from '../core/args-escape.js';
import type { Server } from './server.js';
import type { Pane } from './pane.js';
import type { Window } from './window.js';
import { lineText, wordAt } from './copy/cursor-text.js';
import { colourName } from '../config/styles.js';
import { cursorHidden, scrollRegion, tabStops } from '../render/xterm.js';

const flag = (b: boolean) => (b ? '1' : '0');

/** A pane variable, or undefined if `name` is none (or has no value here). */
export function paneVariable(server: Server, w: Window | undefined, p: Pane, name: string): string | undefined {
  const rect = () => w?.paneRect(p.id);
  const modes = () => p.term.modes;
  switch (name) {
    case 'pane_id': return `%${p.id}`;
    case 'pane_index': return w ? String(w.orderedPanes().indexOf(p) + (server.options.get('pane-base-index', { window: w, pane: p }) as number)) : undefined;
    case 'pane_title': return p.title || server.hostname();
    // An empty pane (split-window -I) has no program, so no current path, and pid 0, as tmux's.
    case 'pane_current_path': return p.empty ? '' : p.currentPath();
    // An empty pane's: the command it was given ('' for split-window ''), else its shell's name, as tmux's.
    case 'pane_current_command': return p.empty && p.launch.command?.length ? p.launch.command.map(escapeArg).join(' ') : p.currentCommand();
    // The command as given, each argument as tmux's args_escape writes it; nothing for the default shell.
    case 'pane_start_command': return p.launch.command?.map(escapeArg).join(' ') ?? '';
    case 'pane_start_path': return p.launch.cwd;
    case 'pane_pid': return p.pid !== undefined ? String(p.pid) : p.empty ? '0' : undefined;
    case 'pane_tty': return p.tty;
    case 'pane_width': return String(p.cols);
    case 'pane_height': return String(p.rows);
    case 'pane_active': return w ? flag(w.active === p.id) : undefined;
    case 'pane_last': return w ? flag(w.lastActive === p.id) : undefined;
    // As tmux's: the marked pane is this pane (in whichever window), and whether one is marked at all.
    case 'pane_marked': return flag(server.model.marked.get()?.pane === p);
    case 'pane_marked_set': return flag(server.model.marked.get() !== undefined);
    case 'pane_dead': return flag(!p.alive);
    case 'pane_input_off': return flag(p.inputOff);
    case 'pane_dead_status': return p.exitStatus && !p.exitStatus.signal ? String(p.exitStatus.code) : undefined;
    case 'pane_dead_time': return p.deadTime !== null ? String(Math.floor(p.deadTime / 1000)) : undefined;
    case 'pane_dead_signal': return p.exitStatus?.signal ? String(p.exitStatus.signal) : undefined;
    case 'pane_in_mode': return flag(!!p.copyMode || !!p.clockMode || viewOver(server, p) !== undefined);
    case 'pane_pipe': return flag(!!p.pipe?.open);
    case 'pane_synchronized': return flag(!!server.options.get('synchronize-panes', { window: w, pane: p }));
    case 'pane_mode': return p.modeName || viewOver(server, p);
    case 'copy_cursor_x': return p.copyMode ? String(p.copyMode.cx) : undefined;
    case 'copy_cursor_y': return p.copyMode ? String(p.copyMode.cy) : undefined;
    case 'copy_cursor_word': return p.copyMode ? wordAt(p.copyMode.src, p.copyMode.cursorPos(), p.copyMode.cols, String(server.options.get('word-separators'))) : undefined;
    case 'copy_cursor_line': return p.copyMode ? lineText(p.copyMode.src, p.copyMode.cursorPos().line, p.copyMode.cols) : undefined;
    case 'pane_search_string': return p.copyMode?.query ?? '';
    // Copy mode's own, as tmux's window_copy_formats (only while in it).
    case 'rectangle_toggle': return p.copyMode ? flag(p.copyMode.rect) : undefined;
    case 'selection_present': return p.copyMode ? flag(p.copyMode.sel !== null) : undefined;
    case 'selection_active': return p.copyMode ? flag(p.copyMode.sel !== null && p.copyMode.sel.end === undefined) : undefined;
    case 'search_present': return p.copyMode ? flag(p.copyMode.marks) : undefined;
    case 'search_match': return p.copyMode?.matchAtCursor() ?? undefined;
    case 'selection_start_x': return p.copyMode?.sel ? String(p.copyMode.selectionEnds()!.start.col) : undefined;
    case 'selection_start_y': return p.copyMode?.sel ? String(p.copyMode.selectionEnds()!.start.line) : undefined;
    case 'selection_end_x': return p.copyMode?.sel ? String(p.copyMode.selectionEnds()!.end.col) : undefined;
    case 'selection_end_y': return p.copyMode?.sel ? String(p.copyMode.selectionEnds()!.end.line) : undefined;
    // A path a program reported (OSC 7) ccmux does not keep: nothing, as tmux's when none was.
    case 'pane_path': return '';
    case 'scroll_position': return p.copyMode ? String(p.copyMode.offset()) : undefined;
    case 'pane_left': return w ? String(rect()?.x ?? 0) : undefined;
    case 'pane_top': return w ? String(rect()?.y ?? 0) : undefined;
    case 'pane_right': { const r = rect(); return r ? String(r.x + r.cols - 1) : undefined; }
    case 'pane_bottom': { const r = rect(); return r ? String(r.y + r.rows - 1) : undefined; }
    case 'pane_at_left': { const r = rect(); return r ? flag(r.x === 0) : undefined; }
    case 'pane_at_top': { const r = rect(); return r ? flag(r.y === 0) : undefined; }
    case 'pane_at_right': { const r = rect(); return r && w ? flag(r.x + r.cols === w.cols) : undefined; }
    case 'pane_at_bottom': { const r = rect(); return r && w ? flag(r.y + r.rows === w.rows) : undefined; }
    case 'cursor_flag': return flag(!cursorHidden(p.term));
    case 'cursor_character': {
      // The character under the cursor (a blank cell is a space; the right half of a wide one, nothing), as tmux's.
      const buf = p.term.buffer.active;
      const cell = buf.getLine(buf.baseY + buf.cursorY)?.getCell(buf.cursorX);
      return !cell ? ' ' : cell.getWidth() === 0 ? '' : cell.getChars() || ' ';
    }
    case 'scroll_region_upper': return String(scrollRegion(p.term).top);
    case 'scroll_region_lower': return String(scrollRegion(p.term).bottom);
    case 'pane_tabs': return tabStops(p.term).join(',');
    case 'cursor_x': return String(p.term.buffer.active.cursorX);
    case 'cursor_y': return String(p.term.buffer.active.cursorY);
    case 'alternate_on': return flag(p.term.buffer.active.type === 'alternate');
    case 'history_size': return String(p.history.historySize());
    case 'history_bytes': return String(p.history.bytes());
    case 'history_limit': return String(server.options.get('history-limit', { session: w && server.model.sessionOf(w) }));
    case 'insert_flag': return flag(modes().insertMode);
    case 'keypad_cursor_flag': return flag(modes().applicationCursorKeysMode);
    case 'keypad_flag': return flag(modes().applicationKeypadMode);
    case 'wrap_flag': return flag(modes().wraparoundMode);
    case 'origin_flag': return flag(modes().originMode);
    case 'mouse_any_flag': return flag(p.mouseMode().tracking !== 'none');
    case 'mouse_standard_flag': return flag(p.mouseMode().tracking === 'vt200');
    case 'mouse_button_flag': return flag(p.mouseMode().tracking === 'drag');
    case 'mouse_all_flag': return flag(p.mouseMode().tracking === 'any');
    case 'mouse_sgr_flag': return flag(p.mouseMode().encoding === 'sgr');
    case 'mouse_utf8_flag': return flag(p.mouseMode().encoding === 'utf8');
    default: return undefined;
  }
}

/**
 * The mode of a client's view drawn over `p` (choose-tree, choose-buffer, choose-client,
 * customize-mode: client views in ccmux, pane modes in tmux), so formats see it as tmux's.
 */
function viewOver(server: Server, p: Pane): string | undefined {
  for (const c of server.clients) {
    const m = (c as { mode?: { paneMode?: string; over?: Pane } | null }).mode;
    if (m?.paneMode && (m.over ?? c.activePane) === p) return m.paneMode;
  }
  return undefined;
}

/** The lines of the pane's screen as shown (#{C:...} searches them). */
export function paneLines(p: Pane): string[] {
  const buf = p.term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < p.term.rows; y++) lines.push(buf.getLine(buf.baseY + y)?.translateToString(true) ?? '');
  return lines;
}
