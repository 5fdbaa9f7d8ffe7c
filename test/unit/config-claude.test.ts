/*
 * loadConfigText for [claude], [claude.isolation], [claude.seed] and [claude.profiles.NAME]:
 * values landing in ClaudeSettings, unknown keys, profile checks and home_symlinks rejections.
 */

import { describe, expect, it } from 'vitest';
import { defaultClaudeSettings } from '../../src/config/claude-settings.js';
import { load } from './config-helpers.js';

describe('[claude] settings', () => {
  it('overlays the file on the defaults and records the options set', () => {
    const { config, errors } = load(`
[claude]
command = "/opt/claude/bin/claude"
args = ["--verbose"]
hooks = false
base_dir = "~/.claude-main"

[claude.isolation]
method = "home"
home_symlinks = [".bashrc", ".config/git/config"]

[claude.seed]
credentials = false
share = []
`);
    expect(errors).toEqual([]);
    const expected = defaultClaudeSettings();
    expected.command = '/opt/claude/bin/claude';
    expected.args = ['--verbose'];
    expected.hooks = false;
    expected.base_dir = '~/.claude-main';
    expected.isolation.method = 'home';
    expected.isolation.home_symlinks = ['.bashrc', '.config/git/config'];
    expected.seed.credentials = false;
    expected.seed.share = [];
    expect(config.claude).toEqual(expected);
    expect(config.options.get('claude.isolation.method')).toBe('home');
    expect(config.options.get('claude.seed.share')).toEqual([]);
    expect(config.options.has('claude.seed.trust')).toBe(false);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['"http"', 'http'],
    ['"command"', 'command'],
  ])('takes hooks = %s (the kind of hooks, or true/false as before there was a choice)', (text, value) => {
    const { config, errors } = load(`[claude]\nhooks = ${text}\n`);
    expect(errors).toEqual([]);
    expect(config.claude.hooks).toBe(value);
  });

  it('accepts dotted keys for the sub-tables', () => {
    const { config, errors } = load('[claude]\nisolation.method = "none"\nseed.trust = false\n');
    expect(errors).toEqual([]);
    expect(config.claude.isolation.method).toBe('none');
    expect(config.claude.seed.trust).toBe(false);
  });

  it.each([
    ['claude = 5', 'ccmux.toml:1:10: claude: expected a table, got 5'],
    ['[claude]\ncomand = "x"', 'ccmux.toml:2:1: unknown key "comand" in [claude] (did you mean "command"?)'],
    ['[claude]\nisolate = {}', 'ccmux.toml:2:1: unknown key "isolate" in [claude] (did you mean "isolation"?)'],
    ['[claude]\nisolation = 5', 'ccmux.toml:2:13: claude.isolation: expected a table, got 5'],
    ['[claude.isolation]\nmetod = "home"', 'ccmux.toml:2:1: unknown key "metod" in [claude.isolation] (did you mean "method"?)'],
    ['[claude]\nisolation.metod = "home"', 'ccmux.toml:2:11: unknown key "metod" in [claude.isolation] (did you mean "method"?)'],
    ['[claude.seed]\nmcp = true', 'ccmux.toml:2:1: unknown key "mcp" in [claude.seed] (did you mean "mcp_servers"?)'],
    ['[claude.isolation]\nmethod = "hom"', 'ccmux.toml:2:10: claude.isolation.method: expected one of config_dir, home, none, got "hom"'],
    ['[claude]\nhooks = "yes"', 'ccmux.toml:2:9: claude.hooks: expected true, false or one of "http", "command", got "yes"'],
    ['[claude]\nargs = "--verbose"', 'ccmux.toml:2:8: claude.args: expected an array of strings, got "--verbose"'],
    ['[claude]\nargs = ["--model",\n  5]', 'ccmux.toml:3:3: claude.args[1]: expected a string, got 5'],
  ])('reports %j', (text, error) => {
    const { config, errors } = load(text);
    expect(errors).toEqual([error]);
    expect(config.claude).toEqual(defaultClaudeSettings());
  });
});

describe('home_symlinks and seed.share entries', () => {
  it.each(['/etc/passwd', '../secrets', '.ssh/../../x', '', '~/.ssh', '.', 'a//b', './x', '.ssh/'])('rejects %j', (entry) => {
    const text = `[claude.isolation]\nhome_symlinks = [\n  ".bashrc",\n  ".zshrc",\n  ${JSON.stringify(entry)},\n]\n`;
    const { config, errors } = load(text);
    expect(errors).toEqual([
      `ccmux.toml:5:3: claude.isolation.home_symlinks[2]: ${JSON.stringify(entry)} must be a path relative to your home directory`,
    ]);
    expect(config.claude.isolation.home_symlinks).toEqual(defaultClaudeSettings().isolation.home_symlinks);
  });

  it('rejects a share entry outside the base config dir', () => {
    expect(load('[claude.seed]\nshare = ["settings.json", "/etc"]').errors).toEqual([
      'ccmux.toml:2:27: claude.seed.share[1]: "/etc" must be a path relative to the base Claude config dir',
    ]);
  });

  it('accepts plain relative paths, dotfiles and nested ones', () => {
    const { config, errors } = load('[claude.isolation]\nhome_symlinks = [".ssh", ".config/git/config", "bin..x"]');
    expect(errors).toEqual([]);
    expect(config.claude.isolation.home_symlinks).toEqual(['.ssh', '.config/git/config', 'bin..x']);
  });
});

describe('[claude.profiles.NAME]', () => {
  it('reads a full profile without expanding ~', () => {
    const { config, errors } = load(`
[claude.profiles.work]
base_dir = "~/.claude-work"
method = "home"
env = { ANTHROPIC_BASE_URL = "https://gw.example.com", ANTHROPIC_MODEL = "opus" }
api_key_env = "WORK_KEY"
args = ["--model", "opus"]

[claude.profiles.plain]
`);
    expect(errors).toEqual([]);
    expect(config.claude.profiles).toEqual({
      work: {
        name: 'work',
        base_dir: '~/.claude-work',
        method: 'home',
        env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_MODEL: 'opus' },
        api_key_env: 'WORK_KEY',
        args: ['--model', 'opus'],
      },
      plain: { name: 'plain', env: {}, args: [] },
    });
  });

  it.each([
    ['base-dir = "~/x"', 'ccmux.toml:2:1: unknown key "base-dir" in [claude.profiles.work] (did you mean "base_dir"?)'],
    ['command = "x"', 'ccmux.toml:2:1: unknown key "command" in [claude.profiles.work]'],
    ['base_dir = 5', 'ccmux.toml:2:12: claude.profiles.work.base_dir: expected a string, got 5'],
    ['method = "container"', 'ccmux.toml:2:10: claude.profiles.work.method: expected one of config_dir, home, none, got "container"'],
    ['args = ["a", true]', 'ccmux.toml:2:14: claude.profiles.work.args[1]: expected a string, got true'],
    ['api_key_env = "work-key"', 'ccmux.toml:2:15: claude.profiles.work.api_key_env: expected the name of an environment variable (letters, digits and _), got "work-key"'],
    ['api_key_env = "1KEY"', 'ccmux.toml:2:15: claude.profiles.work.api_key_env: expected the name of an environment variable (letters, digits and _), got "1KEY"'],
    ['env = "A=1"', 'ccmux.toml:2:7: claude.profiles.work.env: expected a table of environment variables, got "A=1"'],
    ['env = { A = 1 }', 'ccmux.toml:2:13: claude.profiles.work.env.A: expected a string, got 1'],
    ['env = { A-B = "x" }', 'ccmux.toml:2:9: claude.profiles.work.env.A-B: not an environment variable name (letters, digits and _)'],
    ['env = { "MY VAR" = "x" }', 'ccmux.toml:2:9: claude.profiles.work.env."MY VAR": not an environment variable name (letters, digits and _)'],
    ['env.A = ["x"]', 'ccmux.toml:2:9: claude.profiles.work.env.A: expected a string, got an array'],
  ])('reports %j and drops the profile', (line, error) => {
    const { config, errors } = load(`[claude.profiles.work]\n${line}\n`);
    expect(errors).toEqual([error]);
    expect(config.claude.profiles).toEqual({});
  });

  it.each([
    ['[claude]\nprofiles = 5', 'ccmux.toml:2:12: claude.profiles: expected a table of profiles, got 5'],
    ['[claude.profiles]\nwork = "x"', 'ccmux.toml:2:8: claude.profiles.work: expected a table, got "x"'],
    ['[claude.profiles."my work"]\nmethod = "home"', 'ccmux.toml:1:18: claude.profiles."my work": a profile name may contain only letters, digits, "-" and "_"'],
  ])('reports %j', (text, error) => {
    expect(load(text).errors).toEqual([error]);
  });

  it('keeps the valid profiles next to a broken one', () => {
    const { config, errors } = load('[claude.profiles.a]\nmethod = "home"\n[claude.profiles.b]\nmethod = "x"\n');
    expect(errors).toHaveLength(1);
    expect(Object.keys(config.claude.profiles)).toEqual(['a']);
  });
});
