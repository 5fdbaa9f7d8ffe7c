/*
 * tmux's control-mode protocol as text (`ccmux -C`, `-CC`): what a control client reads
 * and writes, with no server, socket or pty in sight.
 *
 *   in   one command line per line; an empty line means "detach" (LineSplitter)
 *   out  each command's output between guard lines
 *          %begin <seconds> <number> <flags>   … output …   %end|%error <same three>
 *        (flags 1 for a command the control client sent, 0 for the one it was started
 *        with), and notifications, one line each (`%window-add @1`, `%output %0 …`)
 *
 * Pane output is escaped as tmux's control_append_data does: every byte below ' ' and
 * the backslash as \ooo (three octal digits), everything else — UTF-8 included — as it
 * is. The `refresh-client` values only control clients use (-C size, -f flags, -A pane
 * actions) are parsed here too, each failure naming what was wrong.
 */
import { CommandError } from '../core/errors.js';

/** `-CC` writes this first (DCS 1000p: iTerm2's cue that tmux control mode starts). */
export const DCS_START = '\x1bP1000p';
/** … and this (ST) after `%exit`. */
export const DCS_END = '\x1b\\';

export type Guard = 'begin' | 'end' | 'error';

/** A guard line (without its newline): `%begin 1700000000 12 1`. */
export function guardLine(guard: Guard, seconds: number, number: number, flags: 0 | 1): string {
  return `%${guard} ${seconds} ${number} ${flags}`;
}

/**
 * Pane output as a control line's payload: bytes below 0x20 and '\\' as \ooo, others as
 * they are (tmux sends UTF-8 and other high bytes unchanged).
 */
export function escapeOutput(data: Uint8Array): Buffer {
  let escapes = 0;
  for (const b of data) if (b < 0x20 || b === 0x5c) escapes++;
  if (escapes === 0) return Buffer.from(data);
  const out = Buffer.allocUnsafe(data.length + escapes * 3);
  let o = 0;
  for (const b of data) {
    if (b < 0x20 || b === 0x5c) {
      out[o++] = 0x5c;
      out[o++] = 0x30 + (b >> 6);
      out[o++] = 0x30 + ((b >> 3) & 7);
      out[o++] = 0x30 + (b & 7);
    } else out[o++] = b;
  }
  return out;
}

/** The bytes an escaped payload stands for (what a control-mode tool does with it: tests, tools). */
export function unescapeOutput(text: Buffer): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const b = text[i]!;
    if (b === 0x5c && i + 3 < text.length && /^[0-7]{3}$/.test(text.toString('latin1', i + 1, i + 4))) {
      out[o++] = parseInt(text.toString('latin1', i + 1, i + 4), 8) & 0xff;
      i += 3;
    } else out[o++] = b;
  }
  return out.subarray(0, o);
}

/**
 * The start of an output line for pane `pane`: `%output %3 `, or with pause-after in
 * force `%extended-output %3 <age ms> : ` (how long the output waited in the server).
 */
export function outputPrefix(pane: number, extendedAgeMs?: number): string {
  return extendedAgeMs === undefined ? `%output %${pane} ` : `%extended-output %${pane} ${extendedAgeMs} : `;
}

/** The notifications tmux 3.3a sends control clients (control-notify.c), one line each. */
export const notify = {
  windowAdd: (window: number, inClientSession: boolean) => `%${inClientSession ? '' : 'unlinked-'}window-add @${window}`,
  windowClose: (window: number, inClientSession: boolean) => `%${inClientSession ? '' : 'unlinked-'}window-close @${window}`,
  windowRenamed: (window: number, name: string, inClientSession: boolean) => `%${inClientSession ? '' : 'unlinked-'}window-renamed @${window} ${name}`,
  windowPaneChanged: (window: number, pane: number) => `%window-pane-changed @${window} %${pane}`,
  layoutChange: (window: number, layout: string, visibleLayout: string, flags: string) => `%layout-change @${window} ${layout} ${visibleLayout} ${flags}`,
  sessionChanged: (session: number, name: string) => `%session-changed $${session} ${name}`,
  clientSessionChanged: (client: string, session: number, name: string) => `%client-session-changed ${client} $${session} ${name}`,
  sessionRenamed: (session: number, name: string) => `%session-renamed $${session} ${name}`,
  sessionsChanged: () => '%sessions-changed',
  sessionWindowChanged: (session: number, window: number) => `%session-window-changed $${session} @${window}`,
  paneModeChanged: (pane: number) => `%pane-mode-changed %${pane}`,
  clientDetached: (client: string) => `%client-detached ${client}`,
  pause: (pane: number) => `%pause %${pane}`,
  continue: (pane: number) => `%continue %${pane}`,
  subscriptionChanged: (name: string, session: number, window: string, index: string, pane: string, value: string) =>
    `%subscription-changed ${name} $${session} ${window} ${index} ${pane} : ${value}`,
};

/** `%exit` with tmux's reason, if any (the client process prints it, last). */
export function exitLine(reason?: string): string {
  return reason ? `%exit ${reason}` : '%exit';
}

/**
 * Input bytes → command lines. Lines end at LF only, as tmux's evbuffer_readln with
 * EOL_LF (under -CC the client turns the terminal's CR into LF first, as tmux's ICRNL
 * does). A line longer than `maxLine` bytes is an error: the peer is dropped rather than
 * held in memory.
 */
export class LineSplitter {
  private held: Buffer[] = [];
  private heldBytes = 0;

  constructor(private readonly maxLine = 1024 * 1024) {}

  /** The whole lines in `chunk` (and what was held before it), without their LF. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, start)) {
      const part = chunk.subarray(start, i);
      const whole = this.heldBytes ? Buffer.concat([...this.held, part]) : part;
      this.held = [];
      this.heldBytes = 0;
      lines.push(whole.toString('utf8'));
      start = i + 1;
    }
    if (start < chunk.length) {
      this.held.push(Buffer.from(chunk.subarray(start)));
      this.heldBytes += chunk.length - start;
      if (this.heldBytes > this.maxLine) throw new CommandError(`control mode: a command line longer than ${this.maxLine} bytes`);
    }
    return lines;
  }
}

/** The flags `refresh-client -f` sets on a control client (tmux: no-output, pause-after=N; read-only, ignore-size, active-pane). */
export interface ControlFlags {
  /** read-only, ignore-size: any client's (tmux's server_client_set_flags); the others a control client's. */
  readOnly?: boolean;
  ignoreSize?: boolean;
  noOutput?: boolean;
  /** Seconds output may wait before the pane is paused (undefined: never). */
  pauseAfter?: number | undefined;
}

/**
 * `refresh-client -f` / `-F`: comma-separated flags, each possibly `!` (off) first. Only
 * the ones ccmux implements are accepted; any other is an error naming it.
 */
export function parseClientFlags(text: string): ControlFlags {
  const out: ControlFlags = {};
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const off = item.startsWith('!');
    const name = off ? item.slice(1) : item;
    if (name === 'no-output') out.noOutput = !off;
    else if (name === 'read-only') out.readOnly = !off;
    else if (name === 'ignore-size') out.ignoreSize = !off;
    else if (name === 'pause-after' || name.startsWith('pause-after=')) {
      if (off) out.pauseAfter = undefined;
      else if (name === 'pause-after') out.pauseAfter = 0;
      else {
        const v = name.slice('pause-after='.length);
        if (!/^\d{1,6}$/.test(v)) throw new CommandError(`bad pause-after value: ${v} (seconds, 0 to 999999)`);
        out.pauseAfter = Number(v);
      }
    } else throw new CommandError(`unknown client flag: ${name}`);
  }
  return out;
}

/** `refresh-client -C WxH` (or `W,H`): a control client's size. */
export function parseControlSize(text: string): { cols: number; rows: number } {
  const m = /^(\d{1,5})[x,](\d{1,5})$/.exec(text);
  if (!m) throw new CommandError('bad size argument'); // tmux's words (its only argument is the size)
  const cols = Number(m[1]);
  const rows = Number(m[2]);
  // tmux's bounds (WINDOW_MINIMUM, WINDOW_MAXIMUM).
  if (cols < 1 || rows < 1 || cols > 10000 || rows > 10000) throw new CommandError('size too small or too big');
  return { cols, rows };
}

/**
 * `refresh-client -C @N:WxH` (window N's size for this control client) or `@N:` (its own
 * size again), as tmux's sscanf of "@%u:%ux%u" and "@%u:"; undefined when not that form.
 */
export function parseWindowControlSize(text: string): { window: number; size?: { cols: number; rows: number } } | undefined {
  const m = /^@(\d{1,9}):(.*)$/s.exec(text);
  if (!m) return undefined;
  const window = Number(m[1]);
  const sized = /^(\d{1,9})x(\d{1,9})/.exec(m[2]!);
  if (!sized) return { window };
  const cols = Number(sized[1]);
  const rows = Number(sized[2]);
  if (cols < 1 || rows < 1 || cols > 10000 || rows > 10000) throw new CommandError('size too small or too big');
  return { window, size: { cols, rows } };
}

export type PaneAction = 'on' | 'off' | 'pause' | 'continue';

/** `refresh-client -A %3:pause`: which pane, and what to do with its output. */
export function parsePaneAction(text: string): { pane: number; action: PaneAction } {
  const m = /^%(\d{1,9}):(.*)$/.exec(text);
  if (!m) throw new CommandError(`bad pane argument: ${text}`);
  const action = m[2]!;
  if (action !== 'on' && action !== 'off' && action !== 'pause' && action !== 'continue') throw new CommandError(`bad pane argument: ${text}`);
  return { pane: Number(m[1]), action };
}

/** What a subscription watches: the session, one pane or window, or every pane or window of the session. */
export type SubscriptionTarget = { kind: 'session' } | { kind: 'pane' | 'window'; id: number } | { kind: 'all-panes' | 'all-windows' };

/**
 * `refresh-client -B name:what:format` (a subscription; `what` is empty for the session,
 * `%3`, `%*`, `@1` or `@*`), or `-B name` (drop it). As tmux, a `what` that is none of
 * these means the session.
 */
export function parseSubscription(text: string): { name: string; remove: true } | { name: string; remove: false; target: SubscriptionTarget; format: string } {
  const colon = text.indexOf(':');
  if (colon === -1) return { name: text, remove: true };
  const name = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const colon2 = rest.indexOf(':');
  if (colon2 === -1) throw new CommandError(`bad subscription: ${text} (name:what:format)`);
  if (name === '') throw new CommandError(`bad subscription: ${text} (no name)`);
  const what = rest.slice(0, colon2);
  const format = rest.slice(colon2 + 1);
  let target: SubscriptionTarget = { kind: 'session' };
  if (what === '%*') target = { kind: 'all-panes' };
  else if (what === '@*') target = { kind: 'all-windows' };
  else if (/^%\d{1,9}$/.test(what)) target = { kind: 'pane', id: Number(what.slice(1)) };
  else if (/^@\d{1,9}$/.test(what)) target = { kind: 'window', id: Number(what.slice(1)) };
  return { name, remove: false, target, format };
}
