/*
 * The pure parts of teammate panes (claude/teammate.ts): which commands start an agent
 * team's teammate, with what name and team, and swapping the lead's lean hook settings for
 * the full ones in the command — against the command line the real Claude Code 2.1.197
 * ran through tmux (captured in a private tmux, docs/claude-real.md "Agent teams").
 */
import { describe, expect, it } from 'vitest';
import { swapSettingsFile, teammateCommand } from '../../src/claude/teammate.js';
import { validateBody } from '../../src/persist/checkpoint.js';

/** What 2.1.197 gave `tmux respawn-pane -k -t %1 --` (one shell command), paths shortened. */
const REAL = "cd /tmp/w1/proj && env CLAUDECODE=1 CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS=1 ANTHROPIC_BASE_URL=http://127.0.0.1:37797 CLAUDE_CONFIG_DIR=/tmp/w1/config DISABLE_TELEMETRY=1 /opt/claude-code/bin/claude.exe --agent-id mate1@session-34a41730 --agent-name mate1 --team-name session-34a41730 --agent-color blue --parent-session-id 34a41730-3bc4-4dc6-ad8b-e3e633cf0523 --settings /s/ccmux/claude-hooks.default.lean.json --model claude-opus-4-8";

describe('teammateCommand', () => {
  it('reads the teammate of the real client\'s command line', () => {
    expect(teammateCommand([REAL])).toEqual({ name: 'mate1', team: 'session-34a41730' });
  });

  it('reads quoted values and separate arguments, and falls back to --agent-id NAME@TEAM', () => {
    expect(teammateCommand(["cd '/a b' && env X=1 'claude' --agent-id 'my mate@t 1' --teammate-mode tmux"])).toEqual({ name: 'my mate', team: 't 1' });
    expect(teammateCommand(['claude', '--agent-id', 'r@team', '--agent-name', 'researcher'])).toEqual({ name: 'researcher', team: 'team' });
    expect(teammateCommand(['claude', '--agent-id=solo'])).toEqual({ name: 'solo' });
  });

  it('is undefined for what starts no teammate', () => {
    expect(teammateCommand(undefined)).toBeUndefined();
    expect(teammateCommand([])).toBeUndefined();
    expect(teammateCommand(['cat'])).toBeUndefined();
    expect(teammateCommand(['claude --resume x'])).toBeUndefined();
    expect(teammateCommand(['echo --agent-identity x'])).toBeUndefined();
  });

  it('keeps names within bounds', () => {
    expect(teammateCommand([`claude --agent-id ${'n'.repeat(500)}@${'t'.repeat(500)}`])).toEqual({ name: 'n'.repeat(64), team: 't'.repeat(128) });
  });
});

describe('swapSettingsFile', () => {
  it('swaps the lead\'s lean settings for the full ones, and nothing else', () => {
    const out = swapSettingsFile([REAL], '/s/ccmux/claude-hooks.default.lean.json', '/s/ccmux/claude-hooks.default.json');
    expect(out).toEqual([REAL.replace('claude-hooks.default.lean.json', 'claude-hooks.default.json')]);
    expect(swapSettingsFile(['claude', '--settings', '/x.lean.json'], '/x.lean.json', '/x.json')).toEqual(['claude', '--settings', '/x.json']);
    expect(swapSettingsFile(['cat'], '/x.lean.json', '/x.json')).toEqual(['cat']);
  });
});

describe('a checkpoint\'s teammate record', () => {
  const body = (pane: Record<string, unknown>) => ({ sessions: [{ name: 's', current: 0, windows: [{ index: 0, layout: { type: 'pane', pane: 1 }, active: 1, zoomed: false, cols: 80, rows: 24, panes: [{ id: 1, cwd: '/', ...pane }] }] }] });

  it('keeps a name and team', () => {
    expect(validateBody(body({ teammate: { name: 'mate1', team: 'session-1' } })).sessions[0]!.windows[0]!.panes[0]!.teammate).toEqual({ name: 'mate1', team: 'session-1' });
    expect(validateBody(body({ teammate: {} })).sessions[0]!.windows[0]!.panes[0]!.teammate).toEqual({});
  });

  it('refuses a bad one, naming it', () => {
    expect(() => validateBody(body({ teammate: 'mate1' }))).toThrow(/panes\[0\]\.teammate: expected an object/);
    expect(() => validateBody(body({ teammate: { name: 7 } }))).toThrow(/teammate\.name/);
  });
});
