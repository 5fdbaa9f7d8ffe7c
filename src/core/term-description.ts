/*
 * A client's terminal described as tmux 3.3a describes it (tty-term.c, tty-features.c):
 * the capabilities of its TERM's terminfo entry, the features the terminal-features
 * option gives that TERM, and the terminal-overrides option's changes — and what ccmux
 * sends that terminal, read from them (TermOutput).
 *
 * Built as tmux's tty_term_create: the terminfo capabilities; the features of every
 * terminal-features entry whose pattern matches TERM (`pattern:feature:feature`);
 * terminal-overrides applied (`pattern:cap=value:cap:cap@`, `::` a colon, values
 * unescaped as strunvis does: `\E` `\e`… `\007`, a value it cannot read kept as written);
 * a VT100-like terminal (terminfo's XT, or a clear starting with CSI) given bpaste, focus
 * and title; one with Tc or RGB but no setrgbf/setrgbb given RGB; then each feature's
 * capabilities added and the overrides applied again, so an override always wins. A
 * feature tmux does not know ends its entry (tmux's tty_add_features stops there).
 *
 * Built once at attach and again when terminal-features or terminal-overrides change;
 * never per frame. Pure: the terminfo entry is read by server/client/terminfo-read.ts.
 */
import { fnmatch } from './format/fnmatch.js';
import type { TermCap, TerminfoEntry } from './terminfo.js';
import { tparm } from './tparm.js';

/**
 * The features, in tmux's order (its client_termfeatures lists them so), each with the
 * capabilities it adds. `hyperlinks` is tmux 3.4's; `sync` is tmux 3.4's too (DEC mode
 * 2026, which terminals implement, where 3.3a's is iTerm2's old `ESC P = 1 s`).
 */
const FEATURES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['256', ['AX', 'setab=\\E[%?%p1%{8}%<%t4%p1%d%e%p1%{16}%<%t10%p1%{8}%-%d%e48;5;%p1%d%;m', 'setaf=\\E[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m']],
  ['bpaste', ['Enbp=\\E[?2004h', 'Dsbp=\\E[?2004l']],
  ['ccolour', ['Cs=\\E]12;%p1%s\\a', 'Cr=\\E]112\\a']],
  ['clipboard', ['Ms=\\E]52;%p1%s;%p2%s\\a']],
  ['cstyle', ['Ss=\\E[%p1%d q', 'Se=\\E[2 q']],
  ['extkeys', ['Eneks=\\E[>4;1m', 'Dseks=\\E[>4m']],
  ['focus', ['Enfcs=\\E[?1004h', 'Dsfcs=\\E[?1004l']],
  ['hyperlinks', []],
  ['margins', ['Enmg=\\E[?69h', 'Dsmg=\\E[?69l', 'Clmg=\\E[s', 'Cmg=\\E[%i%p1%d;%p2%ds']],
  ['mouse', ['kmous=\\E[M']],
  ['osc7', ['Swd=\\E]7;', 'fsl=\\a']],
  ['overline', ['Smol=\\E[53m']],
  ['rectfill', ['Rect']],
  ['RGB', ['AX', 'setrgbf=\\E[38;2;%p1%d;%p2%d;%p3%dm', 'setrgbb=\\E[48;2;%p1%d;%p2%d;%p3%dm',
    'setab=\\E[%?%p1%{8}%<%t4%p1%d%e%p1%{16}%<%t10%p1%{8}%-%d%e48;5;%p1%d%;m', 'setaf=\\E[%?%p1%{8}%<%t3%p1%d%e%p1%{16}%<%t9%p1%{8}%-%d%e38;5;%p1%d%;m']],
  ['strikethrough', ['smxx=\\E[9m']],
  ['sync', ['Sync=\\E[?2026%?%p1%{1}%-%tl%eh%;']],
  ['title', ['tsl=\\E]0;', 'fsl=\\a']],
  ['usstyle', ['Smulx=\\E[4::%p1%dm', 'Setulc=\\E[58::2::%p1%{65536}%/%d::%p1%{256}%/%{255}%&%d::%p1%{255}%&%d%;m', 'ol=\\E[59m']],
];
const FEATURE_INDEX = new Map(FEATURES.map(([name], i) => [name.toLowerCase(), i]));

/**
 * What ccmux takes a terminal to be when its terminfo entry cannot be found: xterm-256color's
 * capabilities (ncurses 6.4), what every ccmux before this assumed of every terminal.
 * tmux refuses such a terminal ("missing or unsuitable terminal"); ccmux, whose client is
 * already attached when it learns this, draws as before.
 */
const ASSUMED: ReadonlyArray<readonly [string, TermCap]> = [
  ['am', true], ['XT', true], ['AX', true], ['colors', 256], ['clear', '\x1b[H\x1b[2J'], ['cup', '\x1b[%i%p1%d;%p2%dH'],
  ['civis', '\x1b[?25l'], ['cnorm', '\x1b[?12l\x1b[?25h'], ['sgr0', '\x1b(B\x1b[m'],
  ['smcup', '\x1b[?1049h\x1b[22;0;0t'], ['rmcup', '\x1b[?1049l\x1b[23;0;0t'],
  ['Ss', '\x1b[%p1%d q'], ['Se', '\x1b[2 q'], ['Cs', '\x1b]12;%p1%s\x07'], ['Cr', '\x1b]112\x07'], ['Ms', '\x1b]52;%p1%s;%p2%s\x07'],
];

/** A client's terminal: its name, features and capabilities after both options. */
export interface TermDescription {
  name: string;
  /** Whether its terminfo entry was found (else ASSUMED was taken). */
  found: boolean;
  /** Feature names, in tmux's order (client_termfeatures). */
  features: string[];
  caps: ReadonlyMap<string, TermCap>;
  /** Whether it draws RGB colours (setrgbf and setrgbb: tmux's TERM_RGBCOLOURS). */
  rgb: boolean;
  /** How many palette colours it draws: 256 with the 256 or RGB feature, else terminfo's colors (tmux's tty_check_fg). */
  colours: number;
}

/** Describe terminal `term` from its terminfo entry (undefined: not found) and the two options' items. */
export function describeTerminal(term: string, entry: TerminfoEntry | undefined, features: readonly string[], overrides: readonly string[]): TermDescription {
  const caps = new Map<string, TermCap>(entry ? entry.caps : ASSUMED);
  const feat = new Set<number>();
  for (const item of splitItems(features)) {
    const fields = fieldsOf(item);
    if (fields.length === 0 || !fnmatch(fields[0]!, term)) continue;
    for (const f of fields.slice(1)) {
      const i = FEATURE_INDEX.get(f.toLowerCase());
      if (i === undefined) break;
      feat.add(i);
    }
  }
  applyOverrides(caps, term, overrides);
  const clear = caps.get('clear');
  if (caps.get('XT') === true || (typeof clear === 'string' && clear.startsWith('\x1b['))) {
    for (const f of ['bpaste', 'focus', 'title']) feat.add(FEATURE_INDEX.get(f)!);
  }
  if ((caps.get('Tc') === true || caps.has('RGB')) && !(caps.has('setrgbf') && caps.has('setrgbb'))) feat.add(FEATURE_INDEX.get('rgb')!);
  let flag256 = false;
  for (const i of [...feat].sort((a, b) => a - b)) {
    const [name, list] = FEATURES[i]!;
    for (const c of list) for (const f of fieldsOf(c)) applyCapability(caps, f);
    if (name === '256' || name === 'RGB') flag256 = true;
  }
  applyOverrides(caps, term, overrides);
  const colors = caps.get('colors');
  const rgb = caps.has('setrgbf') && caps.has('setrgbb');
  const colours = flag256 ? 256 : typeof colors === 'number' ? colors : 0;
  return { name: term, found: entry !== undefined, features: [...feat].sort((a, b) => a - b).map((i) => FEATURES[i]![0]), caps, rgb, colours };
}

/** The option's items with commas inside one split too (as `set -as terminal-features ',a:b'` leaves them). */
function splitItems(items: readonly string[]): string[] {
  return items.flatMap((e) => e.split(','));
}

/** An entry's fields: split on `:`, `::` a colon (tmux's tty_term_override_next). */
function fieldsOf(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== ':') cur += s[i];
    else if (s[i + 1] === ':') {
      cur += ':';
      i++;
    } else {
      out.push(cur);
      cur = '';
    }
  }
  if (cur !== '' || s.endsWith(':')) out.push(cur);
  return out.filter((f, i) => i === 0 || f !== '');
}

/** terminal-overrides' items whose pattern matches `term`, applied in order. */
function applyOverrides(caps: Map<string, TermCap>, term: string, overrides: readonly string[]): void {
  for (const item of splitItems(overrides)) {
    const fields = fieldsOf(item);
    if (fields.length === 0 || !fnmatch(fields[0]!, term)) continue;
    for (const f of fields.slice(1)) applyCapability(caps, f);
  }
}

/** One `cap=value`, `cap@` (removed) or `cap` (a flag). A number capability takes only a number. */
function applyCapability(caps: Map<string, TermCap>, s: string): void {
  const eq = s.indexOf('=');
  if (eq > 0) {
    const name = s.slice(0, eq);
    const value = unvis(s.slice(eq + 1));
    if (typeof caps.get(name) === 'number' || name === 'colors') {
      if (/^\d+$/.test(value)) caps.set(name, Number(value));
    } else caps.set(name, value);
  } else if (s.endsWith('@')) caps.delete(s.slice(0, -1));
  else if (s) caps.set(s, true);
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', b: '\b', a: '\x07', v: '\v', t: '\t', f: '\f', s: ' ', E: '\x1b', '\\': '\\' };

/**
 * `\E`, `\a`, `\n`…, `\NNN` (octal), `\^X` (control), `\M-x` (meta) as strunvis(3) reads
 * them; a string it cannot read (any other `\` escape, `\e` among them) is kept as written,
 * as tmux keeps it.
 */
export function unvis(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = s[++i];
    if (next === undefined) return s;
    if (next in SIMPLE) out += SIMPLE[next];
    else if (next >= '0' && next <= '7') {
      let n = Number(next);
      for (let k = 0; k < 2 && s[i + 1]! >= '0' && s[i + 1]! <= '7'; k++) n = n * 8 + Number(s[++i]);
      out += String.fromCharCode(n & 0xff);
    } else if (next === '^' && i + 1 < s.length) {
      const c = s[++i]!;
      out += c === '?' ? '\x7f' : String.fromCharCode(c.charCodeAt(0) & 0x1f);
    } else if (next === 'M' && s[i + 1] === '-' && i + 2 < s.length) {
      out += String.fromCharCode((s.charCodeAt(i + 2) | 0x80) & 0xff);
      i += 2;
    } else if (next === '\n' || next === '$') continue;
    else return s;
  }
  return out;
}

/** A string capability of `d`, if it has one. */
export function capString(d: TermDescription, name: string): string | undefined {
  const v = d.caps.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * What ccmux sends a terminal, read from its description once (each '' where the terminal
 * has no such capability: nothing is sent for it).
 */
export interface TermOutput {
  rgb: boolean;
  colours: number;
  /** Underline styles (Smulx) and their colours (Setulc). */
  usstyle: boolean;
  ulColour: boolean;
  hyperlinks: boolean;
  /** Begin and end a synchronized update (Sync 1, Sync 2). */
  syncStart: string;
  syncEnd: string;
  /** Enter and leave the alternate screen (smcup, rmcup). */
  smcup: string;
  rmcup: string;
  /** Bracketed paste on and off (Enbp, Dsbp). */
  enbp: string;
  dsbp: string;
  /** Focus reports on and off (Enfcs, Dsfcs). */
  enfcs: string;
  dsfcs: string;
  /** Extended keys on and off (Eneks, Dseks). */
  eneks: string;
  dseks: string;
  /** Cursor style (Ss with its number; Se the terminal's own) and colour (Cs with rgb:…, Cr). */
  cursorStyle: (n: number) => string;
  cursorStyleReset: string;
  cursorColour: (rgb: string) => string;
  cursorColourReset: string;
  /** The clipboard set to base64 text (Ms), '' without it. */
  clipboard: (base64: string) => string;
  /** The title set (tsl title fsl), '' without them. */
  title: (text: string) => string;
}

/** What ccmux sends the terminal `d` describes. */
export function termOutput(d: TermDescription): TermOutput {
  const s = (name: string) => capString(d, name) ?? '';
  const ss = capString(d, 'Ss');
  const se = capString(d, 'Se');
  const cs = capString(d, 'Cs');
  const ms = capString(d, 'Ms');
  const sync = capString(d, 'Sync');
  const tsl = capString(d, 'tsl');
  const fsl = capString(d, 'fsl');
  return {
    rgb: d.rgb,
    colours: d.colours,
    usstyle: d.caps.has('Smulx'),
    ulColour: d.caps.has('Setulc'),
    hyperlinks: d.features.includes('hyperlinks'),
    syncStart: sync ? tparm(sync, 1) : '',
    syncEnd: sync ? tparm(sync, 2) : '',
    smcup: s('smcup'),
    rmcup: s('rmcup'),
    enbp: s('Enbp'),
    dsbp: s('Dsbp'),
    enfcs: s('Enfcs'),
    dsfcs: s('Dsfcs'),
    eneks: s('Eneks'),
    dseks: s('Dseks'),
    cursorStyle: (n) => (ss ? tparm(ss, n) : ''),
    cursorStyleReset: se ?? (ss ? tparm(ss, 0) : ''),
    cursorColour: (rgb) => (cs ? tparm(cs, rgb) : ''),
    cursorColourReset: s('Cr'),
    clipboard: (b64) => (ms ? tparm(ms, '', b64) : ''),
    title: (text) => (tsl && fsl ? tsl + text + fsl : ''),
  };
}
