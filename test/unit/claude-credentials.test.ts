/*
 * syncCredentialsBack: a token refreshed inside a pane (its symlink replaced by a regular
 * file, as claude's atomic write does) flows back to the base, 0600, and the link returns;
 * an older pane token never overwrites a newer base one, and nothing that is not a
 * well-formed login ever overwrites the base (the replaced login is kept as a backup).
 * Includes a refresh done by the fake claude itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncCredentialsBack } from '../../src/claude/credentials.js';
import { CREDENTIALS, cleanupTempDirs, fingerprint, runFake, tempDir } from './claude-test-helpers.js';

afterEach(cleanupTempDirs);

function setup() {
  const t = tempDir();
  const base = path.join(t, 'base');
  const pane = path.join(t, 'pane');
  fs.mkdirSync(base);
  fs.mkdirSync(pane);
  const baseFile = path.join(base, '.credentials.json');
  const paneFile = path.join(pane, '.credentials.json');
  fs.writeFileSync(baseFile, JSON.stringify(CREDENTIALS), { mode: 0o600 });
  fs.symlinkSync(baseFile, paneFile);
  return { t, base, pane, baseFile, paneFile };
}

function refreshed(expiresAt: number) {
  return JSON.stringify({ claudeAiOauth: { ...CREDENTIALS.claudeAiOauth, accessToken: `new-${expiresAt}`, expiresAt } });
}

/** Replace a file the way claude's atomic write does: temp file + rename, link not followed. */
function atomicWrite(file: string, content: string) {
  fs.writeFileSync(`${file}.tmp`, content, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

describe('syncCredentialsBack', () => {
  it("reports 'linked' and changes nothing while the pane still links the base", async () => {
    const { t, base, pane } = setup();
    const before = fingerprint(t);
    expect(await syncCredentialsBack(pane, base)).toBe('linked');
    expect(fingerprint(t)).toEqual(before);
  });

  it('writes a refreshed token back atomically, 0600, and re-links', async () => {
    const { base, pane, baseFile, paneFile } = setup();
    const newer = refreshed(CREDENTIALS.claudeAiOauth.expiresAt + 1000);
    atomicWrite(paneFile, newer);
    expect(fs.lstatSync(paneFile).isSymbolicLink()).toBe(false);
    expect(await syncCredentialsBack(pane, base)).toBe('written-back');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(newer);
    expect(fs.lstatSync(baseFile).mode & 0o777).toBe(0o600);
    expect(fs.readlinkSync(paneFile)).toBe(baseFile);
    expect(fs.readdirSync(base).sort()).toEqual(['.credentials.json', '.credentials.json.ccmux-backup']);
    expect(fs.readFileSync(`${baseFile}.ccmux-backup`, 'utf8')).toBe(JSON.stringify(CREDENTIALS));
    expect(fs.lstatSync(`${baseFile}.ccmux-backup`).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(pane)).toEqual(['.credentials.json']);
  });

  it.each([
    ['junk', 'not json at all'],
    ['a login without expiresAt', JSON.stringify({ claudeAiOauth: { accessToken: 'sk-ant-oat01-x', refreshToken: 'r' } })],
    ['an empty object', '{}'],
    ['an expiry that is not a number', JSON.stringify({ claudeAiOauth: { accessToken: 'a', expiresAt: '9999999999999' } })],
    ['no access token', JSON.stringify({ claudeAiOauth: { expiresAt: 9999999999999 } })],
  ])('never writes %s back over the login (issue 13.4): refused, link restored', async (_what, junk) => {
    const { t, base, pane, baseFile, paneFile } = setup();
    const before = fingerprint(base);
    atomicWrite(paneFile, junk);
    // Even with a later mtime than the base.
    const later = Date.now() / 1000 + 3600;
    fs.utimesSync(paneFile, later, later);
    expect(await syncCredentialsBack(pane, base)).toBe('refused');
    expect(fingerprint(base)).toEqual(before);
    expect(fs.readlinkSync(paneFile)).toBe(baseFile);
    expect(fs.readdirSync(t).sort()).toEqual(['base', 'pane']);
  });

  it('replaces a base that holds no well-formed login with a pane\'s good one, keeping the old file as the backup', async () => {
    const { base, pane, baseFile, paneFile } = setup();
    fs.unlinkSync(paneFile);
    fs.writeFileSync(baseFile, 'broken base');
    fs.writeFileSync(paneFile, refreshed(5), { mode: 0o600 });
    expect(await syncCredentialsBack(pane, base)).toBe('written-back');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(refreshed(5));
    expect(fs.readFileSync(`${baseFile}.ccmux-backup`, 'utf8')).toBe('broken base');
  });

  it('refuses a well-formed login whose expiry is absurdly far ahead, and keeps the last three replaced logins (issue 13.4)', async () => {
    const { base, pane, baseFile, paneFile } = setup();
    const real = fs.readFileSync(baseFile, 'utf8');
    atomicWrite(paneFile, refreshed(9e15));
    expect(await syncCredentialsBack(pane, base)).toBe('refused');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(real);
    // Three plausible refreshes in a row: each replaced login is kept, the oldest last.
    const t0 = CREDENTIALS.claudeAiOauth.expiresAt;
    for (const k of [1, 2, 3]) {
      atomicWrite(paneFile, refreshed(t0 + k * 1000));
      expect(await syncCredentialsBack(pane, base)).toBe('written-back');
    }
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(refreshed(t0 + 3000));
    expect(fs.readFileSync(`${baseFile}.ccmux-backup`, 'utf8')).toBe(refreshed(t0 + 2000));
    expect(fs.readFileSync(`${baseFile}.ccmux-backup.1`, 'utf8')).toBe(refreshed(t0 + 1000));
    expect(fs.readFileSync(`${baseFile}.ccmux-backup.2`, 'utf8')).toBe(real);
  });

  it('keeps the base login when the pane holds the same expiry with other content', async () => {
    const { base, pane, baseFile, paneFile } = setup();
    atomicWrite(paneFile, refreshed(CREDENTIALS.claudeAiOauth.expiresAt));
    const baseBefore = fs.readFileSync(baseFile, 'utf8');
    expect(await syncCredentialsBack(pane, base)).toBe('linked');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(baseBefore);
  });

  it('never overwrites a later base login with an older pane one', async () => {
    const { base, pane, baseFile, paneFile } = setup();
    atomicWrite(paneFile, refreshed(CREDENTIALS.claudeAiOauth.expiresAt - 1000));
    const baseBefore = fs.readFileSync(baseFile, 'utf8');
    expect(await syncCredentialsBack(pane, base)).toBe('linked');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(baseBefore);
    expect(fs.readlinkSync(paneFile)).toBe(baseFile);
  });

  it('writes through a base file that is itself a symlink', async () => {
    const { t, base, pane, baseFile, paneFile } = setup();
    const real = path.join(t, 'dotfiles-credentials.json');
    fs.renameSync(baseFile, real);
    fs.symlinkSync(real, baseFile);
    const newer = refreshed(CREDENTIALS.claudeAiOauth.expiresAt + 5);
    atomicWrite(paneFile, newer);
    expect(await syncCredentialsBack(pane, base)).toBe('written-back');
    expect(fs.readlinkSync(baseFile)).toBe(real);
    expect(fs.readFileSync(real, 'utf8')).toBe(newer);
  });

  it('hands a login made in the pane to a base that had none', async () => {
    const { base, pane, baseFile, paneFile } = setup();
    fs.unlinkSync(paneFile);
    fs.unlinkSync(baseFile);
    fs.writeFileSync(paneFile, refreshed(5), { mode: 0o600 });
    expect(await syncCredentialsBack(pane, base)).toBe('written-back');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(refreshed(5));
    expect(fs.readlinkSync(paneFile)).toBe(baseFile);
  });

  it("returns 'none' for no file, a foreign link, or a missing base dir — and writes nothing", async () => {
    const { t, base, pane, paneFile } = setup();
    fs.unlinkSync(paneFile);
    expect(await syncCredentialsBack(pane, base)).toBe('none');
    fs.symlinkSync('/etc/hostname', paneFile);
    expect(await syncCredentialsBack(pane, base)).toBe('none');
    expect(fs.readlinkSync(paneFile)).toBe('/etc/hostname');
    fs.unlinkSync(paneFile);
    fs.writeFileSync(paneFile, refreshed(9));
    const missing = path.join(t, 'no-base');
    expect(await syncCredentialsBack(pane, missing)).toBe('none');
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('picks up a refresh done by the fake claude', async () => {
    const { t, base, pane, baseFile, paneFile } = setup();
    const run = await runFake(['--session-id', '12345678-1234-4234-8234-123456789abc'], {
      cwd: t,
      env: { HOME: t, CLAUDE_CONFIG_DIR: pane },
      input: '\n\n/fake-refresh\n/exit\n',
    });
    expect(run.code).toBe(0);
    expect(fs.lstatSync(paneFile).isFile()).toBe(true);
    const paneToken = fs.readFileSync(paneFile, 'utf8');
    expect(JSON.parse(paneToken).claudeAiOauth.accessToken).toMatch(/^sk-ant-oat01-fake-/);
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(JSON.stringify(CREDENTIALS));
    expect(await syncCredentialsBack(pane, base)).toBe('written-back');
    expect(fs.readFileSync(baseFile, 'utf8')).toBe(paneToken);
    expect(fs.readlinkSync(paneFile)).toBe(baseFile);
  });
});
