/*
 * An attached client's input pipeline: the bytes its terminal sends, decoded into
 * InputEvents (an Escape held for escape-time to tell it from the start of a sequence),
 * queued, and handled strictly in order even when a bound command is asynchronous.
 *
 * A run of queued events that all go to one pane unchanged — typed text, unbound keys,
 * sequences ccmux does not read, the pieces of a paste as it streams in — is written with
 * one write (1 MB of pasted text is not a million writes); every other event (a binding,
 * the prefix, a mode, a mouse event) goes to the owner's `handleEvent`, one at a time.
 * With synchronize-panes on, a run goes to the window's other synchronized panes too
 * (synchronize-panes.ts), each encoded for its program; off, that costs one lookup a run.
 */
import { InputDecoder, type InputEvent } from '../../core/input-decoder.js';
import type { OptionLayers } from '../../config/local-options.js';
import type { Pane } from '../pane.js';
import type { Server } from '../server.js';
import type { Session, Window } from '../window.js';
import type { ClientMode } from './handle.js';
import { synchronizedPanes } from '../synchronize-panes.js';
import { backspaceByte, withBackspace } from '../backspace-key.js';
import { extendedForm, extendedKeyBytes } from '../extended-keys.js';
import { clipboardReplyCut, isClipboardReply, restOfCutReply } from './clipboard-query.js';

/** What the queue needs of the client it reads for. */
export interface InputOwner {
  readonly server: Server;
  readonly session: Session | null;
  readonly mode: ClientMode | null;
  readonly keyTable: string;
  /** The table keys are looked up in when no other is current (the key-table option, else root). */
  readonly defaultKeyTable: string;
  readonly activePane: Pane | undefined;
  readonly at: OptionLayers;
  /** The client has gone: nothing more is handled. */
  readonly isGone: boolean;
  /** A read-only client (attach -r, server-access -r): none of its input reaches a pane. */
  readonly readOnly: boolean;
  /** A key went to a pane: a message shown until a key goes. */
  keyPassed(): void;
  /** Handle one event that is not a plain write to a pane (bindings, modes, the mouse). */
  handleEvent(ev: InputEvent): Promise<void>;
  /** The terminal's answer to refresh-client -l (OSC 52): never a key, never for a pane. */
  clipboardReply(raw: string): void;
}

/**
 * An unmodified cursor key as a program in application cursor mode (DECCKM, which vim, less
 * and htop turn on) expects it: SS3 instead of CSI, as xterm sends it. The user's terminal
 * never sees that mode (ccmux draws the screen), so it always sends the CSI form.
 */
export function appCursorKey(raw: string): string {
  return /^\x1b\[[ABCDHF]$/.test(raw) ? `\x1bO${raw[2]}` : raw;
}

/** Whether `pane` gets extended keys (its program asked, or extended-keys was always when it was made). */
export function paneExtended(pane: Pane): boolean {
  return pane.keyMode.extended;
}

/**
 * A key's bytes as `pane`'s program expects them: its cursor key mode, and a key in an
 * extended form (C-Enter, S-Enter, …) as extended-keys.ts says for the pane.
 */
export function keyBytesFor(pane: Pane, raw: string): string {
  if (raw.length >= 6 && raw.charCodeAt(0) === 0x1b) {
    const form = extendedForm(raw);
    if (form) return extendedKeyBytes(form, paneExtended(pane)) ?? '';
  }
  return pane.term.modes.applicationCursorKeysMode ? appCursorKey(raw) : raw;
}

/** An event of a run as `pane`'s program expects it: keys in its cursor-key mode, a paste with markers if it asked. */
function eventBytesFor(pane: Pane, ev: InputEvent): string {
  if (ev.type === 'paste') return pane.term.modes.bracketedPasteMode ? ev.raw : ev.text;
  return ev.type === 'key' ? keyBytesFor(pane, ev.raw) : ev.raw;
}

/** What a typed key sends: its raw bytes, Backspace as the backspace option says (backspace-key.ts); a user key (User0…), nothing, as tmux. */
export function typedBytes(server: Server, key: string, raw: string): string {
  if (key.charCodeAt(0) === 85 && /^User\d+$/.test(key)) return '';
  return key === 'BSpace' || key === 'M-BSpace' ? withBackspace(key, raw, backspaceByte(server.options.get('backspace') as string)) : raw;
}

/** Key `key` typed into `pane` of `window`, written to it and to the panes synchronized with it. */
export function writeKey(server: Server, window: Window, pane: Pane, key: string, raw: string): void {
  const bytes = typedBytes(server, key, raw);
  pane.write(keyBytesFor(pane, bytes));
  for (const p of synchronizedPanes(server.options, window, pane)) p.write(keyBytesFor(p, bytes));
}

export class InputQueue {
  private readonly decoder = new InputDecoder();
  private escTimer: NodeJS.Timeout | null = null;
  /** Input events not handled yet, from `head` on; `pumping` while they are being handled. */
  private queue: InputEvent[] = [];
  private head = 0;
  private pumping = false;
  /** The paste streaming in (from its first piece to its last): where it goes and whether with its markers. */
  private paste: { pane: Pane | null; bracketed: boolean } | null = null;

  constructor(private readonly owner: InputOwner) {}

  /** Decode and handle `data`; an Escape that may begin a sequence waits escape-time for the rest. */
  feed(data: string): void {
    if (this.escTimer) clearTimeout(this.escTimer);
    this.escTimer = null;
    this.dispatch(this.decoder.feed(data));
    if (this.decoder.hasPending()) {
      const ms = this.owner.server.options.get('escape-time', this.owner.at) as number;
      this.escTimer = setTimeout(() => {
        this.escTimer = null;
        this.dispatch(this.decoder.flush());
      }, ms);
    }
  }

  /** An event made here, not read (a double click from the click timer): handled after what is queued. */
  inject(ev: InputEvent): void {
    this.dispatch([ev]);
  }

  /** The user-keys option's sequences (when it changes: not looked up per key). */
  setUserKeys(items: ReadonlyArray<string | undefined>): void {
    this.decoder.setUserKeys(items);
  }

  /** The paste streaming in has ended where it was taken (a mode had its last piece). */
  endPaste(): void {
    this.paste = null;
  }

  dispose(): void {
    if (this.escTimer) clearTimeout(this.escTimer);
    this.escTimer = null;
  }

  /** The keys that came as a paste (assume-paste-time; the timing is the session's). */
  private readonly pasted = new WeakSet<InputEvent>();

  /** Events are handled strictly in order, even when a bound command is asynchronous. */
  private dispatch(events: InputEvent[]): void {
    if (events.length === 0) return;
    // A clipboard answer is taken out first, as tmux's tty_keys_clipboard: asked for or not, no pane gets it.
    if (this.inCutReply || events.some((ev) => ev.type === 'unknown' && isClipboardReply(ev.raw))) {
      events = events.filter((ev) => this.keepEvent(ev));
      if (events.length === 0) return;
    }
    this.notePastes(events);
    for (const ev of events) this.queue.push(ev);
    if (this.pumping) return;
    // Typed text for the active pane, the common case, is written now: no promise, no tick.
    while (this.writeRun());
    if (this.head < this.queue.length) void this.pump();
    else {
      this.queue = [];
      this.head = 0;
    }
  }

  /** Set while the rest of a clipboard answer too long for the decoder comes in as keys: dropped up to its terminator. */
  private inCutReply = false;

  /** False for an event that is (part of) a clipboard answer: handed to the owner, or dropped. */
  private keepEvent(ev: InputEvent): boolean {
    if (this.inCutReply) {
      const rest = ev.type === 'key' ? restOfCutReply(ev.key) : null;
      if (rest === 'end') this.inCutReply = false;
      if (rest) return false;
      this.inCutReply = false;
    }
    if (ev.type !== 'unknown' || !isClipboardReply(ev.raw)) return true;
    this.owner.clipboardReply(ev.raw);
    if (clipboardReplyCut(ev.raw)) this.inCutReply = true;
    return false;
  }

  /** Handle queued events in order: runs for the active pane in one write each, the rest one by one. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.head < this.queue.length) {
        if (this.writeRun()) continue;
        const ev = this.queue[this.head++];
        try {
          await this.owner.handleEvent(ev);
        } catch (err) {
          this.owner.server.log.error({ err }, 'input handling failed');
        }
      }
    } finally {
      this.queue = [];
      this.head = 0;
      this.pumping = false;
    }
  }

  /**
   * Take the run of queued events that go to one pane unchanged — unbound keys and other
   * sequences for the active pane, pieces of a paste — and write them at once. False when the
   * next event is not one (a binding, a mode, the prefix, a mouse event …): handleEvent decides.
   * The same decisions handleEvent would make one event at a time; nothing in such a run can
   * change them (no binding runs in it).
   */
  private writeRun(): boolean {
    const o = this.owner;
    if (o.isGone || !o.session || o.mode || o.readOnly) return false;
    const start = this.head;
    const { keys, options } = o.server;
    const prefixes = [options.get('prefix', o.at), options.get('prefix2', o.at)].filter(Boolean);
    const table = o.defaultKeyTable;
    const unbound = (key: string) => !prefixes.includes(key) && !keys.find(table, key);
    const parts: string[] = [];
    let to: Pane | null = null;
    // The panes synchronized with `to`, and the events of the run for them (only when there are any).
    let mirrors: Pane[] = [];
    const events: InputEvent[] = [];
    const flush = () => {
      if (!to || !parts.length) return;
      to.write(parts.join(''));
      for (const m of mirrors) m.write(events.map((ev) => eventBytesFor(m, ev)).join(''));
      parts.length = 0;
      events.length = 0;
    };
    while (this.head < this.queue.length) {
      let ev = this.queue[this.head]!;
      let pane: Pane | null;
      let bytes: string;
      if (ev.type === 'paste') {
        const p = this.pasteTarget(ev);
        if (ev.last) this.paste = null;
        pane = p.pane;
        bytes = p.bracketed ? ev.raw : ev.text;
      } else {
        const pane0 = o.keyTable === table ? this.passThroughPane(ev, unbound) : null;
        if (!pane0) break;
        pane = pane0;
        if (ev.type === 'key') {
          const typed = typedBytes(o.server, ev.key, ev.raw);
          if (typed !== ev.raw) ev = { ...ev, raw: typed }; // what the panes synchronized with this one get too
          bytes = keyBytesFor(pane, typed);
          o.keyPassed();
        } else bytes = ev.raw;
      }
      if (pane !== to) {
        flush();
        mirrors = pane && o.session ? synchronizedPanes(options, o.session.current, pane) : [];
      }
      to = pane;
      if (pane) parts.push(bytes);
      if (mirrors.length) events.push(ev);
      this.head++;
    }
    flush();
    return this.head > start;
  }

  /** Where the paste `ev` is a piece of goes: decided at its first piece (the active pane, unless in copy mode). */
  private pasteTarget(ev: Extract<InputEvent, { type: 'paste' }>): { pane: Pane | null; bracketed: boolean } {
    if (ev.first || !this.paste) {
      const pane = this.owner.activePane;
      const open = pane && !pane.copyMode && !pane.clockMode ? pane : null;
      this.paste = { pane: open, bracketed: open?.term.modes.bracketedPasteMode ?? false };
      // A piece of a paste that began elsewhere (in a prompt closed since): its text only, no markers.
      if (!ev.first) this.paste.bracketed = false;
    }
    return this.paste;
  }

  /**
   * The pane `ev` goes to unchanged, when it does: a key `unbound` says is neither a prefix nor
   * bound in the default key table (which the client is in), or a sequence we do not read, for
   * the active pane.
   */
  private passThroughPane(ev: InputEvent, unbound: (key: string) => boolean): Pane | null {
    const pane = this.owner.activePane;
    if (!pane || pane.copyMode || pane.clockMode) return null;
    if (ev.type === 'unknown') return pane;
    return ev.type === 'key' && (unbound(ev.key) || this.pasted.has(ev)) ? pane : null;
  }

  /**
   * The keys among `events` that came too fast to be typed (assume-paste-time, as tmux's
   * server_client_assume_paste): a key within that many ms of the one before is a paste's
   * once the one before it was too, and then runs no binding and goes to the pane; the
   * times are the session's, as tmux's SESSION_PASTING (any client of it typing). One
   * lookup of the option per chunk of input; 0 turns it off.
   */
  private notePastes(events: InputEvent[]): void {
    const o = this.owner;
    if (!o.session) return;
    const ms = o.server.options.get('assume-paste-time', o.at) as number;
    if (ms === 0) return;
    const now = performance.now();
    // As tmux, the times are the session's: keys from two clients of one session count together.
    const t = o.session.keyTiming;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      if (ev.type !== 'key') continue;
      if (now - t.lastKeyAt < ms) {
        if (t.pasting) {
          // A copy is marked: the decoder hands out one event object for each plain character.
          const copy = { ...ev };
          this.pasted.add(copy);
          events[i] = copy;
        }
        t.pasting = true;
      } else t.pasting = false;
      t.lastKeyAt = now;
    }
  }
}
