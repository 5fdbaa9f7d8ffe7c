/*
 * The server's endpoint for Claude's http hooks (ADR 0013): node:http on 127.0.0.1, an
 * ephemeral port, started with the first Claude pane that gets http hooks. claude POSTs
 * each event's JSON to `/hook/<Event>` and waits for the answer, so the answer comes
 * first: `200 {}` as soon as the body is in, the report applied on the next turn of the
 * loop. Its time is the time the request arrived (claude sends the events of a pane one
 * after another and waits for each, so they also arrive in order).
 *
 * Private, and bounded in everything a peer could hold:
 *   who      loopback peers only; `X-Ccmux-Pane: %N` and `Authorization: Bearer <token>`,
 *            the pane's CCMUX_CLAUDE_TOKEN (this server's secret instance + the pane's
 *            uuid), checked by the awareness before any byte of the body is read; a
 *            wrong one is answered 401/403 and the connection closed
 *   size     bodies kept up to MAX_BODY_BYTES; a longer one (PostToolUse carries the tool's
 *            output) is still answered 200, read to its end and its first part used
 *   time     headers within HEADERS_MS, the body within BODY_MS, an idle keep-alive
 *            connection closed after IDLE_MS: one deadline per connection, no interval
 *   count    at most MAX_CONNECTIONS connections at a time
 * A refusal, a malformed request or bad JSON is logged (at most one line per
 * LOG_EVERY_MS, with a count of those left out) and never throws.
 */
import http from 'node:http';
import type net from 'node:net';
import type { Logger } from 'pino';
import { HOOK_EVENTS, type ClaudeReport } from './state-machine.js';
import { hookFieldsOf, hookFieldsOfPrefix, reportOf } from './hook-fields.js';

/** Where reports go: ClaudeAwareness (refusal() binds a report to the pane's claude). */
export interface HookReceiver {
  refusal(paneId: number, token: string | undefined): string | undefined;
  report(paneId: number, r: ClaudeReport): void;
}

/**
 * The body kept. A PreToolUse is ~600 bytes, a prompt's UserPromptSubmit as long as the
 * prompt; the fields kept (session id, tool name) come before tool_input and
 * tool_response, so a cut body still has them.
 */
export const MAX_BODY_BYTES = 64 * 1024;
/** claude sends its headers at once; a peer still sending them after this is dropped. */
export const HEADERS_MS = 2000;
/** A body is on loopback in well under a second, even a tool's whole output. */
export const BODY_MS = 5000;
/** claude keeps its connection alive between events; an idle one is closed after this. */
export const IDLE_MS = 10_000;
/**
 * Each Claude pane's claude keeps one or two connections alive between events; this is
 * room for a hundred panes, and beyond it new connections are dropped by the kernel side
 * (claude shows a hook error and goes on).
 */
export const MAX_CONNECTIONS = 256;
/** The largest header block accepted (claude's are ~400 bytes). */
const MAX_HEADER_BYTES = 8192;
/** Refusals are logged at most this often. */
const LOG_EVERY_MS = 1000;

const EVENTS = new Set<string>(HOOK_EVENTS);
const PATH = /^\/hook\/([A-Za-z]+)$/;
const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1', '::1']);

/** The bounds above, as one value (tests shorten the times). */
export interface EndpointLimits {
  maxBodyBytes: number;
  headersMs: number;
  bodyMs: number;
  idleMs: number;
  maxConnections: number;
}

const LIMITS: EndpointLimits = { maxBodyBytes: MAX_BODY_BYTES, headersMs: HEADERS_MS, bodyMs: BODY_MS, idleMs: IDLE_MS, maxConnections: MAX_CONNECTIONS };

export class HookEndpoint {
  private readonly server: http.Server;
  private readonly limits: EndpointLimits;
  private readonly deadlines = new Map<net.Socket, NodeJS.Timeout>();
  private address: { port: number } | undefined;
  private lastLog = 0;
  private leftOut = 0;

  constructor(
    private readonly receiver: HookReceiver,
    private readonly log: Pick<Logger, 'info' | 'warn'>,
    limits: Partial<EndpointLimits> = {},
  ) {
    this.limits = { ...LIMITS, ...limits };
    // Node's own request and header timeouts are checked by an interval that would wake an
    // idle server; the deadlines here are one timer per connection instead.
    this.server = http.createServer(
      { maxHeaderSize: MAX_HEADER_BYTES, keepAliveTimeout: this.limits.idleMs, requestTimeout: 0, headersTimeout: 0, connectionsCheckingInterval: 2 ** 31 - 1 },
      (req, res) => this.onRequest(req, res),
    );
    this.server.maxConnections = this.limits.maxConnections;
    this.server.maxHeadersCount = 32;
    this.server.on('connection', (s: net.Socket) => {
      this.deadline(s, this.limits.headersMs, 'headers too slow');
      s.on('close', () => {
        clearTimeout(this.deadlines.get(s));
        this.deadlines.delete(s);
      });
    });
    this.server.on('drop', () => this.refuse('too many connections'));
    this.server.on('clientError', (err: NodeJS.ErrnoException, s: net.Socket) => {
      if (err.code !== 'ECONNRESET') this.refuse(`malformed request (${err.code ?? err.message})`);
      if (s.writable) s.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      s.destroy();
    });
    this.server.on('error', (err) => this.log.warn({ err }, 'claude hook endpoint error'));
  }

  /** Listen on 127.0.0.1 (an ephemeral port); resolves with the base URL. */
  start(): Promise<string> {
    if (this.address) return Promise.resolve(this.url);
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: '127.0.0.1', port: 0 }, () => {
        this.server.off('error', reject);
        this.server.unref();
        this.address = this.server.address() as net.AddressInfo;
        this.log.info({ port: this.address.port }, 'claude hook endpoint listening');
        resolve(this.url);
      });
    });
  }

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    if (!this.address) throw new Error('the hook endpoint is not listening');
    return `http://127.0.0.1:${this.address.port}`;
  }

  /** Stop listening and drop every connection. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Destroy the socket unless the next step happens within `ms`. */
  private deadline(s: net.Socket, ms: number, why: string): void {
    clearTimeout(this.deadlines.get(s));
    const t = setTimeout(() => {
      this.deadlines.delete(s);
      if (why !== 'idle') this.refuse(why);
      s.destroy();
    }, ms);
    t.unref();
    this.deadlines.set(s, t);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const at = Date.now();
    const s = req.socket;
    this.deadline(s, this.limits.bodyMs, 'body too slow');
    res.on('finish', () => {
      if (!s.destroyed) this.deadline(s, this.limits.idleMs, 'idle');
    });
    const answer = (status: number, why?: string) => {
      if (why) this.refuse(why, req.headers['x-ccmux-pane']);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': 2, ...(status === 200 ? {} : { connection: 'close' }) });
      res.end('{}');
    };
    if (!LOOPBACK.has(s.remoteAddress ?? '')) return answer(403, `not from loopback (${s.remoteAddress})`);
    if (req.method !== 'POST') return answer(405, `method ${req.method}`);
    const event = PATH.exec(req.url ?? '')?.[1];
    if (!event || !EVENTS.has(event)) return answer(404, `no such hook: ${String(req.url).slice(0, 80)}`);
    const pane = req.headers['x-ccmux-pane'];
    if (typeof pane !== 'string' || !/^%\d{1,9}$/.test(pane)) return answer(400, 'no or a bad X-Ccmux-Pane');
    const token = /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '')?.[1];
    const paneId = Number(pane.slice(1));
    const refused = this.receiver.refusal(paneId, token);
    if (refused) return answer(token ? 403 : 401, refused);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return answer(415, `content-type ${req.headers['content-type']}`);
    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    req.on('data', (d: Buffer) => {
      const max = this.limits.maxBodyBytes;
      if (size + d.length > max) {
        if (size < max) chunks.push(d.subarray(0, max - size));
        cut = true;
      } else chunks.push(d);
      size = Math.min(max, size + d.length);
    });
    req.on('error', () => s.destroy());
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let fields: Record<string, string>;
      if (cut) fields = hookFieldsOfPrefix(event, text);
      else {
        let v: unknown;
        try {
          v = JSON.parse(text);
        } catch {
          return answer(400, 'bad JSON');
        }
        fields = hookFieldsOf(event, v);
      }
      answer(200);
      // claude waits for the answer, not for this.
      setImmediate(() => this.deliver(paneId, fields, at));
    });
  }

  private deliver(paneId: number, fields: Record<string, string>, at: number): void {
    const checked = reportOf(fields, at);
    if ('refused' in checked) return this.refuse(checked.refused, `%${paneId}`);
    try {
      this.receiver.report(paneId, checked.report);
    } catch (err) {
      this.log.warn({ err, pane: paneId, event: fields.event }, 'claude hook report failed');
    }
  }

  /** Log a refusal, at most one line per LOG_EVERY_MS. */
  private refuse(why: string, pane?: unknown): void {
    const now = Date.now();
    if (now - this.lastLog < LOG_EVERY_MS) {
      this.leftOut++;
      return;
    }
    this.log.info({ pane: typeof pane === 'string' ? pane.slice(0, 20) : undefined, refused: why, ...(this.leftOut ? { refusedBefore: this.leftOut } : {}) }, 'claude hook request refused');
    this.lastLog = now;
    this.leftOut = 0;
  }
}
