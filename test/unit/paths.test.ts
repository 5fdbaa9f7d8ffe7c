/*
 * Tests of where ccmux keeps things: the socket dir ($XDG_RUNTIME_DIR/ccmux or
 * /tmp/ccmux-UID), which socket a command talks to (-S, -L, $CCMUX inside a pane), the
 * state dir, -L name validation, and ensurePrivateDir's refusals (group/world access,
 * a symlink or a file in the dir's place, another owner) — all in a temp dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, resolveSocketPath, serverFileStem, socketDir, stateDir, UnsafeDirError, validateLabel } from '../../src/core/paths.js';

describe('socketDir', () => {
  it('uses $XDG_RUNTIME_DIR/ccmux when it is absolute', () => {
    expect(socketDir({ XDG_RUNTIME_DIR: '/run/user/1000' }, 1000)).toBe('/run/user/1000/ccmux');
  });

  it('falls back to /tmp/ccmux-UID when XDG_RUNTIME_DIR is missing, empty or relative', () => {
    expect(socketDir({}, 1000)).toBe('/tmp/ccmux-1000');
    expect(socketDir({ XDG_RUNTIME_DIR: '' }, 7)).toBe('/tmp/ccmux-7');
    expect(socketDir({ XDG_RUNTIME_DIR: 'run/user' }, 7)).toBe('/tmp/ccmux-7');
  });

  it('honours an absolute CCMUX_TMPDIR for the fallback', () => {
    expect(socketDir({ CCMUX_TMPDIR: '/var/tmp' }, 5)).toBe('/var/tmp/ccmux-5');
    expect(socketDir({ CCMUX_TMPDIR: 'relative' }, 5)).toBe('/tmp/ccmux-5');
  });
});

describe('resolveSocketPath', () => {
  const env = { XDG_RUNTIME_DIR: '/run/user/1000' };

  it('is "default" in the socket dir with no choice', () => {
    expect(resolveSocketPath({}, env, 1000)).toBe('/run/user/1000/ccmux/default');
  });

  it('names the socket by -L', () => {
    expect(resolveSocketPath({ label: 'work' }, env, 1000)).toBe('/run/user/1000/ccmux/work');
  });

  it('takes -S as given, made absolute', () => {
    expect(resolveSocketPath({ socketPath: '/tmp/s' }, env, 1000)).toBe('/tmp/s');
    expect(resolveSocketPath({ socketPath: 'rel/s' }, env, 1000)).toBe(path.resolve('rel/s'));
    expect(resolveSocketPath({ socketPath: '/tmp/s', label: 'x' }, { ...env, CCMUX: '/o,1' }, 1000)).toBe('/tmp/s');
  });

  it('inside a pane, follows $CCMUX unless -L names another server', () => {
    const inPane = { ...env, CCMUX: '/run/user/1000/ccmux/other,4242' };
    expect(resolveSocketPath({}, inPane, 1000)).toBe('/run/user/1000/ccmux/other');
    expect(resolveSocketPath({ label: 'work' }, inPane, 1000)).toBe('/run/user/1000/ccmux/work');
  });

  it('ignores a $CCMUX whose socket is not an absolute path', () => {
    expect(resolveSocketPath({}, { ...env, CCMUX: 'relative,1' }, 1000)).toBe('/run/user/1000/ccmux/default');
    expect(resolveSocketPath({}, { ...env, CCMUX: ',1' }, 1000)).toBe('/run/user/1000/ccmux/default');
  });
});

describe('stateDir', () => {
  it('uses an absolute $XDG_STATE_HOME, else ~/.local/state', () => {
    expect(stateDir({ XDG_STATE_HOME: '/x/state' }, '/home/u')).toBe('/x/state/ccmux');
    expect(stateDir({}, '/home/u')).toBe('/home/u/.local/state/ccmux');
    expect(stateDir({ XDG_STATE_HOME: 'rel' }, '/home/u')).toBe('/home/u/.local/state/ccmux');
  });
});

describe('validateLabel', () => {
  it.each(['default', 'work', 'ccmux-test-123', 'a.b', 'x'.repeat(64), 'ünï'])('accepts %j', (label) => {
    expect(validateLabel(label)).toBeNull();
  });

  it.each([
    ['', /must not be empty/],
    ['.', /plain name/],
    ['..', /plain name/],
    ['../x', /plain name/],
    ['a/b', /plain name/],
    ['a\\b', /plain name/],
    ['tab\there', /control characters/],
    ['nul\x00', /control characters/],
    ['x'.repeat(65), /longer than 64/],
  ])('refuses %j', (label, why) => {
    expect(validateLabel(label)).toMatch(why);
  });
});

describe('serverFileStem', () => {
  it('is the socket’s base name made file-safe', () => {
    expect(serverFileStem('/run/ccmux/default')).toBe('default');
    expect(serverFileStem('/tmp/my sock:1')).toBe('my_sock_1');
  });
});

describe('ensurePrivateDir', () => {
  let tmp: string;
  const uid = process.getuid!();
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmux-paths-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates a missing dir (and parents) with mode 0700', () => {
    const dir = path.join(tmp, 'a', 'b', 'ccmux');
    ensurePrivateDir(dir, uid);
    const st = fs.statSync(dir);
    expect(st.isDirectory()).toBe(true);
    expect(st.mode & 0o777).toBe(0o700);
  });

  it('accepts an existing private dir, and is idempotent', () => {
    const dir = path.join(tmp, 'ok');
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    ensurePrivateDir(dir, uid);
    ensurePrivateDir(dir, uid);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it.each([0o777, 0o770, 0o755, 0o701])('refuses a dir with mode %s, naming the dir and the mode', (mode) => {
    const dir = path.join(tmp, 'open');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, mode);
    let err: unknown;
    try {
      ensurePrivateDir(dir, uid);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsafeDirError);
    const msg = (err as Error).message;
    expect(msg).toContain(dir);
    expect(msg).toContain(`mode 0${mode.toString(8)}`);
    expect(msg).toContain(`chmod 700 ${dir}`);
    expect(fs.statSync(dir).mode & 0o777).toBe(mode); // not "fixed" behind the user's back
  });

  it('refuses a symlink to a private dir', () => {
    const real = path.join(tmp, 'real');
    fs.mkdirSync(real, { mode: 0o700 });
    const link = path.join(tmp, 'link');
    fs.symlinkSync(real, link);
    expect(() => ensurePrivateDir(link, uid)).toThrow(UnsafeDirError);
    expect(() => ensurePrivateDir(link, uid)).toThrow(/symlink/);
  });

  it('refuses a file in the dir’s place', () => {
    const file = path.join(tmp, 'file');
    fs.writeFileSync(file, '');
    expect(() => ensurePrivateDir(file, uid)).toThrow();
  });

  it('refuses a dir owned by someone else', () => {
    const dir = path.join(tmp, 'theirs');
    fs.mkdirSync(dir, { mode: 0o700 });
    expect(() => ensurePrivateDir(dir, uid + 1)).toThrow(UnsafeDirError);
    expect(() => ensurePrivateDir(dir, uid + 1)).toThrow(new RegExp(`owned by uid ${uid}, not by you \\(uid ${uid + 1}\\)`));
  });
});
