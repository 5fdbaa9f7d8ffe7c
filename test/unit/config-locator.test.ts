/*
 * Where errors point (TomlLocator over tables, dotted and quoted keys, inline tables, arrays,
 * multi-line strings, CRLF), that the loader never throws, and the file edge: loadConfigFile
 * and findConfigPath over temp dirs.
 */

import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TomlLocator, findConfigPath, formatKeyPath, loadConfigFile, loadConfigText } from '../../src/config/load-config.js';
import { load, validators } from './config-helpers.js';

describe('TomlLocator', () => {
  const text = [
    'a = 1', //                                        1
    '"quoted \\u0025 key" = "v"', //                   2
    '[t.sub]', //                                      3
    '  x.y = { p = 1, q = [10,', //                    4
    '    20] }', //                                    5
    'm = """', //                                      6
    'fake = 1', //                                     7
    '[fake]', //                                       8
    '"""', //                                          9
    "lit = '''x'''", //                               10
    '[[arr]]', //                                     11
    'k = "# not a comment" # comment', //             12
  ].join('\n');
  const locator = new TomlLocator(text);

  it.each([
    [['a'], 'key', 1, 1],
    [['a'], 'value', 1, 5],
    [['quoted % key'], 'key', 2, 1],
    [['t'], 'key', 3, 2],
    [['t', 'sub'], 'key', 3, 4],
    [['t', 'sub', 'x'], 'key', 4, 3],
    [['t', 'sub', 'x', 'y'], 'key', 4, 5],
    [['t', 'sub', 'x', 'y', 'p'], 'key', 4, 11],
    [['t', 'sub', 'x', 'y', 'p'], 'value', 4, 15],
    [['t', 'sub', 'x', 'y', 'q', 1], 'value', 5, 5],
    [['t', 'sub', 'x', 'y', 'q', 7], 'value', 4, 18],
    [['t', 'sub', 'm'], 'key', 6, 1],
    [['t', 'sub', 'lit'], 'key', 10, 1],
    [['arr', 'k'], 'value', 12, 5],
    [['nowhere'], 'key', undefined, undefined],
  ] as const)('finds %j (%s)', (path, at, line, column) => {
    const pos = locator.find(path, at);
    expect(pos === undefined ? [undefined, undefined] : [pos.line, pos.column]).toEqual([line, column]);
  });

  it('does not take lines inside a multi-line string for keys, falling back to the table', () => {
    expect(locator.find(['fake'])).toBeUndefined();
    expect(locator.find(['t', 'sub', 'fake'])).toEqual({ line: 3, column: 4 });
  });

  it('counts columns the same with CRLF line ends', () => {
    const { errors } = load('mouse = true\r\nhistroy-limit = 5\r\nstatus = "on"\r\n');
    expect(errors).toEqual([
      'ccmux.toml:2:1: unknown option "histroy-limit" (did you mean "history-limit"?)',
      'ccmux.toml:3:10: status: expected true, false or one of "2", "3", "4", "5", got "on"',
    ]);
  });

  it('is not confused by a multi-line string holding key-like lines', () => {
    const { errors } = load('status-left = """\nhistroy = 1\n[claude]\n"""\nhistroy-limit = 5\n');
    expect(errors).toEqual(['ccmux.toml:5:1: unknown option "histroy-limit" (did you mean "history-limit"?)']);
  });
});

describe('formatKeyPath', () => {
  it.each([
    [['history-limit'], 'history-limit'],
    [['keys', 'prefix', '%'], 'keys.prefix."%"'],
    [['claude', 'args', 1], 'claude.args[1]'],
    [['claude', 'profiles', 'my work', 'env'], 'claude.profiles."my work".env'],
  ])('%j → %s', (path, text) => {
    expect(formatKeyPath(path)).toBe(text);
  });
});

describe('loadConfigText never throws', () => {
  it('for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { errors } = loadConfigText(text, 'f', validators);
        for (const e of errors) expect(typeof e.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('for arbitrary TOML-ish documents built from real names', () => {
    const key = fc.constantFrom('history-limit', 'mouse', 'keys', 'prefix', 'claude', 'isolation', 'profiles', 'work', 'env', 'args', 'x', '%');
    const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }));
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 }));
    const doc = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(doc, (tree) => {
        const text = toToml(tree);
        expect(() => loadConfigText(text, 'f', validators)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

/** Inline-table TOML for a generated tree (every key at the top level). */
function toToml(tree: Record<string, unknown>): string {
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
    if (typeof v === 'object' && v !== null) return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)} = ${value(x)}`).join(', ')} }`;
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  };
  return Object.entries(tree).map(([k, v]) => `${JSON.stringify(k)} = ${value(v)}`).join('\n');
}

describe('config files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccmux-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a file and names it in errors', () => {
    const path = join(dir, 'ccmux.toml');
    writeFileSync(path, 'mouse = false\nmouse2 = 1\n');
    const { config, errors } = loadConfigFile(path, validators);
    expect(config.options.get('mouse')).toBe(false);
    expect(config.file).toBe(path);
    expect(errors).toEqual([{ file: path, line: 2, column: 1, key: 'mouse2', message: 'unknown option "mouse2" (did you mean "mouse"?)' }]);
  });

  it('reports a missing file instead of throwing', () => {
    const path = join(dir, 'missing.toml');
    const { config, errors } = loadConfigFile(path, validators);
    expect(errors).toEqual([{ file: path, message: 'cannot read the config file (ENOENT)' }]);
    expect(config.options.size).toBe(0);
  });

  it('finds $XDG_CONFIG_HOME/ccmux/ccmux.toml first, then ~/.config/ccmux/ccmux.toml', () => {
    const home = join(dir, 'home');
    const xdg = join(dir, 'xdg');
    const inHome = join(home, '.config', 'ccmux', 'ccmux.toml');
    const inXdg = join(xdg, 'ccmux', 'ccmux.toml');
    expect(findConfigPath({ XDG_CONFIG_HOME: xdg }, home)).toBeUndefined();
    mkdirSync(join(home, '.config', 'ccmux'), { recursive: true });
    writeFileSync(inHome, '');
    expect(findConfigPath({ XDG_CONFIG_HOME: xdg }, home)).toBe(inHome);
    expect(findConfigPath({}, home)).toBe(inHome);
    mkdirSync(join(xdg, 'ccmux'), { recursive: true });
    writeFileSync(inXdg, '');
    expect(findConfigPath({ XDG_CONFIG_HOME: xdg }, home)).toBe(inXdg);
    expect(findConfigPath({ XDG_CONFIG_HOME: '' }, home)).toBe(inHome);
    expect(findConfigPath({ XDG_CONFIG_HOME: 'relative/xdg' }, home)).toBe(inHome);
  });
});
