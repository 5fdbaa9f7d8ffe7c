/*
 * HookEndpoint: the server's loopback endpoint for Claude's http hooks. A POST with the
 * pane's id and token is answered `200 {}` and its fields reported, stamped with the time
 * it arrived; everything else — a wrong or missing token, another path or method, bad
 * JSON, a client too slow with its headers or body, one connection too many, bytes that
 * are not HTTP — is refused, logged, and never throws. Bodies are kept up to a bound,
 * and a longer one is still answered 200 with the fields that come first.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { HookEndpoint, MAX_BODY_BYTES, type EndpointLimits, type HookReceiver } from '../../src/claude/hook-endpoint.js';
import type { ClaudeReport } from '../../src/claude/state-machine.js';

const SID = '6c5b4a39-2817-4f6e-9d5c-4b3a29180706';
const TOKEN = 'instance-secret.pane-uuid';

/** A receiver that knows one pane, %3, with TOKEN. */
function receiver() {
  const reports: Array<{ pane: number; r: ClaudeReport }> = [];
  const r: HookReceiver & { reports: typeof reports } = {
    reports,
    refusal: (pane, token) => (pane !== 3 ? `%${pane} is not a Claude pane` : token !== TOKEN ? 'wrong token' : undefined),
    report: (pane, rep) => void reports.push({ pane, r: rep }),
  };
  return r;
}

function logger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, info: (o: Record<string, unknown>) => void lines.push(o), warn: (o: Record<string, unknown>) => void lines.push(o) };
}

let endpoint: HookEndpoint | undefined;
const agents: http.Agent[] = [];
afterEach(async () => {
  for (const a of agents.splice(0)) a.destroy();
  await endpoint?.close();
  endpoint = undefined;
});

async function start(limits: Partial<EndpointLimits> = {}) {
  const rec = receiver();
  const log = logger();
  endpoint = new HookEndpoint(rec, log as never, limits);
  const url = await endpoint.start();
  return { rec, log, url, port: Number(new URL(url).port) };
}

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** POST as claude does; resolves with the answer. */
function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, agent?: http.Agent, method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { 'content-type': 'application/json', 'x-ccmux-pane': '%3', authorization: `Bearer ${TOKEN}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const preToolUse = JSON.stringify({ session_id: SID, transcript_path: '/c/p/x.jsonl', cwd: '/p', permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'date' }, tool_use_id: 'toolu_1' });

/** Wait for the next turn of the loop, where the endpoint applies what it answered. */
const turn = () => new Promise((r) => setImmediate(r));

/** Resolves with the ms a raw socket stayed open (from before it connected), having written `send`. */
function openFor(port: number, send: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const s = net.connect(port, '127.0.0.1');
    let connected = false;
    s.on('connect', () => {
      connected = true;
      s.write(send);
    });
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => (connected ? resolve(Date.now() - t0) : reject(new Error('never connected'))));
  });
}

describe('HookEndpoint', () => {
  it('listens on 127.0.0.1 only, on an ephemeral port', async () => {
    const { url, port } = await start();
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(0);
    // Not on the machine's other addresses.
    const others = Object.values(os.networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === 'IPv4');
    for (const a of others) {
      const err = await new Promise<string>((resolve) => {
        const s = net.connect(port, a!.address);
        s.on('connect', () => {
          s.destroy();
          resolve('connected');
        });
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      expect(err, a!.address).toBe('ECONNREFUSED');
    }
  });

  it('answers 200 {} and reports the event with the fields kept, at the time it arrived', async () => {
    const { rec, url } = await start();
    const t0 = Date.now();
    const a = await post(`${url}/hook/PreToolUse`, preToolUse);
    const t1 = Date.now();
    expect(a).toMatchObject({ status: 200, body: '{}' });
    expect(a.headers['content-type']).toBe('application/json');
    await turn();
    expect(rec.reports).toHaveLength(1);
    const { pane, r } = rec.reports[0]!;
    expect(pane).toBe(3);
    expect(r).toMatchObject({ event: 'PreToolUse', sessionId: SID, tool: 'Bash' });
    expect(r.at).toBeGreaterThanOrEqual(t0);
    expect(r.at).toBeLessThanOrEqual(t1);
  });

  it('answers before it reports: a slow report does not hold claude', async () => {
    const { rec, url } = await start();
    let reported = 0;
    rec.report = () => {
      const until = Date.now() + 400;
      while (Date.now() < until) {
        /* a report that takes 400 ms of the server's thread */
      }
      reported = Date.now();
    };
    // The client in a process of its own, as claude is: it notes when the answer came.
    const client = `const r = require('http').request(${JSON.stringify(`${url}/hook/Stop`)}, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ccmux-pane': '%3', authorization: 'Bearer ${TOKEN}' } }, (res) => { res.resume(); res.on('end', () => console.log(res.statusCode, Date.now())); }); r.end('{}');`;
    const out = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, ['-e', client], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      c.stdout.on('data', (d) => (text += d));
      c.on('error', reject);
      c.on('close', () => resolve(text));
    });
    const [status, answered] = out.trim().split(' ').map(Number);
    expect(status).toBe(200);
    expect(reported).toBeGreaterThan(0);
    expect(answered).toBeLessThan(reported - 300);
  });

  it('serves a keep-alive connection, event after event, in order', async () => {
    const { rec, url } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    const events = ['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop'];
    for (const ev of events) expect((await post(`${url}/hook/${ev}`, JSON.stringify({ session_id: SID, hook_event_name: ev }), {}, agent)).status).toBe(200);
    await turn();
    expect(rec.reports.map((x) => x.r.event)).toEqual(events);
    const ats = rec.reports.map((x) => x.r.at);
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
  });

  it.each([
    ['no token', { authorization: '' }, 401, 'wrong token'],
    ['a wrong token', { authorization: 'Bearer instance-secret.other-pane' }, 403, 'wrong token'],
    ['a token of another server', { authorization: 'Bearer x' }, 403, 'wrong token'],
    ['another pane', { 'x-ccmux-pane': '%4' }, 403, '%4 is not a Claude pane'],
    ['no pane', { 'x-ccmux-pane': '' }, 400, 'no or a bad X-Ccmux-Pane'],
    ['a bad pane', { 'x-ccmux-pane': '3' }, 400, 'no or a bad X-Ccmux-Pane'],
    ['another content type', { 'content-type': 'text/plain' }, 415, 'content-type text/plain'],
  ])('refuses a request with %s, logs why, reports nothing', async (_what, headers, status, why) => {
    const { rec, log, url } = await start();
    const a = await post(`${url}/hook/PreToolUse`, preToolUse, headers);
    expect(a.status).toBe(status);
    expect(a.headers.connection).toBe('close');
    await turn();
    expect(rec.reports).toEqual([]);
    expect(log.lines).toEqual([expect.objectContaining({ port: expect.any(Number) }), expect.objectContaining({ refused: why })]);
  });

  it('refuses another path, an unknown event and another method', async () => {
    const { rec, url } = await start();
    expect((await post(`${url}/`, preToolUse)).status).toBe(404);
    expect((await post(`${url}/hook/NoSuchEvent`, preToolUse)).status).toBe(404);
    expect((await post(`${url}/hook/PreToolUse/x`, preToolUse)).status).toBe(404);
    expect((await post(`${url}/hook/PreToolUse`, '', {}, undefined, 'GET')).status).toBe(405);
    await turn();
    expect(rec.reports).toEqual([]);
  });

  it('refuses bad JSON with 400 and logs it', async () => {
    const { rec, log, url } = await start();
    expect((await post(`${url}/hook/Stop`, '{"session_id": ')).status).toBe(400);
    await turn();
    expect(rec.reports).toEqual([]);
    expect(log.lines.at(-1)).toMatchObject({ refused: 'bad JSON' });
  });

  it('refuses a session id that is not a UUID (logged), though claude had its answer', async () => {
    const { rec, log, url } = await start();
    expect((await post(`${url}/hook/Stop`, JSON.stringify({ session_id: '../../etc' }))).status).toBe(200);
    await turn();
    expect(rec.reports).toEqual([]);
    expect(String(log.lines.at(-1)?.refused)).toMatch(/not a UUID/);
  });

  it(`keeps at most ${MAX_BODY_BYTES} bytes of a body, answers a longer one 200 and reports the fields before the cut`, async () => {
    const { rec, url } = await start();
    const huge = JSON.stringify({ session_id: SID, transcript_path: '/x', hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: '/big' }, tool_response: { content: 'x'.repeat(4 * MAX_BODY_BYTES), session_id: 'not-this-one' } });
    const a = await post(`${url}/hook/PostToolUse`, huge);
    expect(a).toMatchObject({ status: 200, body: '{}' });
    await turn();
    expect(rec.reports.map((x) => x.r)).toEqual([expect.objectContaining({ event: 'PostToolUse', sessionId: SID, tool: 'Read' })]);
  });

  it('drops a client too slow with its headers, or with its body, and still serves others', async () => {
    const { rec, log, url, port } = await start({ headersMs: 150, bodyMs: 150 });
    const slowHeaders = openFor(port, 'POST /hook/Stop HTTP/1.1\r\nHost: x\r\n');
    const slowBody = openFor(port, `POST /hook/Stop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Ccmux-Pane: %3\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 100\r\n\r\n{"sess`);
    expect((await post(`${url}/hook/Stop`, JSON.stringify({ session_id: SID }))).status).toBe(200);
    const [h, b] = await Promise.all([slowHeaders, slowBody]);
    expect(h).toBeGreaterThanOrEqual(100); // not at once (timers may fire a little early by the wall clock)
    expect(b).toBeGreaterThanOrEqual(100); // not at once (timers may fire a little early by the wall clock)
    await turn();
    expect(rec.reports).toHaveLength(1);
    expect(log.lines.map((l) => l.refused).filter(Boolean)).toContain('headers too slow');
  });

  it('closes an idle keep-alive connection after its idle time', async () => {
    const { url, port } = await start({ idleMs: 150 });
    const ms = await openFor(port, `POST /hook/Stop HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Ccmux-Pane: %3\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 2\r\n\r\n{}`);
    expect(ms).toBeGreaterThanOrEqual(100); // not at once (timers may fire a little early by the wall clock)
    expect((await post(`${url}/hook/Stop`, '{}')).status).toBe(200);
  });

  it('holds at most maxConnections connections: one more is dropped, and served again once one closes', async () => {
    const { url, port } = await start({ maxConnections: 3 });
    const held: net.Socket[] = [];
    for (let i = 0; i < 3; i++) {
      held.push(await new Promise<net.Socket>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', () => {});
      }));
    }
    // Connected at the TCP level, then closed by the server at once.
    await openFor(port, '');
    held.pop()!.destroy();
    await new Promise<void>((resolve) => {
      const poll = () => post(`${url}/hook/Stop`, '{}').then((a) => (a.status === 200 ? resolve() : poll()), poll);
      poll();
    });
    for (const s of held) s.destroy();
  });

  it('answers bytes that are not HTTP with 400 and closes; the endpoint goes on', async () => {
    const { url, port } = await start();
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('\x00\x01 not http at all\r\n\r\n'));
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('error', () => {});
      s.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await post(`${url}/hook/Stop`, '{}')).status).toBe(200);
  });

  it('logs at most one refusal a second, counting those left out', async () => {
    const { log, url } = await start();
    for (let i = 0; i < 20; i++) await post(`${url}/hook/Stop`, '{}', { authorization: 'Bearer nope' });
    const refusals = log.lines.filter((l) => l.refused);
    expect(refusals).toHaveLength(1);
  });
});
