/*
 * Key names: tmux's vocabulary for keys, and the bytes a terminal sends for each.
 *
 * A key is a canonical string: modifiers in the fixed order `C-`, `M-`, `S-`, then a base that
 * is either one printable character (`a`, `A`, `%`) or a name (`Enter`, `Up`, `F5`, `KP7`…).
 * Canonical form folds what a legacy terminal cannot tell apart, the way tmux does: `C-B` is
 * `C-b`, `C-@` is `C-Space`, `C-i` is `Tab`, `C-m` is `Enter`, `C-[` is `Escape`, `C-?` is
 * `BSpace`, `S-a` is `A`, `S-Tab` is `BTab`. Shift survives on names and on `C-` letters only.
 *
 * The tables of escape sequences live here so that `keyToBytes` and the input decoder read
 * the same source in both directions.
 */

export type KeyName = string;

/** Modifier flags of a key, apart from its base. */
export interface KeyMods {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

/** Options of the program receiving keys: DECCKM (cursor keys) and DECKPAM (keypad). */
export interface KeyModes {
  appCursor?: boolean;
  appKeypad?: boolean;
}

/** Keys sent as `CSI <letter>` (or `SS3 <letter>` in application cursor mode for the first six). */
export const CSI_LETTER_KEYS: Readonly<Record<string, string>> = {
  A: 'Up', B: 'Down', C: 'Right', D: 'Left', H: 'Home', F: 'End',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4',
};

/** Keys sent as `CSI <number> ~`; 1/4 and 7/8 are the vt220 and rxvt spellings of Home/End. */
export const CSI_TILDE_KEYS: Readonly<Record<number, string>> = {
  1: 'Home', 2: 'IC', 3: 'DC', 4: 'End', 5: 'PPage', 6: 'NPage', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8',
  20: 'F9', 21: 'F10', 23: 'F11', 24: 'F12',
};

/** Keypad keys in application keypad mode: `SS3 <letter>`, with the character sent otherwise. */
export const SS3_KEYPAD_KEYS: Readonly<Record<string, { name: string; plain: string }>> = {
  p: { name: 'KP0', plain: '0' }, q: { name: 'KP1', plain: '1' }, r: { name: 'KP2', plain: '2' },
  s: { name: 'KP3', plain: '3' }, t: { name: 'KP4', plain: '4' }, u: { name: 'KP5', plain: '5' },
  v: { name: 'KP6', plain: '6' }, w: { name: 'KP7', plain: '7' }, x: { name: 'KP8', plain: '8' },
  y: { name: 'KP9', plain: '9' }, j: { name: 'KP*', plain: '*' }, k: { name: 'KP+', plain: '+' },
  m: { name: 'KP-', plain: '-' }, n: { name: 'KP.', plain: '.' }, o: { name: 'KP/', plain: '/' },
  M: { name: 'KPEnter', plain: '\r' },
};

const LETTER_OF: Record<string, string> = invert(CSI_LETTER_KEYS);
const TILDE_OF: Record<string, number> = {
  Home: 1, IC: 2, DC: 3, End: 4, PPage: 5, NPage: 6, F5: 15, F6: 17, F7: 18, F8: 19,
  F9: 20, F10: 21, F11: 23, F12: 24,
};
const KEYPAD_OF: Record<string, { final: string; plain: string }> = Object.fromEntries(
  Object.entries(SS3_KEYPAD_KEYS).map(([final, k]) => [k.name, { final, plain: k.plain }]),
);

/** Bytes of the named keys that are single characters or fixed sequences. */
const SIMPLE_BYTES: Record<string, string> = {
  Enter: '\r', Escape: '\x1b', Tab: '\t', Space: ' ', BSpace: '\x7f',
};
/** Code points used for names in the `CSI 27;m;code~` form. */
const NAME_CODES: Record<string, number> = { Enter: 13, Escape: 27, Tab: 9, Space: 32, BSpace: 127 };

/** Where a mouse key happens, as tmux names it (KEYC_MOUSE_STRING): a pane, its border, the status line and its parts. */
export const MOUSE_LOCATIONS = ['Pane', 'Status', 'StatusLeft', 'StatusRight', 'StatusDefault', 'Border'] as const;
export type MouseLocation = (typeof MOUSE_LOCATIONS)[number];
/** The buttons tmux 3.3 names (xterm's 1–3 and 6–11; 4 and 5 are the wheel). */
const MOUSE_BUTTON_NAMES = ['1', '2', '3', '6', '7', '8', '9', '10', '11'];
/**
 * Every mouse key name a binding may use, in tmux's key-code order (tmux.h): each kind
 * with each button, then each location. MouseMove has a code but no name a binding can
 * use in tmux 3.3, so none here either.
 */
export const MOUSE_KEY_NAMES: readonly string[] = [
  ...['MouseDown', 'MouseUp', 'MouseDrag', 'MouseDragEnd'].flatMap((k) => MOUSE_BUTTON_NAMES.map((b) => k + b)),
  'WheelUp', 'WheelDown',
  ...['SecondClick', 'DoubleClick', 'TripleClick'].flatMap((k) => MOUSE_BUTTON_NAMES.map((b) => k + b)),
].flatMap((k) => MOUSE_LOCATIONS.map((l) => k + l));
const MOUSE_KEY_SET: ReadonlySet<string> = new Set(MOUSE_KEY_NAMES);

/** True for a mouse key (`MouseDown1Pane`, `M-WheelUpStatus`): bound like a key, made from a mouse event. */
export function isMouseKey(key: KeyName): boolean {
  return MOUSE_KEY_SET.has(splitKey(key).base);
}

/** Every base name, in the order suggestions prefer. */
const NAMES: readonly string[] = [
  'Enter', 'Escape', 'Tab', 'BTab', 'Space', 'BSpace', 'Up', 'Down', 'Left', 'Right',
  'Home', 'End', 'IC', 'DC', 'PPage', 'NPage',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
  ...Object.keys(KEYPAD_OF),
  ...MOUSE_KEY_NAMES,
];

const ALIASES: Record<string, string> = {
  esc: 'Escape', return: 'Enter', pageup: 'PPage', pgup: 'PPage', pagedown: 'NPage',
  pgdn: 'NPage', insert: 'IC', delete: 'DC', backspace: 'BSpace',
};
const NAME_LOOKUP: Map<string, string> = new Map([
  ...NAMES.map((n): [string, string] => [n.toLowerCase(), n]),
  ...Object.entries(ALIASES),
]);

/** Ctrl plus these characters sends the same byte as a named key (or, for `@`, as C-Space). */
const CTRL_FOLDS: Record<string, string> = { '@': 'Space', '[': 'Escape', '?': 'BSpace' };

const MODIFIER_BITS = { shift: 1, meta: 2, ctrl: 4 } as const;

function invert(table: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
}

function isLetter(ch: string): boolean {
  return /^[a-zA-Z]$/.test(ch);
}

/** True for one printable code point: not a C0/C1 control, not DEL, not a lone surrogate. */
export function isPrintableChar(ch: string): boolean {
  const cp = ch.codePointAt(0);
  if (cp === undefined || String.fromCodePoint(cp) !== ch) return false;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  return !(cp >= 0xd800 && cp <= 0xdfff);
}

/**
 * Build the canonical name of `base` (a base name or one printable character) with `mods`.
 * Folds the combinations a legacy terminal cannot distinguish, as described at the top.
 */
export function composeKey(base: string, mods: KeyMods): KeyName {
  let { ctrl, shift } = mods;
  const meta = mods.meta;
  if (base === ' ') base = 'Space';
  const isChar = Array.from(base).length === 1;
  if (ctrl && isChar) {
    const folded = CTRL_FOLDS[base];
    if (folded !== undefined) {
      base = folded;
      ctrl = base === 'Space';
    } else if (!shift && (base === 'i' || base === 'I' || base === 'm' || base === 'M')) {
      base = base.toLowerCase() === 'i' ? 'Tab' : 'Enter';
      ctrl = false;
    } else if (isLetter(base)) {
      base = base.toLowerCase();
    }
  }
  if (shift && isChar) {
    if (isLetter(base) && !ctrl) base = base.toUpperCase();
    shift = ctrl && isLetter(base);
  }
  if (base === 'Tab' && shift) base = 'BTab';
  if (base === 'BTab') shift = false;
  return `${ctrl ? 'C-' : ''}${meta ? 'M-' : ''}${shift ? 'S-' : ''}${base}`;
}

/** Split a canonical key into its modifiers and base. */
export function splitKey(key: KeyName): { mods: KeyMods; base: string } {
  const mods: KeyMods = { ctrl: false, meta: false, shift: false };
  let rest = key;
  for (const [prefix, flag] of [['C-', 'ctrl'], ['M-', 'meta'], ['S-', 'shift']] as const) {
    if (rest.length > 2 && rest.startsWith(prefix)) {
      mods[flag] = true;
      rest = rest.slice(2);
    }
  }
  return { mods, base: rest };
}

/**
 * Parse a user-written key name ("C-b", "M-Left", "^A", "F5", "PageUp"); returns the canonical
 * name or an Error whose message says what was wrong, e.g. `unknown key "Foo" (did you mean "F10"?)`.
 */
export function parseKey(text: string): KeyName | Error {
  if (text === '') return new Error('empty key name');
  // tmux's KEYC_ANY: a binding for every key its table does not bind (no modifiers).
  if (/^any$/i.test(text)) return 'Any';
  const mods: KeyMods = { ctrl: false, meta: false, shift: false };
  let rest = text;
  for (;;) {
    if (rest.length > 1 && rest[0] === '^') {
      if (mods.ctrl) return new Error(`modifier C- given twice in "${text}"`);
      mods.ctrl = true;
      rest = rest.slice(1);
      continue;
    }
    const flag = rest.length >= 2 && rest[1] === '-' ? prefixFlag(rest[0]) : undefined;
    if (flag === undefined) break;
    if (rest.length === 2) return new Error(`missing key after "${rest}" in "${text}"`);
    if (mods[flag]) return new Error(`modifier ${rest.slice(0, 2).toUpperCase()} given twice in "${text}"`);
    mods[flag] = true;
    rest = rest.slice(2);
  }
  const base = parseBase(rest);
  if (base === undefined) {
    const hint = suggest(rest);
    return new Error(`unknown key "${text}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  return composeKey(base, mods);
}

function prefixFlag(ch: string | undefined): keyof KeyMods | undefined {
  switch (ch) {
    case 'C': case 'c': return 'ctrl';
    case 'M': case 'm': return 'meta';
    case 'S': case 's': return 'shift';
    default: return undefined;
  }
}

function parseBase(text: string): string | undefined {
  if (isPrintableChar(text)) return text;
  // The keys of the user-keys option: User0 to User999, as tmux's key_string_lookup_string.
  const user = /^User(\d{1,3})$/.exec(text);
  if (user) return `User${Number(user[1])}`;
  return NAME_LOOKUP.get(text.toLowerCase());
}

/** The known name or alias closest to `text`, if one is close enough to be a likely typo. */
function suggest(text: string): string | undefined {
  const lower = text.toLowerCase();
  let best: { name: string; score: number; lenDiff: number } | undefined;
  for (const [spelling, name] of NAME_LOOKUP) {
    const score = editDistance(lower, spelling);
    const lenDiff = Math.abs(spelling.length - lower.length);
    if (!best || score < best.score || (score === best.score && lenDiff < best.lenDiff)) {
      best = { name, score, lenDiff };
    }
  }
  const MAX_TYPOS = 2;
  return best && best.score <= MAX_TYPOS && best.score < lower.length ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** xterm's modifier parameter: 1 + shift(1) + alt(2) + ctrl(4). */
export function modifierParam(mods: KeyMods): number {
  return 1 + (mods.shift ? MODIFIER_BITS.shift : 0) + (mods.meta ? MODIFIER_BITS.meta : 0)
    + (mods.ctrl ? MODIFIER_BITS.ctrl : 0);
}

/** Inverse of `modifierParam`; undefined for modifiers with no name here (super, hyper…). */
export function modsFromParam(param: number): KeyMods | undefined {
  const LOCKS = 64 | 128;
  const bits = (param - 1) & ~LOCKS;
  if (!Number.isInteger(param) || param < 1 || bits > 7) return undefined;
  return {
    shift: (bits & MODIFIER_BITS.shift) !== 0,
    meta: (bits & MODIFIER_BITS.meta) !== 0,
    ctrl: (bits & MODIFIER_BITS.ctrl) !== 0,
  };
}

/** The byte for Ctrl plus `ch` in a legacy terminal, if there is one. */
function legacyControl(ch: string): string | undefined {
  if (isLetter(ch)) return String.fromCharCode(ch.toLowerCase().charCodeAt(0) & 0x1f);
  const i = '\\]^_'.indexOf(ch);
  return i >= 0 ? String.fromCharCode(0x1c + i) : undefined;
}

/**
 * Bytes a terminal sends for the key, for `send-keys` (tmux semantics). `appCursor`: DECCKM on
 * (Up → \x1bOA instead of \x1b[A); `appKeypad`: DECKPAM on (KP7 → \x1bOw instead of 7).
 * Modified cursor/function keys use xterm's CSI 1;m forms (C-Up → \x1b[1;5A); M-x → \x1bx;
 * C-a → \x01; C-Space → \x00; Enter → \r; BSpace → \x7f; BTab → \x1b[Z; F1 → \x1bOP;
 * F5 → \x1b[15~; PPage → \x1b[5~. Combinations with no legacy encoding (C-1, S-Enter, C-S-a)
 * use xterm's modifyOtherKeys form `\x1b[27;m;code~`. Keypad keys ignore C- and S-.
 * Throws the parse error for a name `parseKey` rejects.
 */
export function keyToBytes(key: KeyName, opts: KeyModes = {}): string {
  const canonical = parseKey(key);
  if (canonical instanceof Error) throw canonical;
  // A mouse key sends nothing without a mouse event (tmux's window_pane_key).
  if (isMouseKey(canonical)) return '';
  const { mods, base } = splitKey(canonical);
  const esc = mods.meta ? '\x1b' : '';
  const param = modifierParam(mods);

  const letter = LETTER_OF[base];
  if (letter !== undefined) {
    if (param > 1) return `\x1b[1;${param}${letter}`;
    const ss3 = base.startsWith('F') || opts.appCursor === true;
    return `${ss3 ? '\x1bO' : '\x1b['}${letter}`;
  }
  const tilde = TILDE_OF[base];
  if (tilde !== undefined) return param > 1 ? `\x1b[${tilde};${param}~` : `\x1b[${tilde}~`;
  if (base === 'BTab') return mods.ctrl || mods.meta ? `\x1b[1;${modifierParam({ ...mods, shift: true })}Z` : '\x1b[Z';
  const keypad = KEYPAD_OF[base];
  if (keypad !== undefined) return esc + (opts.appKeypad ? `\x1bO${keypad.final}` : keypad.plain);

  if (base === 'Space' && mods.ctrl && !mods.shift) return `${esc}\x00`;
  const simple = SIMPLE_BYTES[base];
  if (simple !== undefined) {
    return mods.ctrl || mods.shift ? `\x1b[27;${param};${NAME_CODES[base]}~` : esc + simple;
  }
  if (mods.ctrl && !mods.shift) {
    const control = legacyControl(base);
    if (control !== undefined) return esc + control;
  }
  if (mods.ctrl) {
    const code = (mods.shift && isLetter(base) ? base.toUpperCase() : base).codePointAt(0);
    return `\x1b[27;${param};${code}~`;
  }
  return esc + base;
}
