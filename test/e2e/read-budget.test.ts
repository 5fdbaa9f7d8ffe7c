/*
 * End-to-end: typing into one pane while four others flood (the read budget,
 * read-budget.ts, pauses background panes and gives them turns while someone types).
 * Every flooding pane still finishes, with every line of its output in its history, in
 * order; the pane in front keeps echoing what is typed; once typing stops, nothing stays
 * paused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, waitFor } from './harness.js';

let sb: Sandbox;
afterEach(async () => {
  await sb?.dispose();
});

const LINES = 40_000;

describe('read budget', () => {
  it('keeps every line of flooding background panes while someone types in front', async () => {
    sb = new Sandbox();
    sb.env.CCMUX_LOG_LEVEL = 'debug'; // the server logs when throttling starts
    const t = await sb.terminal([], 160, 40);
    await t.waitForScreen(/\[0\] 0:/);
    const front = (await sb.panes())[0]!.id as string;
    const go = path.join(sb.dir, 'go');
    const floods: string[] = [];
    for (let i = 0; i < 4; i++) {
      // Each waits for its go file, so all four flood together while keys are typed.
      const id = (await sb.ok(['split-window', '-d', '-P', '-F', '#{pane_id}', '-t', front])).trim();
      await sb.ok(['select-layout', 'tiled']);
      await sb.ok(['send-keys', '-t', id, `while [ ! -e ${go} ]; do sleep 0.05; done; seq -f 'flood-${i}-%g' ${LINES}; echo END-${i}`, 'Enter']);
      floods.push(id);
    }
    await sb.ok(['send-keys', '-t', front, 'cat', 'Enter']);
    fs.writeFileSync(go, '');
    // Type into the front pane the whole time.
    let typed = 0;
    const typing = setInterval(() => {
      t.type(`k${typed++} `);
    }, 20);
    try {
      await waitFor(
        async () => {
          for (let i = 0; i < floods.length; i++) {
            const out = await sb.ok(['capture-pane', '-p', '-t', floods[i]!]);
            if (!out.includes(`END-${i}`)) return false;
          }
          return true;
        },
        60_000,
        'every flooding pane to finish',
      );
    } finally {
      clearInterval(typing);
    }
    for (let i = 0; i < floods.length; i++) {
      const all = (await sb.ok(['capture-pane', '-p', '-J', '-S', '-', '-t', floods[i]!])).split('\n');
      const lines = all.filter((l) => l.startsWith(`flood-${i}-`));
      // The history holds the last lines of the flood (10,000 by default), all in order.
      expect(lines.length).toBeGreaterThan(5000);
      const first = Number(lines[0]!.slice(`flood-${i}-`.length));
      expect(lines).toEqual(Array.from({ length: lines.length }, (_, k) => `flood-${i}-${first + k}`));
      expect(lines[lines.length - 1]).toBe(`flood-${i}-${LINES}`);
    }
    // Throttling did engage (else this test would prove nothing about it).
    const logs = path.join(sb.dir, 'state', 'ccmux', 'logs');
    const logText = fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('');
    expect(logText).toContain('background panes take turns reading');
    // The front pane echoed what was typed, up to the last key.
    const last = `k${typed - 1} `;
    await waitFor(async () => (await sb.ok(['capture-pane', '-p', '-J', '-t', front])).includes(last.trim()), 10_000, 'the last typed key');
    // Nothing stays paused once typing stops: a background pane still prints at once.
    await sb.ok(['send-keys', '-t', floods[0]!, 'echo after-typing', 'Enter']);
    await waitFor(async () => (await sb.ok(['capture-pane', '-p', '-t', floods[0]!])).includes('after-typing\n'), 10_000, 'output after typing stopped');
  }, 120_000);
});
