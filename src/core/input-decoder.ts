/*
 * The streaming decoder from the bytes a user's terminal sends to input events: keys (named
 * as in keys.ts), bracketed pastes, mouse reports, focus changes, and any other complete
 * escape sequence as 'unknown'. Input arrives in arbitrary chunks; an incomplete trailing
 * sequence is held until more input or `flush()` (after `escape-time`) decides it.
 *
 * A paste streams: each chunk's share of it is a 'paste' event as soon as it arrives (`first`
 * on the piece with the start marker, `last` on the one with the end marker), so a 1 MB
 * paste reaches the pane while it is still being read, and is never held whole. Only a tail
 * that could be the start of a split end marker waits for the next chunk; no timer cuts a
 * paste (hasPending is false inside one).
 *
 * Every event carries `raw`, exactly the characters it was made of: concatenating the raws of
 * all events reproduces the input, so whatever is not bound goes to the pane unchanged.
 * Decisions never depend on where a chunk ends, only on what follows (or on a flush); how a
 * paste is cut into pieces does, and nothing else about it.
 */

import {
  CSI_LETTER_KEYS, CSI_TILDE_KEYS, SS3_KEYPAD_KEYS, composeKey, isPrintableChar, modsFromParam,
  splitKey, type KeyMods, type KeyName,
} from './keys.js';

export type InputEvent =
  | { type: 'key'; key: KeyName; raw: string }
  /** A piece of a bracketed paste: `text` is what was pasted, `raw` the same with the markers it holds. */
  | { type: 'paste'; raw: string; text: string; first: boolean; last: boolean }
  | {
    type: 'mouse';
    action: 'press' | 'release' | 'drag' | 'move' | 'wheelUp' | 'wheelDown' | 'wheelLeft' | 'wheelRight';
    /** 0 left, 1 middle, 2 right, 7–10 xterm's buttons 8–11, -1 none (motion, legacy release, wheel). */
    button: number;
    /** 0-based cells. */
    x: number;
    y: number;
    shift: boolean;
    meta: boolean;
    ctrl: boolean;
    raw: string;
  }
  | { type: 'focus'; focused: boolean; raw: string }
  | { type: 'unknown'; raw: string };

export type MouseEvent = Extract<InputEvent, { type: 'mouse' }>;
export type MouseAction = MouseEvent['action'];

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
/** Key and mouse reports are under 30 characters; a longer unterminated CSI or SS3 is noise, not worth holding. */
const MAX_CSI = 64;
/** Longest OSC reply held while waiting for its terminator: colour replies are short, a clipboard reply longer. */
const MAX_OSC = 1 << 16;
/** Longest OSC 52 reply held (refresh-client -l): the base64 of 1 MB, the most a pane may put on the clipboard too, and its frame; a longer one is cut here (clipboard-query.ts drops it). */
const MAX_OSC52 = 4 * Math.ceil((1 << 20) / 3) + 16;
/** Cells beyond any terminal (sizes stop below 10000): a report past this is clamped, not trusted. */
const MAX_CELL = 9999;
const WHEEL_ACTIONS: readonly MouseAction[] = ['wheelUp', 'wheelDown', 'wheelLeft', 'wheelRight'];
const CODE_NAMES: Record<number, string> = { 9: 'Tab', 13: 'Enter', 27: 'Escape', 32: 'Space', 127: 'BSpace' };
/** kitty's code points for keypad keys, from KP_0 = 57399 to KP_ENTER. */
const KITTY_KP0 = 57399;
const KITTY_KEYPAD: readonly string[] = ['KP0', 'KP1', 'KP2', 'KP3', 'KP4', 'KP5', 'KP6', 'KP7', 'KP8', 'KP9',
  'KP.', 'KP/', 'KP*', 'KP-', 'KP+', 'KPEnter'];
const NO_MODS: KeyMods = { ctrl: false, meta: false, shift: false };
const CTRL: KeyMods = { ctrl: true, meta: false, shift: false };

/** One decoded event and how many characters it used; null when more input is needed. */
type Step = { event: InputEvent; len: number; beginsPaste?: true } | null;

function keyStep(key: KeyName, raw: string): Step {
  return { event: { type: 'key', key, raw }, len: raw.length };
}

function unknownStep(raw: string): Step {
  return { event: { type: 'unknown', raw }, len: raw.length };
}

function withMeta(key: KeyName): KeyName {
  const { mods, base } = splitKey(key);
  return composeKey(base, { ...mods, meta: true });
}

/** The key for a C0 control character or DEL. */
function controlKey(code: number): KeyName {
  switch (code) {
    case 0x00: return 'C-Space';
    case 0x09: return 'Tab';
    case 0x0d: return 'Enter';
    case 0x1b: return 'Escape';
    case 0x7f: return 'BSpace';
  }
  if (code <= 26) return composeKey(String.fromCharCode(code + 96), CTRL);
  return composeKey('\\]^_'[code - 0x1c], CTRL);
}

/** The key of one character at `pos` (a key of undefined: not a key); null: a split surrogate pair. */
function readChar(s: string, pos: number, final: boolean): { key?: KeyName; len: number } | null {
  const code = s.charCodeAt(pos);
  if (code >= 0xd800 && code <= 0xdbff) {
    if (pos + 1 >= s.length) return final ? { len: 1 } : null;
    const next = s.charCodeAt(pos + 1);
    return next >= 0xdc00 && next <= 0xdfff ? { key: s.slice(pos, pos + 2), len: 2 } : { len: 1 };
  }
  if (code < 0x20 || code === 0x7f) return { key: controlKey(code), len: 1 };
  if (code === 0x20) return { key: 'Space', len: 1 };
  return isPrintableChar(s[pos]) ? { key: s[pos], len: 1 } : { len: 1 };
}

/** A named base for a code point in `CSI 27;m;code~` or `CSI code;m u` (kitty keypad included). */
function baseFromCode(code: number): string | undefined {
  const named = CODE_NAMES[code] ?? KITTY_KEYPAD[code - KITTY_KP0];
  if (named !== undefined) return named;
  if (code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  const ch = String.fromCodePoint(code);
  return isPrintableChar(ch) ? ch : undefined;
}

/** Fields of CSI parameters, `1;5` → [[1],[5]], `97:65;6` → [[97,65],[6]]; undefined if not numeric. */
function parseParams(params: string): (number | undefined)[][] | undefined {
  if (params === '') return [];
  if (!/^[\d;:]*$/.test(params)) return undefined;
  return params.split(';').map((f) => f.split(':').map((n) => (n === '' ? undefined : Number(n))));
}

/** Mouse event from xterm's button code `b` (SGR: `release` from the final byte; legacy: undefined). */
function mouseEvent(b: number, x: number, y: number, release: boolean | undefined, raw: string): InputEvent {
  const low = b & 3;
  const wheel = (b & 64) !== 0 && (b & 128) === 0;
  const button = b & 128 ? 7 + low : wheel || low === 3 ? -1 : low;
  let action: MouseAction;
  if (wheel) action = WHEEL_ACTIONS[low];
  else if (b & 32) action = button === -1 ? 'move' : 'drag';
  else if (release !== undefined) action = release ? 'release' : 'press';
  else action = button === -1 ? 'release' : 'press';
  return {
    type: 'mouse', action, button, x: Math.min(MAX_CELL, Math.max(0, x)), y: Math.min(MAX_CELL, Math.max(0, y)),
    shift: (b & 4) !== 0, meta: (b & 8) !== 0, ctrl: (b & 16) !== 0, raw,
  };
}

/** Interpret one complete CSI sequence other than a paste start and X10 mouse. */
function interpretCsi(params: string, inter: string, final: string, raw: string): InputEvent {
  const unknown: InputEvent = { type: 'unknown', raw };
  if (inter !== '') return unknown;
  if (params === '' && (final === 'I' || final === 'O')) return { type: 'focus', focused: final === 'I', raw };
  if (params.startsWith('<')) {
    const m = /^<(\d+);(\d+);(\d+)$/.exec(params);
    if (!m || (final !== 'M' && final !== 'm')) return unknown;
    return mouseEvent(Number(m[1]), Number(m[2]) - 1, Number(m[3]) - 1, final === 'm', raw);
  }
  const f = parseParams(params);
  if (!f) return unknown;
  const num = (i: number, sub = 0, dflt = 1): number => f[i]?.[sub] ?? dflt;
  if (final === 'M') {
    const ok = f.length === 3 && f.every((x) => x.length === 1 && x[0] !== undefined);
    return ok ? mouseEvent(num(0) - 32, num(1) - 1, num(2) - 1, undefined, raw) : unknown;
  }
  let base: string | undefined;
  let modParam = 1;
  if (final === 'u' && f.length >= 1 && f.length <= 3) {
    const RELEASE = 3;
    if (num(1, 1) === RELEASE) return unknown;
    base = baseFromCode(num(0, 0, 0));
    modParam = num(1);
  } else if (final === '~' && num(0, 0, 0) === 27 && f.length === 3) {
    base = baseFromCode(num(2, 0, 0));
    modParam = num(1);
  } else if (final === '~' && f.length <= 2) {
    base = CSI_TILDE_KEYS[num(0, 0, 0)];
    modParam = num(1);
  } else if ((final === 'Z' || CSI_LETTER_KEYS[final]) && f.length <= 2 && num(0) === 1) {
    base = final === 'Z' ? 'Tab' : CSI_LETTER_KEYS[final];
    modParam = num(1);
  }
  const mods = modsFromParam(modParam);
  if (base === undefined || mods === undefined) return unknown;
  if (final === 'Z') mods.shift = true;
  return { type: 'key', key: composeKey(base, mods), raw };
}

/** `ESC O …`: SS3 keys (application cursor and keypad, F1–F4), with an optional modifier digit. */
function ss3(s: string, pos: number, final: boolean): Step {
  const j = pos + 2;
  let k = j;
  while (k < s.length && k < j + 2 && /\d/.test(s[k])) k++;
  if (k >= s.length) {
    if (!final) return null;
    return k === j ? keyStep('M-O', s.slice(pos, j)) : unknownStep(s.slice(pos, k));
  }
  const c = s.charCodeAt(k);
  if (c < 0x40 || c > 0x7e) return k === j ? keyStep('M-O', s.slice(pos, j)) : unknownStep(s.slice(pos, k));
  const raw = s.slice(pos, k + 1);
  const mods = k === j ? NO_MODS : modsFromParam(Number(s.slice(j, k)));
  const letter = s[k];
  const base = 'ABCDHFPQRS'.includes(letter) ? CSI_LETTER_KEYS[letter] : SS3_KEYPAD_KEYS[letter]?.name;
  return base !== undefined && mods !== undefined ? keyStep(composeKey(base, mods), raw) : unknownStep(raw);
}

/** `ESC [ M b x y`: legacy X10 mouse, three characters of value + 32 (coordinates 1-based). */
function x10Mouse(s: string, pos: number, final: boolean): Step {
  if (pos + 6 > s.length) return final ? unknownStep(s.slice(pos)) : null;
  const [b, x, y] = [3, 4, 5].map((i) => s.charCodeAt(pos + i) - 32);
  if (b < 0 || x < 0 || y < 0) return unknownStep(s.slice(pos, pos + 3));
  const raw = s.slice(pos, pos + 6);
  return { event: mouseEvent(b, x - 1, y - 1, undefined, raw), len: 6 };
}

/** `ESC ESC`: M-Escape, or Meta with a following CSI/SS3 key (rxvt's M-Up is `ESC ESC [ A`). */
function escEsc(s: string, pos: number, final: boolean): Step {
  if (pos + 2 >= s.length) return final ? keyStep('M-Escape', s.slice(pos, pos + 2)) : null;
  const next = s[pos + 2];
  if (next !== '[' && next !== 'O') return keyStep('M-Escape', s.slice(pos, pos + 2));
  const inner = next === '[' ? csi(s, pos + 1, final) : ss3(s, pos + 1, final);
  if (!inner) return null;
  if (inner.event.type === 'key' && inner.len > 2) return keyStep(withMeta(inner.event.key), ESC + inner.event.raw);
  return keyStep('Escape', ESC);
}

/** `ESC [ …`: X10 mouse, linux console F1–F5, a paste start, or a CSI sequence up to its final byte. */
function csi(s: string, pos: number, final: boolean): Step {
  const j = pos + 2;
  const metaBracket = keyStep('M-[', s.slice(pos, j));
  if (j >= s.length) return final ? metaBracket : null;
  if (s[j] === 'M') return x10Mouse(s, pos, final);
  if (s[j] === '[') {
    if (j + 1 >= s.length) return final ? metaBracket : null;
    const fkey = 'ABCDE'.indexOf(s[j + 1]);
    return fkey >= 0 ? keyStep(`F${fkey + 1}`, s.slice(pos, j + 2)) : metaBracket;
  }
  const limit = Math.min(s.length, pos + MAX_CSI);
  let k = j;
  while (k < limit && s.charCodeAt(k) >= 0x30 && s.charCodeAt(k) <= 0x3f) k++;
  const paramsEnd = k;
  while (k < limit && s.charCodeAt(k) >= 0x20 && s.charCodeAt(k) <= 0x2f) k++;
  if (k >= limit) {
    if (limit === pos + MAX_CSI) return unknownStep(s.slice(pos, limit));
    if (!final) return null;
    return k === j ? metaBracket : unknownStep(s.slice(pos, k));
  }
  const c = s.charCodeAt(k);
  if (c < 0x40 || c > 0x7e) return k === j ? metaBracket : unknownStep(s.slice(pos, k));
  const raw = s.slice(pos, k + 1);
  if (raw === PASTE_START) return { event: { type: 'unknown', raw }, len: raw.length, beginsPaste: true };
  return { event: interpretCsi(s.slice(j, paramsEnd), s.slice(paramsEnd, k), s[k], raw), len: raw.length };
}

/** `ESC ] digits ; … (BEL | ESC \)`: an OSC reply from the terminal; `ESC ]` before anything else is M-]. */
function osc(s: string, pos: number, final: boolean): Step {
  const j = pos + 2;
  let k = j;
  while (k < s.length && k < j + 5 && /\d/.test(s[k])) k++;
  if (k >= s.length && !final) return null;
  if (k === j || s[k] !== ';') return keyStep('M-]', s.slice(pos, j));
  const limit = pos + (s.startsWith('52;', j) ? MAX_OSC52 : MAX_OSC);
  const ends = [s.indexOf('\x07', k + 1), s.indexOf(ESC, k + 1)].filter((i) => i >= 0 && i < limit);
  if (ends.length === 0) {
    if (s.length >= limit) return unknownStep(s.slice(pos, limit));
    return final ? unknownStep(s.slice(pos)) : null;
  }
  const t = Math.min(...ends);
  if (s[t] === '\x07') return unknownStep(s.slice(pos, t + 1));
  if (t + 1 >= s.length) return final ? unknownStep(s.slice(pos)) : null;
  return unknownStep(s[t + 1] === '\\' ? s.slice(pos, t + 2) : s.slice(pos, t));
}

/**
 * The step of each ASCII character but ESC, made once: typed text and plain pastes are
 * mostly these, and a fresh event per character was most of a 1 MB plain paste's
 * garbage. Frozen: events are shared, so nobody may change one.
 */
const ASCII_STEPS: readonly Step[] = Array.from({ length: 0x80 }, (_, code) => {
  if (code === 0x1b) return null;
  const ch = String.fromCharCode(code);
  const r = readChar(ch, 0, true)!;
  const event: InputEvent = r.key === undefined ? { type: 'unknown', raw: ch } : { type: 'key', key: r.key, raw: ch };
  return Object.freeze({ event: Object.freeze(event), len: 1 });
});

/** How many characters at the end of `s` (from `pos` on) could be the start of a split end marker. */
function partialEnd(s: string, pos: number): number {
  for (let k = Math.min(PASTE_END.length - 1, s.length - pos); k > 0; k--) {
    if (s.startsWith(PASTE_END.slice(0, k), s.length - k)) return k;
  }
  return 0;
}

/** Streaming decoder of the user's terminal input; see the top of this file. */
export class InputDecoder {
  private held = '';
  /**
   * Set from a paste's start marker to its end marker; `start` is the start marker until it
   * has gone out with the paste's first piece, then ''.
   */
  private paste: { start: string } | undefined;
  /** The user-keys option's sequences by index ('' for none): input that is one is the key UserN. */
  private userKeys: readonly string[] = [];

  /** The sequences of the user-keys option (item N is the key UserN; '' or undefined: none). */
  setUserKeys(items: ReadonlyArray<string | undefined>): void {
    this.userKeys = items.map((x) => x ?? '');
  }

  /** Decode a chunk; returns complete events. An incomplete trailing sequence is held back. */
  feed(data: string): InputEvent[] {
    this.held += data;
    return this.drain(false);
  }

  /**
   * True when a partial sequence (e.g. a lone ESC) is held: the caller then calls flush() after
   * `escape-time` ms. Never inside a paste: what it holds there waits for the next chunk.
   */
  hasPending(): boolean {
    return this.held.length > 0 && !this.paste;
  }

  /**
   * Emit what is held as it is: a lone ESC becomes the key Escape, `ESC [` and `ESC O` the keys
   * M-[ and M-O, any other partial sequence 'unknown'. Inside a paste, what is held goes out as
   * paste (an end marker split exactly there is then not seen), and the paste goes on.
   */
  flush(): InputEvent[] {
    return this.drain(true);
  }

  private drain(final: boolean): InputEvent[] {
    const events: InputEvent[] = [];
    let pos = 0;
    for (;;) {
      if (this.paste) {
        pos = this.continuePaste(pos, events, final);
        if (this.paste) break;
      }
      if (pos >= this.held.length) break;
      const step = this.step(pos, final);
      if (!step) break;
      pos += step.len;
      if (step.beginsPaste) this.paste = { start: step.event.raw };
      else events.push(step.event);
    }
    this.held = this.held.slice(pos);
    return events;
  }

  /**
   * Emit the held input from `pos` as a piece of the current paste, up to and with its end
   * marker if that has come (the paste then ends), else all but a tail that may begin the
   * end marker; returns where decoding continues.
   */
  private continuePaste(pos: number, events: InputEvent[], final: boolean): number {
    const paste = this.paste!;
    const s = this.held;
    const at = s.indexOf(PASTE_END, pos);
    if (at >= 0) {
      const text = s.slice(pos, at);
      events.push({ type: 'paste', raw: paste.start + text + PASTE_END, text, first: paste.start !== '', last: true });
      this.paste = undefined;
      return at + PASTE_END.length;
    }
    const end = s.length - (final ? 0 : partialEnd(s, pos));
    if (end > pos || (final && paste.start !== '')) {
      const text = s.slice(pos, end);
      events.push({ type: 'paste', raw: paste.start + text, text, first: paste.start !== '', last: false });
      paste.start = '';
    }
    return end;
  }

  private step(pos: number, final: boolean): Step {
    const s = this.held;
    if (this.userKeys.length > 0) {
      const user = this.userKey(pos, final);
      if (user !== undefined) return user;
    }
    const code = s.charCodeAt(pos);
    if (code < 0x80 && code !== 0x1b) return ASCII_STEPS[code];
    if (s[pos] !== ESC) {
      const r = readChar(s, pos, final);
      if (!r) return null;
      const raw = s.slice(pos, pos + r.len);
      return r.key === undefined ? unknownStep(raw) : keyStep(r.key, raw);
    }
    if (pos + 1 >= s.length) return final ? keyStep('Escape', ESC) : null;
    switch (s[pos + 1]) {
      case '[': return csi(s, pos, final);
      case 'O': return ss3(s, pos, final);
      case ']': return osc(s, pos, final);
      case ESC: return escEsc(s, pos, final);
    }
    const r = readChar(s, pos + 1, final);
    if (!r) return null;
    return r.key === undefined ? keyStep('Escape', ESC) : keyStep(withMeta(r.key), s.slice(pos, pos + 1 + r.len));
  }

  /**
   * A user key at `pos`: the first of the user-keys sequences the input starts with (tmux
   * looks them up before its own keys); null to wait when the input so far is the start of
   * one (until escape-time flushes it); undefined when it is none.
   */
  private userKey(pos: number, final: boolean): Step | undefined {
    const s = this.held;
    let waits = false;
    for (let i = 0; i < this.userKeys.length; i++) {
      const seq = this.userKeys[i]!;
      if (seq === '') continue;
      if (s.startsWith(seq, pos)) return keyStep(`User${i}`, seq);
      if (!final && s.length - pos < seq.length && seq.startsWith(s.slice(pos))) waits = true;
    }
    return waits ? null : undefined;
  }
}
