/*
 * The fake claude's hooks: which events fire in which order with which JSON on stdin and
 * which environment; `--settings` hooks merged with the config dir's; `$HOME/.claude`
 * hooks ignored under CLAUDE_CONFIG_DIR; exit code 2 blocking a prompt.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeProjectPath } from '../../src/claude/encode-path.js';
import { cleanupTempDirs, jsonLines, runFake, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

const ID = '6c5b4a39-2817-4f6e-9d5c-4b3a29180706';
const EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Notification', 'Stop', 'StopFailure', 'SessionEnd'];

/** A hook command appending {input, env…, src} as one JSON line to `log`. */
function recorder(log: string, src: string): string {
  return (
    `printf '{"input":%s,"sid":"%s","cfg":"%s","proj":"%s","pane":"%s","src":"${src}"}\\n' ` +
    `"$(cat)" "$CLAUDE_CODE_SESSION_ID" "$CLAUDE_CONFIG_DIR" "$CLAUDE_PROJECT_DIR" "$CCMUX_PANE_ID" >> ${log}`
  );
}

function hooksFor(log: string, src: string) {
  return { hooks: Object.fromEntries(EVENTS.map((e) => [e, [{ matcher: '*', hooks: [{ type: 'command', command: recorder(log, src) }] }]])) };
}

function world() {
  const t = tempDir();
  const home = path.join(t, 'home');
  const cwd = path.join(t, 'proj');
  const cfg = path.join(t, 'cfg');
  const log = path.join(t, 'hooks.log');
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  fs.mkdirSync(cwd);
  fs.mkdirSync(cfg);
  fs.writeFileSync(path.join(cfg, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, projects: { [cwd]: { hasTrustDialogAccepted: true } } }));
  return { t, home, cwd, cfg, log, env: { HOME: home, CLAUDE_CONFIG_DIR: cfg, CCMUX_PANE_ID: '%3' } };
}

describe('fake claude: hooks', () => {
  it('fires every event in order with the right JSON and environment', async () => {
    const w = world();
    fs.writeFileSync(path.join(w.cfg, 'settings.json'), JSON.stringify(hooksFor(w.log, 'own')));
    const run = await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env, input: 'use a tool please\nask permission\n1\napi-error:authentication_failed\n/exit\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Do you want to proceed?');
    const lines = jsonLines(w.log);
    expect(lines.map((l) => l.input.hook_event_name)).toEqual([
      'SessionStart',
      'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop',
      // As 2.1.197 asks: PermissionRequest with the dialog (answered at once: no late Notification).
      'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop',
      // An API error: StopFailure and no Stop.
      'UserPromptSubmit', 'StopFailure',
      'SessionEnd',
    ]);
    const transcript = path.join(w.cfg, 'projects', encodeProjectPath(w.cwd), `${ID}.jsonl`);
    for (const l of lines) {
      expect(l.input).toMatchObject({ session_id: ID, transcript_path: transcript, cwd: w.cwd });
      expect([l.sid, l.cfg, l.proj, l.pane]).toEqual([ID, w.cfg, w.cwd, '%3']);
    }
    expect(lines[0]!.input.source).toBe('startup');
    expect(lines[1]!.input.prompt).toBe('use a tool please');
    expect(lines[2]!.input).toMatchObject({ tool_name: 'Bash', tool_input: { command: 'echo fake' } });
    expect(lines[3]!.input.tool_response).toMatchObject({ stdout: 'fake' });
    expect(lines[7]!.input).toMatchObject({ tool_name: 'Bash', tool_input: { command: 'echo fake' } });
    expect(lines[11]!.input).toMatchObject({ error: 'authentication_failed' });
    expect(lines[12]!.input.reason).toBe('prompt_input_exit');
  });

  it('merges --settings hooks with the config dir’s (both fire) and ignores $HOME/.claude hooks', async () => {
    const w = world();
    fs.writeFileSync(path.join(w.cfg, 'settings.json'), JSON.stringify(hooksFor(w.log, 'own')));
    fs.writeFileSync(path.join(w.home, '.claude', 'settings.json'), JSON.stringify(hooksFor(w.log, 'home')));
    const extra = path.join(w.t, 'ccmux-hooks.json');
    fs.writeFileSync(extra, JSON.stringify(hooksFor(w.log, 'extra')));
    await runFake(['--settings', extra, '--session-id', ID], { cwd: w.cwd, env: w.env, input: 'hi\n' });
    const starts = jsonLines(w.log).filter((l) => l.input.hook_event_name === 'SessionStart');
    expect(starts.map((l) => l.src)).toEqual(['own', 'extra']);
    expect(jsonLines(w.log).filter((l) => l.input.hook_event_name === 'SessionEnd').map((l) => l.input.reason)).toEqual(['other', 'other']);
  });

  it('reports source resume on --resume, and honours matchers', async () => {
    const w = world();
    const settings = { hooks: { SessionStart: [{ matcher: 'resume', hooks: [{ type: 'command', command: recorder(w.log, 'm') }] }] } };
    fs.writeFileSync(path.join(w.cfg, 'settings.json'), JSON.stringify(settings));
    await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env, input: 'hi\n' });
    expect(jsonLines(w.log)).toEqual([]);
    await runFake(['--resume', ID], { cwd: w.cwd, env: w.env, input: '' });
    expect(jsonLines(w.log).map((l) => l.input.source)).toEqual(['resume']);
  });

  it('blocks a prompt when a UserPromptSubmit hook exits 2', async () => {
    const w = world();
    const settings = { hooks: { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo nope >&2; exit 2' }] }] } };
    fs.writeFileSync(path.join(w.cfg, 'settings.json'), JSON.stringify(settings));
    const run = await runFake(['--session-id', ID], { cwd: w.cwd, env: w.env, input: 'hi\n' });
    expect(run.stdout).toContain('UserPromptSubmit operation blocked by hook:\nnope');
    expect(run.stdout).not.toContain('● echo: hi');
    expect(fs.existsSync(path.join(w.cfg, 'projects'))).toBe(false);
  });
});
