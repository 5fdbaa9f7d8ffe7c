/*
 * terminal-features: what a client's terminal is sent beyond the basics, from its TERM and
 * the option, read as tmux reads its own (patterns, commas, unknown features ignored).
 */
import { describe, expect, it } from 'vitest';
import { featuresOf, matchPattern } from '../../src/server/client/features.js';
import { OPTIONS } from '../../src/config/options-table.js';

const DEFAULT = OPTIONS.find((o) => o.name === 'terminal-features')!.default as string[];

describe('terminal-features', () => {
  it('matches patterns as fnmatch does', () => {
    expect(matchPattern('xterm*', 'xterm-256color')).toBe(true);
    expect(matchPattern('xterm*', 'xterm')).toBe(true);
    expect(matchPattern('*kitty*', 'xterm-kitty')).toBe(true);
    expect(matchPattern('screen?', 'screen1')).toBe(true);
    expect(matchPattern('screen?', 'screen-256color')).toBe(false);
    expect(matchPattern('a.b', 'axb')).toBe(false);
    expect(matchPattern('xterm*', 'rxvt-unicode')).toBe(false);
  });

  it('gives the terminals of the default list underline styles and hyperlinks, and others neither', () => {
    for (const term of ['xterm-256color', 'xterm', 'tmux-256color', 'xterm-kitty', 'xterm-ghostty', 'wezterm', 'alacritty', 'foot', 'contour']) {
      expect(featuresOf(DEFAULT, term, true), term).toEqual({ usstyle: true, hyperlinks: true, sync: true });
    }
    for (const term of ['linux', 'screen', 'screen-256color', 'vt100', 'rxvt-unicode-256color', 'dumb', undefined]) {
      expect(featuresOf(DEFAULT, term, false), String(term)).toEqual({ usstyle: false, hyperlinks: false, sync: false });
    }
  });

  it('reads tmux\'s syntax: several features, comma-separated entries (set -as), unknown features ignored', () => {
    expect(featuresOf(['linux:usstyle'], 'linux', true)).toEqual({ usstyle: true, hyperlinks: false, sync: true });
    expect(featuresOf([',screen*:RGB:hyperlinks,rxvt*:usstyle'], 'screen-256color', true)).toEqual({ usstyle: false, hyperlinks: true, sync: true });
    expect(featuresOf(['xterm*:clipboard:ccolour'], 'xterm', true)).toEqual({ usstyle: false, hyperlinks: false, sync: true });
    expect(featuresOf([], 'xterm-256color', true)).toEqual({ usstyle: false, hyperlinks: false, sync: true });
  });
});
