/*
 * hookSettings / writeHookSettings: the `--settings` file every Claude pane gets has a
 * hook for every event the state machine follows, each running
 * `<node> <dist>/cli/hook.js <Event>` — quoted so that `sh -c` (how claude runs hook
 * commands) hands the exact paths over, whatever spaces, quotes or `$` they hold.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hookSettings, httpHookSettings, writeHookSettings, hookedEvents } from '../../src/claude/hook-settings.js';
import { HOOK_EVENTS } from '../../src/claude/state-machine.js';
import { cleanupTempDirs, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

interface HookEntry {
  matcher: string;
  hooks: Array<{ type: string; command: string; timeout: number; url?: string; headers?: Record<string, string>; allowedEnvVars?: string[] }>;
}
const hooksOf = (s: object) => (s as { hooks: Record<string, HookEntry[]> }).hooks;

/** A dir under a temp dir whose path needs quoting in every way sh knows. */
const NASTY = `it's a "dir" with $HOME and \`x\` \\ ; & | * ~`;

describe('hookSettings', () => {
  it('has one async command hook for each event the state machine follows, matching everything', () => {
    const hooks = hooksOf(hookSettings('/usr/bin/node', '/opt/ccmux/dist/cli/hook.js'));
    expect(Object.keys(hooks).sort()).toEqual([...HOOK_EVENTS].sort());
    for (const ev of ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Notification', 'Stop', 'SessionEnd']) expect(hooks).toHaveProperty(ev);
    for (const [ev, groups] of Object.entries(hooks)) {
      expect(groups).toHaveLength(1);
      expect(groups[0]!.matcher).toBe('*');
      expect(groups[0]!.hooks).toEqual([{ type: 'command', command: `'/usr/bin/node' '/opt/ccmux/dist/cli/hook.js' ${ev}`, timeout: expect.any(Number), async: true }]); // claude does not wait for it
      expect(groups[0]!.hooks[0]!.timeout).toBeGreaterThan(0);
    }
  });

  it('survives paths with spaces, quotes and shell characters when run with sh -c', () => {
    const t = tempDir();
    const dir = path.join(t, NASTY);
    fs.mkdirSync(dir);
    // "node" itself at an odd path (a link to the real one), running an odd-path script.
    const node = path.join(dir, `no de's "bin"`);
    fs.symlinkSync(process.execPath, node);
    const script = path.join(dir, `hook 'x' "y".js`);
    fs.writeFileSync(
      script,
      `require('fs').writeFileSync(process.env.OUT, JSON.stringify({ script: process.argv[1], args: process.argv.slice(2), stdin: require('fs').readFileSync(0, 'utf8') }));\n`,
    );
    const out = path.join(t, 'out.json');
    for (const [ev, groups] of Object.entries(hooksOf(hookSettings(node, script)))) {
      fs.rmSync(out, { force: true });
      const stdout = execFileSync('sh', ['-c', groups[0]!.hooks[0]!.command], { input: '{"session_id":"s"}', env: { PATH: '/usr/bin:/bin', OUT: out, HOME: t }, encoding: 'utf8' });
      expect(stdout).toBe('');
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({ script, args: [ev], stdin: '{"session_id":"s"}' });
    }
  });
});

describe('writeHookSettings', () => {
  it('writes <state>/claude-hooks.json (0600) pointing at cli/hook.js with this node, and rewrites only on change', () => {
    const state = tempDir();
    const file = writeHookSettings(state);
    expect(file).toBe(path.join(state, 'claude-hooks.json'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const hooks = hooksOf(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(Object.keys(hooks).sort()).toEqual([...HOOK_EVENTS].sort());
    const cmd = hooks.Stop![0]!.hooks[0]!.command;
    expect(cmd.startsWith(`'${process.execPath}' '`)).toBe(true);
    expect(cmd).toMatch(/\/cli\/hook\.js' Stop$/);
    const ino = fs.statSync(file).ino;
    expect(writeHookSettings(state)).toBe(file);
    expect(fs.statSync(file).ino).toBe(ino); // same content: not replaced
    fs.writeFileSync(file, '{}');
    writeHookSettings(state);
    expect(Object.keys(hooksOf(JSON.parse(fs.readFileSync(file, 'utf8'))))).toHaveLength(HOOK_EVENTS.length);
    expect(fs.readdirSync(state)).toEqual(['claude-hooks.json']); // no temp file left
  });
});

describe('httpHookSettings', () => {
  it('POSTs every event but SessionStart to <url>/hook/<Event> with the pane id and token from allowed env vars; SessionStart stays an async command', () => {
    const hooks = hooksOf(httpHookSettings('/usr/bin/node', '/opt/ccmux/dist/cli/hook.js', 'http://127.0.0.1:4711'));
    expect(Object.keys(hooks).sort()).toEqual([...HOOK_EVENTS].sort());
    for (const [ev, groups] of Object.entries(hooks)) {
      expect(groups).toHaveLength(1);
      expect(groups[0]!.matcher).toBe('*');
      if (ev === 'SessionStart') {
        // claude never sends SessionStart over http (docs/claude-real.md e).
        expect(groups[0]!.hooks).toEqual([{ type: 'command', command: `'/usr/bin/node' '/opt/ccmux/dist/cli/hook.js' SessionStart`, timeout: 10, async: true }]);
        continue;
      }
      expect(groups[0]!.hooks).toEqual([
        {
          type: 'http',
          url: `http://127.0.0.1:4711/hook/${ev}`,
          headers: { 'X-Ccmux-Pane': '$CCMUX_PANE_ID', Authorization: 'Bearer $CCMUX_CLAUDE_TOKEN' },
          allowedEnvVars: ['CCMUX_PANE_ID', 'CCMUX_CLAUDE_TOKEN'],
          timeout: expect.any(Number),
        },
      ]);
      // Every variable a header names is allowed: claude expands no other.
      const h = groups[0]!.hooks[0]!;
      for (const v of Object.values(h.headers!).flatMap((x) => [...x.matchAll(/\$\{?(\w+)/g)].map((m) => m[1]))) expect(h.allowedEnvVars).toContain(v);
      expect(h.timeout).toBeGreaterThan(0);
      expect(h.timeout).toBeLessThanOrEqual(5); // a stopped server must not hold claude long
    }
  });

  it('is written per server, <state>/claude-hooks.<server>.json (0600), beside the shared command file', () => {
    const state = tempDir();
    const file = writeHookSettings(state, { server: 'default', baseUrl: 'http://127.0.0.1:4711' });
    expect(file).toBe(path.join(state, 'claude-hooks.default.json'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(hooksOf(JSON.parse(fs.readFileSync(file, 'utf8'))).Stop![0]!.hooks[0]!.url).toBe('http://127.0.0.1:4711/hook/Stop');
    writeHookSettings(state, { server: 'other', baseUrl: 'http://127.0.0.1:4712' });
    writeHookSettings(state);
    expect(fs.readdirSync(state).sort()).toEqual(['claude-hooks.default.json', 'claude-hooks.json', 'claude-hooks.other.json']);
    // A restarted server listens elsewhere: its file follows.
    writeHookSettings(state, { server: 'default', baseUrl: 'http://127.0.0.1:5000' });
    expect(hooksOf(JSON.parse(fs.readFileSync(file, 'utf8'))).Stop![0]!.hooks[0]!.url).toBe('http://127.0.0.1:5000/hook/Stop');
  });
});

describe('lean settings (a claude that keeps its session file)', () => {
  it('hook only what the session file does not say (and the prompt, which leaves an error): nothing on a tool call', () => {
    expect(hookedEvents(true)).toEqual(['SessionStart', 'UserPromptSubmit', 'PermissionRequest', 'StopFailure', 'SubagentStop', 'SessionEnd']);
    expect(hookedEvents(false)).toEqual([...HOOK_EVENTS]);
    for (const s of [hookSettings('/n', '/h.js', true), httpHookSettings('/n', '/h.js', 'http://127.0.0.1:1', true)] as Array<{ hooks: Record<string, unknown> }>) {
      expect(Object.keys(s.hooks)).toEqual(hookedEvents(true));
      for (const ev of ['PreToolUse', 'PostToolUse', 'Notification', 'Stop']) expect(s.hooks[ev]).toBeUndefined();
    }
  });
});
