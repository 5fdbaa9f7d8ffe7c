/*
 * Fuzzing the config loader (loadConfigText with the server's own validators) with text a
 * user could write by mistake: arbitrary strings, TOML-ish documents built from ccmux's
 * real tables, keys and values mixed with junk, and random damage to the shipped
 * config/ccmux.toml with every option uncommented. It must never throw, and every error
 * must name the file and a line of it (so the user can go there).
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfigText, type ConfigError } from '../../src/config/load-config.js';
import { OPTIONS } from '../../src/config/options-table.js';
import { validatorsWith } from '../../src/commands/read-config.js';
import { checkCommandString } from '../../src/commands/registry.js';

const validators = validatorsWith(checkCommandString);

const FILE = 'fuzz.toml';

/** Load `text`; assert the loader's promises; return the errors. */
function check(text: string): ConfigError[] {
  let r: ReturnType<typeof loadConfigText>;
  try {
    r = loadConfigText(text, FILE, validators);
  } catch (err) {
    throw new Error(`loadConfigText threw on ${JSON.stringify(text)}: ${(err as Error).stack}`);
  }
  const lines = text.split(/\r\n|\n|\r/).length;
  for (const e of r.errors) {
    const what = `${JSON.stringify(e)} for ${JSON.stringify(text)}`;
    expect(e.file, what).toBe(FILE);
    expect(typeof e.message === 'string' && e.message.length > 0, what).toBe(true);
    expect(Number.isInteger(e.line) && e.line! >= 1 && e.line! <= lines + 1, `no usable line: ${what}`).toBe(true);
  }
  return r.errors;
}

const CLAUDE_KEYS = ['command', 'args', 'hooks', 'base_dir', 'method', 'cleanup_on_close', 'home_symlinks', 'keep_transcripts', 'orphans',
  'transcript_retention_days', 'transcript_max_mb', 'onboarding', 'trust', 'credentials', 'mcp_servers', 'api_key_responses', 'share', 'env', 'api_key_env'];
const OPTION_NAMES = OPTIONS.map((o) => o.name);
const KEY_NAMES = ['C-b', '%', '"', 'M-Left', 'C-M-S-Up', 'F13', 'Q-x', '', ' ', 'é', '{', "'", '\\'];

const bareKey = fc.constantFrom(...OPTION_NAMES, ...CLAUDE_KEYS, 'nonsense', 'a-b_c', '1234', 'keys', 'claude', 'profiles');
const quotedKey = fc.oneof(fc.constantFrom(...KEY_NAMES), fc.string({ maxLength: 6 })).map((k) => JSON.stringify(k));
const literalKey = fc.string({ maxLength: 6 }).filter((k) => !/['\n\r]/.test(k)).map((k) => `'${k}'`);
const key = fc.oneof(bareKey, quotedKey, literalKey, fc.array(fc.oneof(bareKey, quotedKey), { minLength: 2, maxLength: 3 }).map((ks) => ks.join(fc.sample(fc.constantFrom('.', ' . ', '.'), 1)[0])));

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"C-a"', '"split-window -h"', '"select-pane -L ; kill-pane"', '"{"', '"#{pane_id}"', '"config_dir"', '"home"', '"none"', '"fg=red,bg=#112233,bold"', "'literal'", '"""multi\nline"""', "'''raw\nlines'''"),
  fc.integer().map(String),
  fc.constantFrom('0x1F', '0o17', '0b101', '1_000', '+inf', '-nan', '3.14', '1e400', '-0', '99999999999999999999', '1979-05-27T07:32:00Z', '07:32:00', 'true', 'false', 'True', 'nul'),
);
const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
  v: fc.oneof({ maxDepth: 3 }, scalar, tie('arr'), tie('tbl')),
  arr: fc.array(tie('v'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
  tbl: fc.array(fc.tuple(key, tie('v')), { maxLength: 3 }).map((kv) => `{ ${kv.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
})).v as fc.Arbitrary<string>;

const header = fc.oneof(
  fc.constantFrom('[keys.prefix]', '[keys.root]', '[keys.copy-mode]', '[keys.nope]', '[claude]', '[claude.isolation]', '[claude.seed]', '[claude.profiles.work]',
    '[claude.profiles."we ird"]', '[claude.profiles]', '[ claude . isolation ]', '[[claude.profiles.x]]', '[keys]', '[nonsense]', '[claude.isolation.deeper]', '['),
  fc.array(bareKey, { minLength: 1, maxLength: 3 }).map((ks) => `[${ks.join('.')}]`),
);
const line = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(key, value).map(([k, v]) => `${k} = ${v}`) },
  { weight: 2, arbitrary: header },
  { weight: 1, arbitrary: fc.constantFrom('', '# comment', '   ', 'key =', '= 1', 'a = 1 # trailing', 'a = "unterminated', 'x = [1,\n2,\n]', '\t') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const tomlish = fc.array(line, { maxLength: 14 }).map((ls) => ls.join('\n'));

/** The shipped config with every option uncommented: a valid file naming everything. */
function fullConfig(): string {
  const text = fs.readFileSync(new URL('../../config/ccmux.toml', import.meta.url), 'utf8');
  return text.split('\n').map((l) => l.replace(/^# ?(\[[\w.-]+\]$|[a-z][a-z0-9_-]* = )/, '$1')).join('\n');
}

describe('fuzz: config loader', () => {
  it('the shipped config with every option uncommented loads cleanly (the base for the mutations)', () => {
    expect(check(fullConfig())).toEqual([]);
  });

  it('never throws on arbitrary text, and every error has the file and a line', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (t) => void check(t)), { numRuns: 2000 });
  });

  it('never throws on TOML-ish documents of ccmux tables, keys and values, and every error has a line', () => {
    const seen = { clean: 0, syntax: 0, semantic: 0 };
    fc.assert(
      fc.property(tomlish, (t) => {
        const errors = check(t);
        if (!errors.length) seen.clean++;
        else if (errors[0]!.message.startsWith('TOML syntax error')) seen.syntax++;
        else seen.semantic++;
      }),
      { numRuns: 3000 },
    );
    // The generator reaches past the TOML parser into ccmux's own checks, both ways.
    expect(seen.semantic, JSON.stringify(seen)).toBeGreaterThan(300);
    expect(seen.clean, JSON.stringify(seen)).toBeGreaterThan(30);
  });

  it('never throws on a damaged copy of the full config, and every error has a line', () => {
    const base = fullConfig();
    const lines = base.split('\n');
    const damage = fc.oneof(
      fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]) => (t: string) => t.slice(0, at % t.length) + t.slice((at % t.length) + n)),
      fc.tuple(fc.nat(), fc.string({ maxLength: 3 })).map(([at, s]) => (t: string) => t.slice(0, at % t.length) + s + t.slice(at % t.length)),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => () => {
        const ls = [...lines];
        ls.splice(b % ls.length, 0, ls[a % ls.length]!);
        return ls.join('\n');
      }),
      fc.tuple(fc.nat(), line).map(([at, l]) => () => {
        const ls = [...lines];
        ls.splice(at % ls.length, 0, l);
        return ls.join('\n');
      }),
    );
    fc.assert(fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), (fs_) => void check(fs_.reduce((t, f) => f(t), base))), { numRuns: 1500 });
  });
});
