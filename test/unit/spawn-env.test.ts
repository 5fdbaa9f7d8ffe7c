/*
 * Tests of buildPaneEnv: what a pane inherits, what it never inherits (an outer tmux's or
 * screen's variables, stale sizes, an outer ccmux's CCMUX_*), what ccmux sets, and the
 * order in which a caller's own settings and removals apply.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childEnv, Environ } from '../../src/core/environ.js';
import { buildPaneEnv, parseEnvAssignments, restoreDeferredEnv, scrubInjected, serverStartEnv, sessionEnviron, SCRUBBED_VARS, type PaneEnvInput } from '../../src/core/spawn-env.js';

function input(base: Record<string, string | undefined>, extra: Partial<PaneEnvInput> = {}): PaneEnvInput {
  return { base, term: 'xterm-256color', socketPath: '/run/ccmux/default', serverPid: 4242, paneId: '%7', ...extra };
}

describe('buildPaneEnv', () => {
  it('keeps ordinary variables and drops undefined ones', () => {
    const env = buildPaneEnv(input({ PATH: '/bin', HOME: '/home/u', EDITOR: 'vi', GONE: undefined }));
    expect(env.PATH).toBe('/bin');
    expect(env.HOME).toBe('/home/u');
    expect(env.EDITOR).toBe('vi');
    expect('GONE' in env).toBe(false);
    expect(Object.values(env).every((v) => typeof v === 'string')).toBe(true);
  });

  it('scrubs what leaks from an outer multiplexer and stale sizes', () => {
    const env = buildPaneEnv(
      input({ TMUX: '/tmp/tmux-0/default,1,0', TMUX_PANE: '%3', STY: '123.pts-0', WINDOW: '2', COLUMNS: '80', LINES: '24', KEEP: 'yes' }),
    );
    for (const k of ['TMUX', 'TMUX_PANE', 'STY', 'WINDOW', 'COLUMNS', 'LINES']) expect(env[k], k).toBeUndefined();
    expect(env.KEEP).toBe('yes');
  });

  it('replaces an outer ccmux’s CCMUX and CCMUX_* with its own', () => {
    const env = buildPaneEnv(input({ CCMUX: '/other/sock,1', CCMUX_PANE_ID: '%99', CCMUX_SOMETHING: 'x', CCMUXISH: 'kept' }));
    expect(env.CCMUX).toBe('/run/ccmux/default,4242');
    expect(env.CCMUX_PANE_ID).toBe('%7');
    expect(env.CCMUX_SOMETHING).toBeUndefined();
    expect(env.CCMUXISH).toBe('kept');
  });

  it('sets TERM and COLORTERM whatever the base says', () => {
    const env = buildPaneEnv(input({ TERM: 'dumb', COLORTERM: '' }, { term: 'screen-256color' }));
    expect(env.TERM).toBe('screen-256color');
    expect(env.COLORTERM).toBe('truecolor');
  });

  it('applies the caller’s settings last, and its removals after them', () => {
    const env = buildPaneEnv(
      input({ HOME: '/home/u', SECRET: 's', KEEP: 'k' }, { set: { HOME: '/iso/home', CLAUDE_CONFIG_DIR: '/iso/cfg', TERM: 'custom' }, unset: ['SECRET', 'CLAUDE_CONFIG_DIR'] }),
    );
    expect(env.HOME).toBe('/iso/home');
    expect(env.TERM).toBe('custom');
    expect(env.SECRET).toBeUndefined();
    expect(env.CLAUDE_CONFIG_DIR).toBeUndefined();
    expect(env.KEEP).toBe('k');
  });

  it('does not modify its input', () => {
    const base = { TMUX: 'x', A: 'b' };
    const set = { Z: '1' };
    buildPaneEnv(input(base, { set, unset: ['A'] }));
    expect(base).toEqual({ TMUX: 'x', A: 'b' });
    expect(set).toEqual({ Z: '1' });
  });

  it('never passes a scrubbed or CCMUX_ variable through, whatever else is in the base', () => {
    const key = fc.oneof(fc.constantFrom(...SCRUBBED_VARS, 'CCMUX', 'CCMUX_X', 'PATH', 'HOME'), fc.stringMatching(/^[A-Z_]{1,8}$/));
    fc.assert(
      fc.property(fc.dictionary(key, fc.string({ maxLength: 8 })), (base) => {
        const env = buildPaneEnv(input(base));
        for (const k of Object.keys(env)) {
          expect(SCRUBBED_VARS).not.toContain(k);
          if (k.startsWith('CCMUX_')) expect(k).toBe('CCMUX_PANE_ID');
        }
        for (const [k, v] of Object.entries(base)) {
          if (!SCRUBBED_VARS.includes(k) && k !== 'CCMUX' && !k.startsWith('CCMUX_') && k !== 'TERM' && k !== 'COLORTERM') expect(env[k]).toBe(v);
        }
      }),
    );
  });
});

describe('what ccmux gives a pane never travels further (issue 13.6)', () => {
  it('says in CCMUX_INJECTED what it set or removed (and the paths from before); scrubInjected undoes it', () => {
    const pane = buildPaneEnv(
      input({ HOME: '/home/u', PATH: '/bin', CLAUDE_CONFIG_DIR: '/home/u/.claude-work', ANTHROPIC_API_KEY: 'sk-users-own' }, { set: { HOME: '/iso/home', ANTHROPIC_API_KEY: 'sk-profile', CLAUDE_CODE_TMPDIR: '/iso/tmp' }, unset: ['CLAUDE_CONFIG_DIR'] }),
    );
    // The earlier values of paths are kept; never a secret's.
    expect(JSON.parse(pane.CCMUX_INJECTED!)).toEqual({ set: ['HOME', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_TMPDIR', 'CLAUDE_CONFIG_DIR'], was: { HOME: '/home/u', CLAUDE_CONFIG_DIR: '/home/u/.claude-work' } });
    const out = scrubInjected({ ...pane, MINE: 'typed in the pane' }, { HOME: '/elsewhere' });
    expect(out).toEqual({ HOME: '/home/u', CLAUDE_CONFIG_DIR: '/home/u/.claude-work', PATH: '/bin', TERM: 'xterm-256color', COLORTERM: 'truecolor', MINE: 'typed in the pane' });
  });

  it('falls back when nothing was kept, and survives a CCMUX_INJECTED that is not its own', () => {
    expect(scrubInjected({ HOME: '/iso', CCMUX_INJECTED: '{"set":["HOME"],"was":{}}' }, { HOME: '/passwd/home' })).toEqual({ HOME: '/passwd/home' });
    expect(scrubInjected({ A: '1', CCMUX_INJECTED: 'garbage' })).toEqual({ A: '1' });
    expect(scrubInjected({ A: '1', CCMUX_INJECTED: '{"set":["A"],"was":{"A":"secret"}}' })).toEqual({});
  });

  it('a plain pane lists nothing, and scrubbing only drops CCMUX and CCMUX_PANE_ID, not the user\'s CCMUX_ settings', () => {
    const pane = buildPaneEnv(input({ HOME: '/home/u' }));
    expect(pane.CCMUX_INJECTED).toBeUndefined();
    expect(scrubInjected(pane)).toEqual({ HOME: '/home/u', TERM: 'xterm-256color', COLORTERM: 'truecolor' });
    expect(scrubInjected({ ...pane, CCMUX_LOG_LEVEL: 'debug', CCMUX_TTY_DIRECT: '0' })).toMatchObject({ CCMUX_LOG_LEVEL: 'debug', CCMUX_TTY_DIRECT: '0' });
  });

  it('a new session: the server\'s environment, the client\'s update-environment values, then -e', () => {
    const server = new Environ({ HOME: '/home/u', PATH: '/bin', DISPLAY: ':0', SSH_AUTH_SOCK: '/old' });
    const client = buildPaneEnv(input({ HOME: '/home/u', PATH: '/client/bin', SSH_AUTH_SOCK: '/new', FOO: '1' }, { set: { ANTHROPIC_API_KEY: 'sk-secret', CLAUDE_CONFIG_DIR: '/iso' } }));
    const own = sessionEnviron(client, ['DISPLAY', 'SSH_AUTH_SOCK', 'ANTHROPIC_API_KEY'], { EXTRA: 'x' });
    // DISPLAY is not in the client: marked removed, as tmux does; the injected key is not taken even when listed.
    expect(own.list().map(([k, e]) => `${k}=${e.value}`)).toEqual(['ANTHROPIC_API_KEY=null', 'DISPLAY=null', 'EXTRA=x', 'SSH_AUTH_SOCK=/new']);
    expect(childEnv(server, own)).toEqual({ HOME: '/home/u', PATH: '/bin', SSH_AUTH_SOCK: '/new', EXTRA: 'x' });
  });

  it('parses -e NAME=VALUE, refusing anything else', () => {
    expect(parseEnvAssignments(['A=1', 'B=', 'C=x=y'])).toEqual({ A: '1', B: '', C: 'x=y' });
    expect(parseEnvAssignments(['=1'])).toMatch(/bad -e "=1": expected NAME=VALUE/);
    expect(parseEnvAssignments(['NOEQUALS'])).toMatch(/expected NAME=VALUE/);
    expect(parseEnvAssignments(['1A=x'])).toMatch(/expected NAME=VALUE/);
  });
});

describe('NODE_EXTRA_CA_CERTS is kept from the server process’s start-up, not from its panes (issue 18)', () => {
  it('is renamed for the server process and put back by it, leaving nothing else changed', () => {
    const env = { PATH: '/bin', NODE_EXTRA_CA_CERTS: '/etc/certs.pem' };
    const started = serverStartEnv(env);
    expect(started).toEqual({ PATH: '/bin', CCMUX_DEFERRED_NODE_EXTRA_CA_CERTS: '/etc/certs.pem' });
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/certs.pem'); // the caller's env is not touched
    const inServer: Record<string, string | undefined> = { ...started };
    restoreDeferredEnv(inServer);
    expect(inServer).toEqual(env);
  });

  it('adds nothing when the variable is not set, and drops a stale parked value', () => {
    expect(serverStartEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin' });
    expect(serverStartEnv({ PATH: '/bin', CCMUX_DEFERRED_NODE_EXTRA_CA_CERTS: '/old' })).toEqual({ PATH: '/bin' });
    const e: Record<string, string | undefined> = { PATH: '/bin' };
    restoreDeferredEnv(e);
    expect(e).toEqual({ PATH: '/bin' });
  });
});
