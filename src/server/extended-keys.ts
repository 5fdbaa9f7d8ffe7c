/*
 * Extended keys (the extended-keys option), as tmux 3.3a: keys with modifiers that have
 * no legacy encoding (C-Enter, S-Enter, C-Tab, C-1, …). With the option on or always, a
 * client's terminal is asked for them (xterm's modifyOtherKeys, `CSI > 4 ; 1 m`), and sends
 * them as `CSI 27 ; m ; k ~` (or `CSI k ; m u`); send-keys names them. A pane gets them as
 * tmux's input_key sends them: as `CSI k ; m u` when its program asked for extended keys
 * (`CSI > 4 ; 1 m` or `; 2 m`, until `CSI > 4 m`, `CSI > 4 n` or RIS) or the option was
 * always when the pane was made; otherwise a Ctrl-only one as its control character where it has one (tmux's
 * table), and any other not at all. Keys with a legacy encoding go as they came.
 */
import type { HeadlessTerminal } from '../render/xterm.js';

/**
 * Whether a pane gets extended keys (tmux's MODE_KEXTENDED): its program asked for them,
 * or extended-keys was always when its screen was made or reset (tmux's screen_reinit:
 * changing the option later changes no pane), and while it is always, asking changes nothing.
 */
export class PaneKeyMode {
  extended: boolean;

  constructor(private readonly always: () => boolean) {
    this.extended = always();
  }

  /** Follow `term`'s output (handlers that let xterm go on); returns them, to dispose. */
  watch(term: HeadlessTerminal): Array<{ dispose(): void }> {
    const num = (p: number | number[] | undefined) => (typeof p === 'number' ? p : Array.isArray(p) ? (p[0] ?? 0) : 0);
    return [
      // XTMODKEYS: CSI > n ; m m (input.c's INPUT_CSI_MODSET).
      term.parser.registerCsiHandler({ prefix: '>', final: 'm' }, (params) => {
        if (this.always()) return false;
        const n = num(params[0]);
        const m = num(params[1]);
        if (n === 0 || (n === 4 && m === 0)) this.extended = false;
        else if (n === 4 && (m === 1 || m === 2)) this.extended = true;
        return false;
      }),
      // CSI > n n (INPUT_CSI_MODOFF).
      term.parser.registerCsiHandler({ prefix: '>', final: 'n' }, (params) => {
        if (num(params[0]) === 4) this.extended = false;
        return false;
      }),
      term.parser.registerEscHandler({ final: 'c' }, () => {
        this.extended = this.always();
        return false;
      }),
    ];
  }
}

/** A key's bytes in an extended form (`CSI 27 ; m ; k ~`, `CSI k ; m u`): its code and modifier parameter, else undefined. */
export function extendedForm(raw: string): { code: number; mod: number } | undefined {
  if (raw.length < 6 || raw.charCodeAt(0) !== 0x1b || raw.charCodeAt(1) !== 0x5b) return undefined;
  const other = /^\x1b\[27;(\d+);(\d+)~$/.exec(raw);
  if (other) return { code: Number(other[2]), mod: Number(other[1]) };
  const u = /^\x1b\[(\d+);(\d+)u$/.exec(raw);
  return u ? { code: Number(u[1]), mod: Number(u[2]) } : undefined;
}

const SHIFT = 1;
const META = 2;
const CTRL = 4; // bits of the modifier parameter less one

/**
 * What a pane gets for a key in an extended form, as tmux 3.3a: read as tty_keys_extended_key
 * reads it (Ctrl with a letter, @ to _, space or ? is its control character), then sent as
 * input_key sends it — a plain character (after ESC for Meta) as itself; else `CSI k ; m u`
 * when `extended`; else a Ctrl-only key's control character where tmux has one, or nothing
 * (''); undefined for a key tmux has no bytes for at all ("missing": send-keys then sends
 * its name as text).
 */
export function extendedKeyBytes(form: { code: number; mod: number }, extended: boolean): string | undefined {
  let key = form.code;
  if (form.mod < 2 || form.mod > 9 || key > 0x10ffff) return undefined;
  let mods = form.mod === 9 ? META : form.mod - 1;
  if (mods & CTRL) {
    if (key < 32 && key !== 9 && key !== 13 && key !== 27) mods &= ~CTRL;
    else if (key >= 97 && key <= 122) (key -= 96), (mods &= ~CTRL);
    else if (key >= 64 && key <= 95) (key -= 64), (mods &= ~CTRL);
    else if (key === 32) (key = 0), (mods &= ~CTRL);
    else if (key === 63) (key = 127), (mods &= ~CTRL);
  }
  const esc = mods & META ? '\x1b' : '';
  if ((mods & (SHIFT | CTRL)) === 0) return esc + String.fromCodePoint(key);
  if (!extended) {
    if (mods !== CTRL) return undefined;
    const ch = String.fromCodePoint(key);
    let c: number;
    if (ch === ' ' || ch === '2') c = 0;
    else if (ch === '|') c = 28;
    else if (ch === '6') c = 30;
    else if (ch === '-' || ch === '/') c = 31;
    else if (ch === '?') c = 127;
    else if (key >= 0x41 && key <= 0x5f) c = key - 0x41; // as tmux 3.3a's input_key
    else if (key >= 0x61 && key <= 0x7e) c = key - 96;
    else return '';
    return String.fromCharCode(c);
  }
  if (key < 32 && key !== 9 && key !== 13 && key !== 27) {
    key += 64;
    mods |= CTRL;
  }
  return `\x1b[${key};${mods + 1}u`;
}
