/*
 * Reliability: hostile input against a live server (the quick version of
 * scripts/stress/hostile.mjs). Garbage and damaged frames, wrong protocol versions, huge
 * lengths, peers that connect and vanish or never speak, and hundreds of well-formed
 * commands with random arguments: every peer is answered or dropped, the server stays up
 * and serves `ccmux ls`, and its open sockets come back to the baseline. A checkpoint
 * nested thousands deep does not stop a server from starting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { hostileServer, runHostile } from '../../scripts/stress/hostile.mjs';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

describe('reliability: a live server under hostile input', () => {
  it('drops garbage, abandoned and silent peers, answers random commands, and comes back to its baseline', async () => {
    sb = new Sandbox();
    await hostileServer(sb);
    const seed = Math.floor(Math.random() * 100000);
    const r = await runHostile(sb, { peers: 150, abandoned: 100, silent: 10, commands: 600, seed });
    expect(r.violations, `seed ${seed}`).toEqual([]);
    expect(r.figures.dropped).toBe(150);
    expect(r.figures.commands).toBe(600);
    expect(r.figures.commandsOk).toBeGreaterThan(20);
  }, 60_000);

  it('starts, and says so, when its checkpoint is nested 10,000 deep', async () => {
    sb = new Sandbox();
    const servers = path.join(sb.stateDir, 'servers');
    fs.mkdirSync(servers, { recursive: true, mode: 0o700 });
    const deep = `{"format":1,"ccmux":"x","clean":false,"checksum":"x","body":{"sessions":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    fs.writeFileSync(path.join(servers, 'default.json'), deep);
    const r = await sb.ccmux(['new', '-d', '-s', 'up']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await sb.ok(['ls'])).trim()).toMatch(/^up: /);
    const log = fs.readFileSync(path.join(sb.stateDir, 'logs', 'default.log'), 'utf8');
    expect(log).toMatch(/default\.json is damaged \(unreadable \(Maximum call stack size exceeded\)\)/);
  });
});
