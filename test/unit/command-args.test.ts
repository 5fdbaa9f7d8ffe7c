/*
 * getopt-style parsing of a command's argv against its ArgSpec: flag clusters, attached and
 * separate values, long options, where options end, argument counts and every UsageError.
 */

import { describe, expect, it } from 'vitest';
import { parseArgs, usageOf, UsageError, type ArgSpec } from '../../src/commands/args.js';

const SPLIT: ArgSpec = {
  flags: 'dhvPZ',
  options: 'ctlFnsSE',
  long: { claude: 'flag', profile: 'value', json: 'flag' },
  minArgs: 0,
  maxArgs: -1,
};

function parsed(argv: string[], spec: ArgSpec = SPLIT) {
  const { flags, values, args } = parseArgs(spec, argv);
  return { flags: [...flags].sort(), values: Object.fromEntries(values), args };
}

function usageError(argv: string[], spec: ArgSpec = SPLIT): string {
  try {
    parseArgs(spec, argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no UsageError for ${JSON.stringify(argv)}`);
}

describe('parseArgs', () => {
  it('parses nothing', () => {
    expect(parsed([])).toEqual({ flags: [], values: {}, args: [] });
  });

  it('parses separate and grouped flags', () => {
    expect(parsed(['-d', '-h'])).toEqual({ flags: ['d', 'h'], values: {}, args: [] });
    expect(parsed(['-dhZ'])).toEqual({ flags: ['Z', 'd', 'h'], values: {}, args: [] });
  });

  it('takes values attached or separate, also at the end of a group', () => {
    expect(parsed(['-tfoo', '-c', '/tmp'])).toEqual({ flags: [], values: { t: 'foo', c: '/tmp' }, args: [] });
    expect(parsed(['-dhc/tmp'])).toEqual({ flags: ['d', 'h'], values: { c: '/tmp' }, args: [] });
    expect(parsed(['-dc', '/tmp'])).toEqual({ flags: ['d'], values: { c: '/tmp' }, args: [] });
  });

  it('takes a value that looks like a flag', () => {
    expect(parsed(['-t', '-d'])).toEqual({ flags: [], values: { t: '-d' }, args: [] });
  });

  it('keeps the last of a repeated value', () => {
    expect(parsed(['-t', 'a', '-t', 'b']).values).toEqual({ t: 'b' });
  });

  it('parses long options in all three forms', () => {
    expect(parsed(['--claude', '--profile=work'])).toEqual({ flags: ['claude'], values: { profile: 'work' }, args: [] });
    expect(parsed(['--profile', 'work', '--json'])).toEqual({ flags: ['json'], values: { profile: 'work' }, args: [] });
    expect(parsed(['--profile='])).toEqual({ flags: [], values: { profile: '' }, args: [] });
  });

  it('ends options at --', () => {
    expect(parsed(['-h', '--', 'htop', '-d', '5'])).toEqual({ flags: ['h'], values: {}, args: ['htop', '-d', '5'] });
    expect(parsed(['--', '--', '-h'])).toEqual({ flags: [], values: {}, args: ['--', '-h'] });
  });

  it('ends options at the first positional argument', () => {
    expect(parsed(['-h', 'htop', '-d', '5'])).toEqual({ flags: ['h'], values: {}, args: ['htop', '-d', '5'] });
  });

  it('treats a lone - as positional', () => {
    expect(parsed(['-d', '-', '-h'])).toEqual({ flags: ['d'], values: {}, args: ['-', '-h'] });
  });

  it('accepts argument counts within the limits', () => {
    const spec: ArgSpec = { flags: '', options: '', minArgs: 1, maxArgs: 2 };
    expect(parsed(['a'], spec).args).toEqual(['a']);
    expect(parsed(['a', 'b'], spec).args).toEqual(['a', 'b']);
  });

  it.each([
    [['-q'], 'unknown flag -q'],
    [['-dq'], 'unknown flag -q'],
    [['--nope'], 'unknown flag --nope'],
    [['--nope=1'], 'unknown flag --nope'],
    [['-t'], '-t needs a value'],
    [['-dt'], '-t needs a value'],
    [['--profile'], '--profile needs a value'],
    [['--json=yes'], '--json takes no value'],
  ])('rejects %j with %j', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it('rejects long options when the spec has none', () => {
    expect(usageError(['--claude'], { flags: 'd', options: '', minArgs: 0, maxArgs: 0 })).toBe('unknown flag --claude');
    expect(usageError(['--toString'], SPLIT)).toBe('unknown flag --toString');
  });

  it('rejects too few and too many arguments', () => {
    const spec: ArgSpec = { flags: 'd', options: '', minArgs: 1, maxArgs: 2 };
    expect(usageError([], spec)).toBe('too few arguments (need at least 1)');
    expect(usageError(['-d'], spec)).toBe('too few arguments (need at least 1)');
    expect(usageError(['a', 'b', 'c'], spec)).toBe('too many arguments (need at most 2)');
    expect(usageError(['--', 'a', 'b', 'c'], spec)).toBe('too many arguments (need at most 2)');
  });

  it("takes a flag whose value may be left out (tmux's l::): attached, the next argument, or none at the end", () => {
    const spec: ArgSpec = { flags: 'S', options: 't', optional: 'l', minArgs: 0, maxArgs: 1 };
    expect(parsed(['-l'], spec)).toEqual({ flags: ['l'], values: {}, args: [] });
    expect(parsed(['-l%1'], spec)).toEqual({ flags: ['l'], values: { l: '%1' }, args: [] });
    expect(parsed(['-l', '%2'], spec)).toEqual({ flags: ['l'], values: { l: '%2' }, args: [] });
    expect(parsed(['-Sl'], spec)).toEqual({ flags: ['S', 'l'], values: {}, args: [] });
    // As tmux 3.3a: not last, it takes the next argument whatever it is.
    expect(parsed(['-l', '-S'], spec)).toEqual({ flags: ['l'], values: { l: '-S' }, args: [] });
    expect(usageOf(spec)).toBe('[-lS] [-t value]');
  });
});
