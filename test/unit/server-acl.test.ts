/*
 * The access list server-access edits (server/server-acl.ts), and the passwd lines user
 * lookups read (server/user-lookup.ts).
 */
import { describe, expect, it } from 'vitest';
import { ServerAcl } from '../../src/server/server-acl.js';
import { parsePasswdLine, userByName, userByUid } from '../../src/server/user-lookup.js';

describe('ServerAcl', () => {
  it('lets in the owner and root with write access, nobody else, and never changes them', () => {
    const acl = new ServerAcl(1000);
    expect([acl.access(1000), acl.access(0), acl.access(1001)]).toEqual(['write', 'write', 'none']);
    acl.deny(1000);
    acl.deny(0);
    acl.setReadOnly(1000, true);
    acl.setReadOnly(0, true);
    expect([acl.access(1000), acl.access(0)]).toEqual(['write', 'write']);
    expect(acl.isFixed(0) && acl.isFixed(1000) && !acl.isFixed(1001)).toBe(true);
    expect(acl.entries()).toEqual([{ uid: 1000, readOnly: false }]); // root is not listed, as tmux
  });

  it('adds users writable, makes them read-only and back, keeps the flag when added again, and takes them off', () => {
    const acl = new ServerAcl(0);
    acl.setReadOnly(5, true); // not there: nothing
    expect(acl.has(5)).toBe(false);
    acl.allow(7, 'seven');
    acl.allow(5, 'five');
    expect(acl.access(7)).toBe('write');
    acl.setReadOnly(7, true);
    acl.allow(7);
    expect(acl.access(7)).toBe('read-only');
    expect(acl.entries()).toEqual([{ uid: 5, readOnly: false }, { uid: 7, readOnly: true }]);
    expect(acl.nameOf(7)).toBe('seven');
    acl.setReadOnly(7, false);
    expect(acl.access(7)).toBe('write');
    acl.deny(7);
    expect([acl.access(7), acl.has(7)]).toEqual(['none', false]);
  });
});

describe('user lookup', () => {
  it('reads name and uid from a passwd line, and nothing from a malformed one', () => {
    expect(parsePasswdLine('nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin')).toEqual({ name: 'nobody', uid: 65534 });
    for (const bad of ['', 'x', ':x:1:1::/:/bin/sh', 'a:x:one:1::/:/bin/sh', '# comment']) expect(parsePasswdLine(bad), bad).toBeUndefined();
  });

  it('finds root by name and uid; a name of digits is a name, not a uid; bad names find no one', async () => {
    expect(await userByName('root')).toEqual({ name: 'root', uid: 0 });
    expect(await userByUid(0)).toEqual({ name: 'root', uid: 0 });
    expect(await userByName('0')).toBeUndefined();
    for (const bad of ['', 'a:b', 'no-such-user-here', 'x\nroot']) expect(await userByName(bad), bad).toBeUndefined();
  });
});
