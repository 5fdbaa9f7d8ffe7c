/*
 * customize-mode's view (tmux 3.3a's window-customize.c) on the tree view machinery
 * (tree-view.ts): every option and every key binding in one tree, their values
 * changeable in place.
 *
 *   + Server Options                     server options (global only)
 *   + Session Options                    the global values, a session's own over them
 *   + Window & Pane Options              global, the window's own, the pane's own
 *     ├─> mode-keys: vi                  an option: name, then the line format (-F)
 *     └─> + status-format                an array option: one child per index
 *   + Key Table - prefix                 one per key table that has bindings
 *     └─> - c                            a key: Command, Note and Repeat under it
 *
 * An option set at a level nearer than the global one shows that level, reversed, before
 * its value ("(session main) 5"). The preview says what the option is, its value, what it
 * expands to, the values it takes, its default and the values further out; a key's says its
 * note, table, repeat and command, and the default command if it differs.
 *
 * Keys, as tmux's: Enter or s sets the current option where it is looked up for the
 * target (toggles a flag, steps a choice, else asks for the value), w for its window, S or W
 * globally; d resets it (D: the tagged ones), u unsets it (U: the tagged ones), both asked
 * first: its value at its level goes (tmux 3.3a's reset does no more). On a key, Enter edits its command or note or toggles its
 * repeat; u unbinds it. What changes goes through the commands themselves (set-option,
 * bind-key, unbind-key) run for the client, so it is checked and logged as typed.
 */
import type { Grid } from '../../render/grid.js';
import type { Rect } from '../../render/style.js';
import { expandFormat } from '../../core/format.js';
import { findOption, OPTIONS, type OptionDef } from '../../config/options-table.js';
import type { LocalOptions } from '../../config/local-options.js';
import { formatContext, type FormatScope } from '../format-vars.js';
import type { Server } from '../server.js';
import type { Pane } from '../pane.js';
import type { Session, Window } from '../window.js';
import type { TreeItem } from './mode-tree.js';
import { TreeView } from './tree-view.js';
import type { AttachedClient } from './handle.js';

export const CUSTOMIZE_DEFAULT_FORMAT =
  '#{?is_option,#{?option_is_global,,#[reverse](#{option_scope})#[default] }#[ignore]#{option_value}#{?option_unit, #{option_unit},},#{key}}';

/** Where an option's value shown on a line comes from (tmux's window_customize_scope). */
export type CustomizeLevel = 'server' | 'global-session' | 'session' | 'global-window' | 'window' | 'pane';

export type CustomizeItem =
  | { kind: 'top' }
  | { kind: 'option'; name: string; level: CustomizeLevel; index?: number }
  | { kind: 'key'; table: string; key: string; field?: 'Command' | 'Note' | 'Repeat' };

/** Runs a command (argv) for the client, as if typed at its prompt; false when it failed. */
export type CustomizeRun = (argv: string[], c: AttachedClient) => Promise<boolean>;

/** An option value as tmux's options_to_string prints it. */
export function optionText(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return v.join(' ');
  return v === undefined || v === null ? '' : String(v);
}

/** Text to show as it is inside styled text (`#[` would start a style). */
const literal = (s: string) => s.replace(/#\[/g, '##[');

const isGlobal = (l: CustomizeLevel) => l === 'server' || l === 'global-session' || l === 'global-window';

export class CustomizeView extends TreeView<CustomizeItem> {
  readonly paneMode = 'options-mode';
  constructor(
    server: Server,
    readonly owner: AttachedClient,
    /** The pane (and so window and session) whose options it shows. */
    readonly target: { session: Session; window: Window; pane: Pane },
    readonly opts: { format: string; filter?: string; preview: boolean },
    private readonly run: CustomizeRun,
    /** The defaults of the key tables (the binding a key had before the user's config). */
    private readonly defaultCommand: (table: string, key: string) => string | undefined,
  ) {
    super(server, []);
    this.tree.preview = opts.preview;
    this.tree.filter = opts.filter;
    this.rebuild();
  }

  private scope(): FormatScope {
    return { session: this.target.session, window: this.target.window, pane: this.target.pane, client: this.owner };
  }

  private expand(fmt: string, vars: Record<string, string>): string {
    const ctx = formatContext(this.server, this.scope());
    const lookup = ctx.lookup.bind(ctx);
    return expandFormat(fmt, { ...ctx, lookup: (n) => vars[n] ?? lookup(n) });
  }

  private kept(vars: Record<string, string>): boolean {
    if (this.tree.filter === undefined) return true;
    const v = this.expand(this.tree.filter, vars);
    return v !== '' && v !== '0';
  }

  /** The options table an option of `level` lives in (undefined: the global store). */
  private local(level: CustomizeLevel): LocalOptions | undefined {
    if (level === 'session') return this.target.session.options;
    if (level === 'window') return this.target.window.options;
    if (level === 'pane') return this.target.pane.options;
    return undefined;
  }

  /** The value of `name` at exactly `level`. */
  valueAt(name: string, level: CustomizeLevel): unknown {
    const local = this.local(level);
    if (name.startsWith('@')) {
      if (local) return local.get(name);
      return this.server.options.getGlobalUser(name, level === 'server' ? 'server' : level === 'global-session' ? 'session' : 'window');
    }
    return local ? local.get(name) : this.server.options.getGlobal(name);
  }

  private scopeText(level: CustomizeLevel): string {
    if (level === 'session') return `session ${this.target.session.name}`;
    if (level === 'window') return `window ${this.target.session.indexOf(this.target.window)}`;
    if (level === 'pane') return `pane ${this.target.window.orderedPanes().indexOf(this.target.pane)}`;
    return '';
  }

  /** The nearest of `levels` (nearest first) that sets `name`, else the last (global). */
  private levelOf(name: string, levels: CustomizeLevel[]): CustomizeLevel {
    for (const l of levels.slice(0, -1)) if (this.local(l)?.has(name)) return l;
    return levels[levels.length - 1]!;
  }

  private optionItems(levels: CustomizeLevel[], defs: OptionDef[], userTable: 'server' | 'session' | 'window'): TreeItem<CustomizeItem>[] {
    const out: TreeItem<CustomizeItem>[] = [];
    const users = new Set(this.server.options.userEntries(userTable).map(([n]) => n));
    for (const l of levels) for (const n of this.local(l)?.names() ?? []) if (n.startsWith('@')) users.add(n);
    const names = [...[...users].sort(), ...defs.map((d) => d.name).sort()];
    for (const name of names) {
      const def = findOption(name);
      const level = this.levelOf(name, def?.pane === false || (def && def.scope === 'window' && !def.pane) ? levels.filter((l) => l !== 'pane') : levels);
      const value = this.valueAt(name, level);
      const array = def?.type === 'string-array';
      const vars: Record<string, string> = {
        is_option: '1', is_key: '0', option_name: name, option_is_global: isGlobal(level) ? '1' : '0', option_is_array: array ? '1' : '0',
        option_scope: this.scopeText(level), option_unit: def?.unit ?? '', ...(array ? {} : { option_value: literal(optionText(value)) }),
      };
      if (!this.kept(vars)) continue;
      const item: TreeItem<CustomizeItem> = { id: `o:${name}`, name, data: { kind: 'option', name, level }, children: [], expanded: false };
      if (!array) item.text = this.expand(this.opts.format, vars);
      else {
        (Array.isArray(value) ? value : []).forEach((v, i) => {
          if (v === undefined) return; // a gap
          const text = this.expand(this.opts.format, { ...vars, option_name: `${name}[${i}]`, option_value: literal(String(v)) });
          item.children.push({ id: `o:${name}[${i}]`, name: `${name}[${i}]`, text, data: { kind: 'option', name, level, index: i }, children: [], expanded: false });
        });
      }
      out.push(item);
    }
    return out;
  }

  private keyItems(): TreeItem<CustomizeItem>[] {
    const out: TreeItem<CustomizeItem>[] = [];
    const keys = this.server.keys;
    for (const table of keys.tableNames().sort()) {
      const bindings = keys.list(table);
      if (bindings.length === 0) continue;
      const top: TreeItem<CustomizeItem> = { id: `t:${table}`, name: `Key Table - ${table}`, data: { kind: 'top' }, children: [], expanded: false, noTag: true };
      for (const [key, b] of bindings) {
        const vars = { is_option: '0', is_key: '1', key, key_note: b.note ?? '' };
        if (!this.kept(vars)) continue;
        const data = { kind: 'key' as const, table, key };
        const child: TreeItem<CustomizeItem> = { id: `k:${table}:${key}`, name: this.expand(this.opts.format, vars), data, children: [], expanded: false };
        const field = (f: 'Command' | 'Note' | 'Repeat', text: string): TreeItem<CustomizeItem> =>
          ({ id: `k:${table}:${key}:${f}`, name: f, text: literal(text), data: { ...data, field: f }, children: [], expanded: false, noTag: true });
        child.children.push(field('Command', b.command), field('Note', b.note ?? ''), field('Repeat', b.repeat ? 'on' : 'off'));
        top.children.push(child);
      }
      out.push(top);
    }
    return out;
  }

  protected buildItems(): TreeItem<CustomizeItem>[] {
    const defs = (scope: string, pane = false) => OPTIONS.filter((d) => d.scope === scope && (!pane || d.pane));
    const top = (id: string, name: string, children: TreeItem<CustomizeItem>[]): TreeItem<CustomizeItem> =>
      ({ id, name, data: { kind: 'top' }, children, expanded: false, noTag: true });
    return [
      top('s:server', 'Server Options', this.optionItems(['server'], defs('server'), 'server')),
      top('s:session', 'Session Options', this.optionItems(['session', 'global-session'], defs('session'), 'session')),
      top('s:window', 'Window & Pane Options', this.optionItems(['pane', 'window', 'global-window'], defs('window'), 'window')),
      ...this.keyItems(),
    ];
  }

  /** The preview's lines for `item`, as tmux's window_customize_draw_option / _draw_key word them. */
  previewLines(item: CustomizeItem): string[] {
    if (item.kind === 'top') return [];
    if (item.kind === 'key') {
      const b = this.server.keys.lookup(item.table, item.key);
      if (!b) return [];
      let note = b.note ?? 'There is no note for this key.';
      if (note !== '' && !note.endsWith('.')) note += '.';
      const lines = [note, '', `This key is in the ${item.table} table.`, `This key ${b.repeat ? 'does' : 'does not'} repeat.`, '', `Command: ${b.command}`];
      const def = this.defaultCommand(item.table, item.key);
      if (def !== undefined && def !== b.command) lines.push(`The default is: ${def}`);
      return lines;
    }
    const def = findOption(item.name);
    const lines = [def?.help ?? "This option doesn't have a description.", ''];
    const kind = !def ? 'user' : def.scope === 'window' ? (def.pane ? 'window and pane' : 'window') : def.scope;
    lines.push(`This is a ${kind} option.`);
    if (def?.type === 'string-array') {
      lines.push(item.index !== undefined ? `This is an array option, index ${item.index}.` : 'This is an array option.');
      if (item.index === undefined) return lines;
    }
    lines.push('');
    const whole = this.valueAt(item.name, item.level);
    const value = item.index !== undefined && Array.isArray(whole) ? String(whole[item.index] ?? '') : optionText(whole);
    const unit = def?.unit ? ` ${def.unit}` : '';
    lines.push(`Option value: ${value}${unit}`);
    if (!def || def.type === 'string') {
      const expanded = this.expand(value, {});
      if (expanded !== value) lines.push(`This expands to: ${expanded}`);
    }
    if (def?.type === 'choice' && def.choices) lines.push(`Available values are: ${def.choices.join(', ')}`);
    if (def && item.index === undefined && optionText(def.default) !== value) lines.push(`The default is: ${optionText(def.default)}${unit}`);
    if (def?.type !== 'string-array') {
      if (item.level === 'pane' && this.target.window.options.has(item.name)) {
        lines.push(`Window value (from window ${this.target.session.indexOf(this.target.window)}): ${optionText(this.target.window.options.get(item.name))}${unit}`);
      }
      if (item.level === 'pane' || item.level === 'window' || item.level === 'session') {
        const global = item.level === 'session' ? 'global-session' : 'global-window';
        const g = this.valueAt(item.name, global);
        if (g !== undefined) lines.push(`Global value: ${optionText(g)}${unit}`);
      }
    }
    return lines;
  }

  /** tmux's window_customize_height: the preview keeps 12 rows. */
  protected override listRows(sy: number): number {
    let h = sy > 12 ? sy - 12 : sy;
    if (h < 10 || sy - h < 2) h = sy;
    return h;
  }

  protected paintPreview(grid: Grid, rect: Rect, item: TreeItem<CustomizeItem>): void {
    let y = rect.y;
    for (const line of this.previewLines(item.data)) {
      // Long lines wrap, as tmux's screen_write_text.
      const chars = [...line];
      do {
        if (y >= rect.y + rect.rows) return;
        grid.writeText(rect.x, y++, chars.splice(0, rect.cols).join(''), {}, rect.cols);
      } while (chars.length > 0);
    }
  }

  protected matches(item: TreeItem<CustomizeItem>, text: string): boolean {
    return item.name.includes(text) || (item.text ?? '').includes(text);
  }

  /** Enter sets, as s (handle() keeps it from closing the view, which it does for the other trees). */
  protected async choose(item: TreeItem<CustomizeItem>, c: AttachedClient): Promise<void> {
    await this.set(item.data, c, 'here');
  }

  override async handle(ev: Parameters<TreeView<CustomizeItem>['handle']>[0], c: AttachedClient): Promise<void> {
    if (ev.type === 'key' && ev.key === 'Enter' && !this.prompting) {
      const item = this.tree.currentItem?.data;
      if (item && item.kind !== 'top') return super.handle({ ...ev, key: 's' }, c);
    }
    return super.handle(ev, c);
  }

  /** The set-option flags for `level` (tmux's window_customize_get_tree). */
  private placeFlags(level: CustomizeLevel): string[] {
    switch (level) {
      case 'server': return ['-s'];
      case 'global-session': return ['-g'];
      case 'session': return ['-t', `$${this.target.session.id}`];
      case 'global-window': return ['-gw'];
      case 'window': return ['-w', '-t', `@${this.target.window.id}`];
      case 'pane': return ['-p', '-t', `%${this.target.pane.id}`];
    }
  }

  /**
   * Set the option of `item` (tmux's window_customize_set_option): `here` where its line's
   * value comes from (a window option for the pane when it can be one), `window` for the
   * window, `global` globally. A flag toggles, a choice steps to the next value; anything
   * else is asked for, the prompt showing the current value.
   */
  private async set(item: CustomizeItem, c: AttachedClient, how: 'here' | 'window' | 'global'): Promise<void> {
    if (item.kind === 'key') return this.setKey(item, c);
    if (item.kind !== 'option') return;
    const def = findOption(item.name);
    const array = def?.type === 'string-array';
    let level = item.level;
    if (!array) {
      const pane = how === 'here' && (def?.pane === true || !def);
      if (how === 'global') level = level === 'session' ? 'global-session' : level === 'window' || level === 'pane' ? 'global-window' : level;
      else if (level === 'global-session') level = 'session';
      else if (level === 'global-window' || level === 'window' || level === 'pane') level = pane ? 'pane' : 'window';
    }
    const current = this.valueAt(item.name, level) ?? this.valueAt(item.name, item.level);
    const name = item.index !== undefined ? `${item.name}[${item.index}]` : item.name;
    if (def?.type === 'boolean') {
      await this.run(['set-option', ...this.placeFlags(level), item.name, current === true ? 'off' : 'on'], c);
      return;
    }
    if (def?.type === 'choice' && def.choices) {
      const i = def.choices.indexOf(String(current));
      await this.run(['set-option', ...this.placeFlags(level), item.name, def.choices[(i + 1) % def.choices.length]!], c);
      return;
    }
    const where = this.scopeText(level);
    const label = `(${array && item.index === undefined ? `${item.name}[+]` : name}${where ? `, for ${where}` : level !== 'server' ? ', global' : ''})`;
    const initial = item.index !== undefined && Array.isArray(current) ? String(current[item.index] ?? '') : array ? '' : optionText(current);
    const target = array && item.index === undefined ? `${item.name}[${Array.isArray(current) ? current.length : 0}]` : name;
    this.ask(label, initial, async (text, cl) => {
      await this.run(['set-option', ...this.placeFlags(level), target, text], cl);
    });
  }

  /** Enter on a key's Command or Note asks for it; on Repeat it toggles (tmux's window_customize_set_key). */
  private async setKey(item: Extract<CustomizeItem, { kind: 'key' }>, c: AttachedClient): Promise<void> {
    const b = this.server.keys.lookup(item.table, item.key);
    if (!b) return;
    const rebind = (command: string, note: string | undefined, repeat: boolean | undefined) =>
      ['bind-key', ...(repeat ? ['-r'] : []), ...(note ? ['-N', note] : []), '-T', item.table, item.key, command];
    if (item.field === 'Repeat') {
      await this.run(rebind(b.command, b.note, !b.repeat), c);
    } else if (item.field === 'Note') {
      this.ask(`(${item.key})`, b.note ?? '', async (text, cl) => {
        await this.run(rebind(b.command, text, b.repeat), cl);
      });
    } else if (item.field === 'Command') {
      this.ask(`(${item.key})`, b.command, async (text, cl) => {
        await this.run(rebind(text, b.note, b.repeat), cl);
      });
    }
  }

  /**
   * Reset (d) or unset (u) one item: its value at its own level removed, so it shows the
   * next level's, or its default at the global level. That is what tmux 3.3a does for both
   * (its reset means to walk up the levels but removes the same one each time); d leaves an
   * array's item alone, u removes it. u on a key unbinds it.
   */
  private async change(item: CustomizeItem, c: AttachedClient, reset: boolean): Promise<void> {
    if (item.kind === 'key') {
      if (!reset) await this.run(['unbind-key', '-T', item.table, item.key], c);
      return;
    }
    if (item.kind !== 'option' || (reset && item.index !== undefined)) return;
    await this.run(['set-option', '-u', ...this.placeFlags(item.level), item.index !== undefined ? `${item.name}[${item.index}]` : item.name], c);
  }

  private describe(item: CustomizeItem): string {
    if (item.kind === 'option') return item.index !== undefined ? `${item.name}[${item.index}]` : item.name;
    if (item.kind === 'key') return item.key;
    return '';
  }

  protected async viewKey(key: string, c: AttachedClient): Promise<boolean> {
    const item = this.tree.currentItem?.data;
    switch (key) {
      case 's':
        if (item) await this.set(item, c, 'here');
        return true;
      case 'w':
        if (item?.kind === 'option') await this.set(item, c, 'window');
        return true;
      case 'S': case 'W':
        if (item?.kind === 'option') await this.set(item, c, 'global');
        return true;
      case 'd':
        if (item?.kind === 'option' && item.index === undefined) this.confirm(`Reset ${item.name} to default? `, (cl) => this.change(item, cl, true));
        return true;
      case 'u':
        if (item && item.kind !== 'top') this.confirm(`Unset ${this.describe(item)}? `, (cl) => this.change(item, cl, false));
        return true;
      case 'D': case 'U': {
        const tagged = this.tree.taggedItems().map((t) => t.data);
        if (tagged.length === 0) return true;
        const reset = key === 'D';
        this.confirm(`${reset ? 'Reset' : 'Unset'} ${tagged.length} tagged${reset ? ' to default' : ''}? `, async (cl) => {
          for (const t of tagged) await this.change(t, cl, reset);
        });
        return true;
      }
      default:
        return false;
    }
  }
}
