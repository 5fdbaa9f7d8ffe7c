/*
 * refresh-client -l for one attached client, as tmux 3.3a's tty_clipboard_query and
 * tty_keys_clipboard: its terminal is asked for its clipboard (OSC 52 with `?`,
 * `ESC ] 52 ; ; ? BEL`, tmux's Ms with "" and "?"), once at a time; whoever asked
 * meanwhile shares the answer. The answer (`ESC ] 52 ; c ; BASE64` ended by BEL or ST)
 * becomes a new paste buffer if refresh-client -l asked without a pane, and goes to each
 * pane that was named (`ESC ] 52 ; ; BASE64 ESC \`, as tmux's input_reply_clipboard).
 * After QUERY_TIMEOUT_MS without an answer the query is given up and forgotten. An answer
 * nobody asked for is dropped, as an answer with nothing after its second `;` (tmux waits
 * on for another) or one that is not base64 (which ends the query). An answer longer than
 * the input decoder holds (the base64 of 1 MB) is dropped, and the rest of it, which the
 * decoder reads as keys, is dropped too (input-queue.ts). `parseClipboardReply` is pure.
 */

/** tmux's TTY_QUERY_TIMEOUT: 5 seconds. */
export const QUERY_TIMEOUT_MS = 5000;

/** What the client's terminal is sent to ask (tmux's Ms capability, `\033]52;%p1%s;%p2%s\a`, with "" and "?"). */
export const CLIPBOARD_QUERY = '\x1b]52;;?\x07';

/** Whether `raw` (an input sequence) is a terminal's OSC 52 answer, which is never a key. */
export function isClipboardReply(raw: string): boolean {
  return raw.startsWith('\x1b]52;');
}

/** Whether an OSC 52 answer was cut by the decoder's bound: its rest, base64 and the terminator, comes as keys. */
export function clipboardReplyCut(raw: string): boolean {
  return !raw.endsWith('\x07') && !raw.endsWith('\x1b\\');
}

/** Whether a key is part of the rest of a cut answer: a base64 character; `end` for its terminator (BEL, ESC \\). */
export function restOfCutReply(key: string): 'more' | 'end' | null {
  if (key === 'C-g' || key === 'M-\\') return 'end';
  return key.length === 1 && /[A-Za-z0-9+/=]/.test(key) ? 'more' : null;
}

/**
 * The data of an OSC 52 answer: `empty` when nothing follows its second `;` (or there is
 * none), `bad` when that is not base64, else the bytes.
 */
export function parseClipboardReply(raw: string): { kind: 'empty' } | { kind: 'bad' } | { kind: 'data'; bytes: Buffer } {
  let body = raw.slice(5);
  if (body.endsWith('\x07')) body = body.slice(0, -1);
  else if (body.endsWith('\x1b\\')) body = body.slice(0, -2);
  // Cut by the decoder's bound (clipboardReplyCut): never kept in part.
  else return { kind: 'bad' };
  const semi = body.indexOf(';');
  const value = semi < 0 ? '' : body.slice(semi + 1);
  if (value === '') return { kind: 'empty' };
  const compact = value.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return { kind: 'bad' };
  return { kind: 'data', bytes: Buffer.from(compact, 'base64') };
}

/** Where the answer goes. */
export interface ClipboardSink {
  /** Send the query to the client's terminal. */
  send(seq: string): void;
  /** A new paste buffer with the clipboard's text. */
  buffer(text: string): void;
  /** Pane `id`'s program is answered (if the pane is still there). */
  pane(id: number, reply: string): void;
}

export class ClipboardQuery {
  /** A query is out: whether a buffer is wanted and which panes, and its give-up timer. */
  private out: { buffer: boolean; panes: number[]; timer: NodeJS.Timeout } | null = null;

  constructor(private readonly sink: ClipboardSink) {}

  /** refresh-client -l: ask (unless a query is out already), for a buffer, or for pane `pane`. */
  ask(pane?: number): void {
    if (!this.out) {
      const timer = setTimeout(() => (this.out = null), QUERY_TIMEOUT_MS);
      timer.unref?.();
      this.out = { buffer: false, panes: [], timer };
      this.sink.send(CLIPBOARD_QUERY);
    }
    if (pane === undefined) this.out.buffer = true;
    else if (!this.out.panes.includes(pane)) this.out.panes.push(pane);
  }

  /** Whether a query is out, waiting for its answer. */
  get pending(): boolean {
    return this.out !== null;
  }

  /** An OSC 52 answer read from the client's terminal. */
  answer(raw: string): void {
    const out = this.out;
    const reply = parseClipboardReply(raw);
    if (!out || reply.kind === 'empty') return;
    this.stop();
    if (reply.kind === 'bad') return;
    if (out.buffer && reply.bytes.length > 0) this.sink.buffer(reply.bytes.toString('utf8'));
    const seq = `\x1b]52;;${reply.bytes.toString('base64')}\x1b\\`;
    for (const id of out.panes) this.sink.pane(id, seq);
  }

  /** Forget the query (the client went away). */
  stop(): void {
    if (this.out) clearTimeout(this.out.timer);
    this.out = null;
  }
}
