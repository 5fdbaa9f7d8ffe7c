#!/usr/bin/env node
/*
 * A local stand-in of the Anthropic Messages API for running the real `claude` offline.
 *
 *   node scripts/claude-real/fake-api.mjs [--log <file>] [--port <n>]
 *     → prints its base URL (http://127.0.0.1:<port>) on the first line of stdout
 *
 * Also a module: `const api = await startFakeApi({ logFile })` → { url, port, setNext, close, requests }.
 *
 * Answers
 *   POST /v1/messages               SSE when `stream: true`, one JSON message otherwise
 *   POST /v1/messages/count_tokens  {"input_tokens": N}
 *   anything else                   404 not_found_error (logged, so unknown calls show up)
 *
 * Scenarios, chosen per request:
 *   1. the control queue: `POST /_control/next {"scenario":"bash"}` (or `{"scenarios":[…]}`)
 *      — the next main-loop requests (ones that carry `tools`) take them in order;
 *   2. else a keyword in the newest user text of the conversation: `ccmux:<scenario>`;
 *   3. else `text`.
 *   Scenarios:
 *     text    a short text answer ("Hello from the fake API.")
 *     bash    a `tool_use` of Bash (command: `ccmux:bash` control `bashCommand`, default
 *             `date +%s.%N > ccmux-tool-ran.txt`), so claude asks permission; once the
 *             conversation ends in the tool's result: a final text answer
 *     team    a `tool_use` of Agent with a `name` (control `teammateName`, default `mate1`;
 *             its task `teammatePrompt`, default `Say hello ccmux:text`): with agent teams
 *             on (CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS=1) a named agent is a teammate, in a
 *             tmux pane when `teammateMode` is "tmux" (or "auto" inside tmux); once the
 *             conversation ends in the tool's result: a final text answer
 *     401     HTTP 401 authentication_error
 *     429     HTTP 429 rate_limit_error with `retry-after: 2` and the unified rate-limit headers
 *             (status rejected, reset = now + 1 h, representative-claim five_hour)
 *     429plain HTTP 429 rate_limit_error with `retry-after: 2` only
 *     529     HTTP 529 overloaded_error
 *     500     HTTP 500 api_error
 *     slow    a streamed text answer, one delta every 200 ms for 20 s (FAKE_API_SLOW_MS)
 *   Error scenarios apply to every request whose newest user text names them (the real API
 *   refuses a bad key for side requests too); `bash` and `slow` only to main-loop requests.
 *   Side requests (no `tools`: title generation, quota checks, …) get a short text answer.
 *
 * Control: `GET /_control/requests` → the request log as JSON; `POST /_control/config`
 * `{"bashCommand": "...", "slowMs": 20000, "deltaMs": 200}`.
 * Every request is logged (one JSON line per request and per finished/aborted response)
 * to --log / FAKE_API_LOG when given.
 */
import fs from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const SCENARIOS = ['text', 'team', 'bash', '401', '429', '429plain', '529', '500', 'slow'];
const ERROR_SCENARIOS = new Set(['401', '429', '429plain', '529', '500']);

const id = (prefix) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** The newest user text (not a tool result) in the conversation, and whether the conversation ends in a tool_result. */
function conversationTail(messages) {
  let lastUserText = '';
  let endsInToolResult = false;
  if (Array.isArray(messages) && messages.length) {
    // claude 2.1.197 may end the list with a `system` message (with agent teams on, the
    // agent types it lists): the conversation ends in its last user or assistant message.
    const last = [...messages].reverse().find((m) => m?.role === 'user' || m?.role === 'assistant');
    if (last?.role === 'user' && Array.isArray(last.content)) endsInToolResult = last.content.some((b) => b?.type === 'tool_result');
    outer: for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m?.role !== 'user') continue;
      const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m.content) ? m.content : [];
      for (let j = blocks.length - 1; j >= 0; j--) {
        const b = blocks[j];
        if (b?.type === 'text' && typeof b.text === 'string' && !/^<system-reminder>/.test(b.text.trim())) {
          lastUserText = b.text;
          break outer;
        }
      }
    }
  }
  return { lastUserText, endsInToolResult };
}

function summarize(body) {
  const msgs = Array.isArray(body?.messages) ? body.messages : [];
  const { lastUserText, endsInToolResult } = conversationTail(msgs);
  let system = '';
  if (typeof body?.system === 'string') system = body.system;
  else if (Array.isArray(body?.system)) system = body.system.map((b) => b?.text ?? '').join(' | ');
  return {
    model: body?.model,
    stream: Boolean(body?.stream),
    max_tokens: body?.max_tokens,
    tools: Array.isArray(body?.tools) ? body.tools.length : 0,
    messages: msgs.length,
    lastUserText: lastUserText.slice(0, 200),
    endsInToolResult,
    system: system.slice(0, 160),
  };
}

export async function startFakeApi({ logFile = process.env.FAKE_API_LOG, port = 0, host = '127.0.0.1' } = {}) {
  const queue = [];
  const config = {
    bashCommand: 'date +%s.%N > ccmux-tool-ran.txt',
    bashDescription: 'Write the current time to a file',
    slowMs: Number(process.env.FAKE_API_SLOW_MS ?? 20_000),
    deltaMs: 200,
    text: 'Hello from the fake API.',
    teammateName: 'mate1',
    teammatePrompt: 'Say hello ccmux:text',
    finalText: 'The command ran. Done.',
  };
  const requests = [];
  const t0 = Date.now();
  const log = (entry) => {
    const line = { t: Date.now(), ...entry };
    requests.push(line);
    if (logFile) fs.appendFileSync(logFile, JSON.stringify(line) + '\n');
  };

  function choose(body, isMain) {
    const { lastUserText, endsInToolResult } = conversationTail(body?.messages);
    const m = /ccmux:([a-z0-9]+)/.exec(lastUserText);
    const keyword = m && SCENARIOS.includes(m[1]) ? m[1] : undefined;
    if (!isMain) {
      // Side requests fail like the real API would for a bad key / limits, else answer briefly.
      return keyword && ERROR_SCENARIOS.has(keyword) ? keyword : 'side';
    }
    // A conversation that ends in a tool result continues the bash scenario: the final answer.
    if (endsInToolResult) return 'final';
    if (queue.length) return queue.shift();
    return keyword ?? 'text';
  }

  function sendError(res, status, type, message, headers = {}) {
    const requestId = id('req');
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
    res.end(JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId }));
  }

  function messageJson(model, content, stopReason) {
    return {
      id: id('msg'),
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
  }

  /** Stream `blocks` ([{type:'text', chunks:[…]} | {type:'tool_use', name, input}]) as SSE. */
  function streamMessage(req, res, model, blocks, stopReason, { deltaMs = 0, label }) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': id('req') });
    const events = [];
    const ev = (type, data) => events.push(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    const msg = messageJson(model, [], null);
    msg.usage.output_tokens = 1;
    ev('message_start', { message: msg });
    blocks.forEach((b, index) => {
      if (b.type === 'text') {
        ev('content_block_start', { index, content_block: { type: 'text', text: '' } });
        for (const c of b.chunks) ev('content_block_delta', { index, delta: { type: 'text_delta', text: c } });
      } else {
        ev('content_block_start', { index, content_block: { type: 'tool_use', id: id('toolu'), name: b.name, input: {} } });
        const json = JSON.stringify(b.input);
        const mid = Math.ceil(json.length / 2);
        ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(0, mid) } });
        ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(mid) } });
      }
      ev('content_block_stop', { index });
    });
    ev('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 20 } });
    ev('message_stop', {});
    let i = 0;
    let timer;
    let finished = false;
    res.on('close', () => {
      clearTimeout(timer);
      if (!finished) log({ kind: 'aborted', label, sentEvents: i, ofEvents: events.length });
    });
    const next = () => {
      if (res.destroyed) return;
      if (i >= events.length) {
        finished = true;
        log({ kind: 'done', label });
        res.end();
        return;
      }
      res.write(events[i++]);
      if (deltaMs && /content_block_delta/.test(events[i - 1])) timer = setTimeout(next, deltaMs);
      else setImmediate(next);
    };
    next();
  }

  function answer(req, res, body, scenario) {
    const model = body?.model ?? 'claude-sonnet-4-5';
    const stream = Boolean(body?.stream);
    const label = scenario;
    switch (scenario) {
      case '401':
        return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
      case '429': {
        const reset = Math.floor(Date.now() / 1000) + 3600;
        return sendError(res, 429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', {
          'retry-after': '2',
          'anthropic-ratelimit-unified-status': 'rejected',
          'anthropic-ratelimit-unified-reset': String(reset),
          'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        });
      }
      case '429plain':
        return sendError(res, 429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', { 'retry-after': '2' });
      case '529':
        return sendError(res, 529, 'overloaded_error', 'Overloaded');
      case '500':
        return sendError(res, 500, 'api_error', 'Internal server error');
    }
    let blocks;
    let stop = 'end_turn';
    let deltaMs = 0;
    if (scenario === 'bash') {
      blocks = [
        { type: 'text', chunks: ['I will run a command.'] },
        { type: 'tool_use', name: 'Bash', input: { command: config.bashCommand, description: config.bashDescription } },
      ];
      stop = 'tool_use';
    } else if (scenario === 'team') {
      blocks = [
        { type: 'text', chunks: ['I will start a teammate.'] },
        { type: 'tool_use', name: 'Agent', input: { description: 'Fake teammate', prompt: config.teammatePrompt, name: config.teammateName } },
      ];
      stop = 'tool_use';
    } else if (scenario === 'final') {
      blocks = [{ type: 'text', chunks: [config.finalText] }];
    } else if (scenario === 'slow') {
      const n = Math.max(1, Math.round(config.slowMs / config.deltaMs));
      blocks = [{ type: 'text', chunks: Array.from({ length: n }, (_, k) => `word${k} `) }];
      deltaMs = config.deltaMs;
    } else if (scenario === 'side') {
      blocks = [{ type: 'text', chunks: ['Fake title'] }];
    } else {
      blocks = [{ type: 'text', chunks: ['Hello from the ', 'fake API.'] }];
    }
    if (stream) return streamMessage(req, res, model, blocks, stop, { deltaMs, label });
    const content = blocks.map((b) =>
      b.type === 'text' ? { type: 'text', text: b.chunks.join('') } : { type: 'tool_use', id: id('toolu'), name: b.name, input: b.input },
    );
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(messageJson(model, content, stop)));
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= 50 << 20) chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const p = url.pathname;
      const base = { kind: 'request', ms: Date.now() - t0, method: req.method, path: req.url };
      if (p === '/_control/next' && req.method === 'POST') {
        const list = body?.scenarios ?? (body?.scenario ? [body.scenario] : []);
        queue.push(...list);
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ queue }));
      }
      if (p === '/_control/config' && req.method === 'POST') {
        Object.assign(config, body ?? {});
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(config));
      }
      if (p === '/_control/requests') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(requests));
      }
      if (p === '/v1/messages/count_tokens' && req.method === 'POST') {
        const n = Math.max(1, Math.round(raw.length / 4));
        log({ ...base, summary: summarize(body), answer: 'count_tokens', input_tokens: n });
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ input_tokens: n }));
      }
      if (p === '/v1/messages' && req.method === 'POST') {
        const isMain = Array.isArray(body?.tools) && body.tools.length > 0;
        const scenario = choose(body, isMain);
        log({ ...base, summary: summarize(body), main: isMain, scenario, headers: pickHeaders(req.headers) });
        return answer(req, res, body, scenario);
      }
      log({ ...base, answer: 404, headers: pickHeaders(req.headers), body: raw.slice(0, 300) });
      sendError(res, 404, 'not_found_error', `fake API: no route for ${req.method} ${p}`);
    });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    requests,
    config,
    setNext: (...s) => queue.push(...s),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function pickHeaders(h) {
  const out = {};
  for (const k of ['user-agent', 'anthropic-beta', 'anthropic-version', 'x-app', 'x-stainless-retry-count', 'x-claude-code-session-id']) if (h[k]) out[k] = String(h[k]).slice(0, 200);
  out.auth = h['x-api-key'] ? `x-api-key …${String(h['x-api-key']).slice(-6)}` : h.authorization ? 'authorization' : 'none';
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const api = await startFakeApi({ logFile: opt('--log') ?? process.env.FAKE_API_LOG, port: Number(opt('--port') ?? 0) });
  process.stdout.write(api.url + '\n');
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => api.close().then(() => process.exit(0)));
}
