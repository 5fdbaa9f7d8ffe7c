/*
 * The tmux shim's pure parts (ADR 0015): the environment of a pane given it (TMUX and
 * TMUX_PANE as tmux sets them, the shim's dir first in PATH once) and what a program
 * started inside takes out again; what a teammate inherits from its lead (what ccmux set
 * and removed there, nothing of ccmux's own); and the script itself, run by sh, passing
 * its arguments through untouched and marking the call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildPaneEnv, scrubInjected } from '../../src/core/spawn-env.js';
import { inheritedEnv } from '../../src/commands/teammate-env.js';
import { shimScript, SHIM_CALL_VAR } from '../../src/claude/tmux-shim.js';

const base = { PATH: '/usr/bin:/shim:/bin', HOME: '/home/u', TMUX: '/tmp/tmux-1000/default,77,0', TMUX_PANE: '%9' };
const input = { base, term: 'xterm-256color', socketPath: '/run/ccmux/default', serverPid: 42, paneId: '%3' };

describe('the tmux shim', () => {
  it('gives a pane TMUX naming this server and session, TMUX_PANE, and its dir first in PATH', () => {
    const env = buildPaneEnv({ ...input, tmux: { shimDir: '/shim', sessionId: 5 } });
    expect([env.TMUX, env.TMUX_PANE, env.PATH, env.CCMUX_TMUX_SHIM]).toEqual(['/run/ccmux/default,42,5', '%3', '/shim:/usr/bin:/bin', '/shim']);
    const plain = buildPaneEnv(input);
    expect([plain.TMUX, plain.TMUX_PANE, plain.PATH, plain.CCMUX_TMUX_SHIM]).toEqual([undefined, undefined, '/usr/bin:/shim:/bin', undefined]);
    expect(buildPaneEnv({ ...input, base: { HOME: '/h' }, tmux: { shimDir: '/shim', sessionId: 0 } }).PATH).toBe('/shim:/usr/bin:/bin');
  });

  it('is taken out of PATH again for what a program in the pane starts (a server, a session)', () => {
    const env = buildPaneEnv({ ...input, base: { PATH: '/usr/bin:/bin' }, tmux: { shimDir: '/shim', sessionId: 5 } });
    const out = scrubInjected(env);
    expect([out.PATH, out.CCMUX_TMUX_SHIM]).toEqual(['/usr/bin:/bin', undefined]);
  });

  it('lets a teammate inherit what ccmux set and removed in its lead, and nothing of its own', () => {
    const lead = buildPaneEnv({
      ...input,
      base: { PATH: '/usr/bin', HOME: '/home/u', ANTHROPIC_API_KEY: 'from-the-user' },
      set: { CLAUDE_CONFIG_DIR: '/state/claude-configs/pane-1', CLAUDE_CODE_TMPDIR: '/state/claude-configs/pane-1/tmp', CCMUX_CLAUDE_TOKEN: 'secret' },
      unset: ['ANTHROPIC_API_KEY'],
      tmux: { shimDir: '/shim', sessionId: 1 },
    });
    expect(inheritedEnv(lead)).toEqual({
      set: { CLAUDE_CONFIG_DIR: '/state/claude-configs/pane-1', CLAUDE_CODE_TMPDIR: '/state/claude-configs/pane-1/tmp' },
      unset: ['ANTHROPIC_API_KEY'],
    });
    expect(inheritedEnv(buildPaneEnv(input))).toEqual({ set: {}, unset: [] });
  });

  it('is a script that runs ccmux with its arguments as given, marked as a call through it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-shim-'));
    try {
      const file = path.join(dir, 'tmux');
      // A stand-in for node that prints what it was given and the mark.
      const fakeNode = path.join(dir, "fake node's");
      fs.writeFileSync(fakeNode, `#!/bin/sh\nprintf '%s|' "$@"; printf '%s' "$${SHIM_CALL_VAR}"\n`, { mode: 0o755 });
      fs.writeFileSync(file, shimScript(fakeNode, "/opt/cc mux/bin/ccmux.js"), { mode: 0o755 });
      const out = execFileSync(file, ['-S', '/run/x', 'split-window', '-F', '#{pane_id}', '--', "cd '/a b' && env X=1 claude"], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
      expect(out).toBe("/opt/cc mux/bin/ccmux.js|-S|/run/x|split-window|-F|#{pane_id}|--|cd '/a b' && env X=1 claude|1");
      // With the fast client: it is run with node and the entry first (to exec them for what it does not carry).
      const fast = path.join(dir, 'fast client');
      fs.writeFileSync(fast, `#!/bin/sh\nprintf 'fast|'; printf '%s|' "$@"; printf '%s' "$${SHIM_CALL_VAR}"\n`, { mode: 0o755 });
      fs.writeFileSync(file, shimScript(fakeNode, '/opt/ccmux.js', fast), { mode: 0o755 });
      expect(execFileSync(file, ['ls'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } })).toBe(`fast|${fakeNode}|/opt/ccmux.js|ls|1`);
      // A fast client that is not there (not built): node as before.
      fs.writeFileSync(file, shimScript(fakeNode, '/opt/ccmux.js', path.join(dir, 'absent')), { mode: 0o755 });
      expect(execFileSync(file, ['ls'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } })).toBe('/opt/ccmux.js|ls|1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
