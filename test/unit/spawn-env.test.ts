/*
 * Tests of buildPaneEnv: what a pane inherits, what it never inherits (an outer tmux's or
 * screen's variables, stale sizes, an outer ccmux's CCMUX_*), what ccmux sets, and the
 * order in which a caller's own settings and removals apply.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPaneEnv, SCRUBBED_VARS, type PaneEnvInput } from '../../src/core/spawn-env.js';

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
