/*
 * Who may use the server (tmux 3.3's server-acl.c): a list of uids, each with write access
 * or read-only. The server's owner and root are on it from the start and cannot be
 * changed; `server-access -a/-d/-r/-w` changes the others. A connecting peer whose uid is
 * not on it is refused ("access not allowed"); a read-only one's clients run only the
 * commands marked readOnly (attach, detach, list-clients, switch-client, as tmux's
 * CMD_READONLY) and their keys reach no pane.
 *
 * The list says who is let in once they can reach the socket; the file system decides
 * whether they can: the socket stays 0600 in a 0700 dir until its owner opens it by hand,
 * as tmux leaves it (peer-cred.ts checks each peer of a socket that is not private).
 * Pure: names of users are looked up elsewhere (user-lookup.ts).
 */

/** What a peer of `uid` gets: nothing, read-only clients, or everything. */
export type Access = 'none' | 'read-only' | 'write';

export class ServerAcl {
  /** uid → read-only. */
  private readonly users = new Map<number, boolean>();
  /** Names of the users added by name (list-clients' #{client_user}). */
  private readonly names = new Map<number, string>();

  constructor(readonly owner: number) {
    if (owner !== 0) this.users.set(0, false);
    this.users.set(owner, false);
  }

  /** The owner and root: always let in with write access; their access cannot be changed. */
  isFixed(uid: number): boolean {
    return uid === 0 || uid === this.owner;
  }

  has(uid: number): boolean {
    return this.users.has(uid);
  }

  /** Let `uid` (named `name`) in, with write access when new; an existing entry keeps its flag. */
  allow(uid: number, name?: string): void {
    if (!this.users.has(uid)) this.users.set(uid, false);
    if (name !== undefined) this.names.set(uid, name);
  }

  /** The name `uid` was added under, if it was. */
  nameOf(uid: number): string | undefined {
    return this.names.get(uid);
  }

  /** Take `uid` off the list. */
  deny(uid: number): void {
    if (!this.isFixed(uid)) this.users.delete(uid);
  }

  /** Make `uid`'s clients read-only (true) or writable; nothing when it is not on the list. */
  setReadOnly(uid: number, readOnly: boolean): void {
    if (this.users.has(uid) && !this.isFixed(uid)) this.users.set(uid, readOnly);
  }

  /** What a peer of `uid` is let do. */
  access(uid: number): Access {
    const ro = this.users.get(uid);
    return ro === undefined ? 'none' : ro ? 'read-only' : 'write';
  }

  /** The entries `server-access -l` lists, in uid order, root left out (as tmux). */
  entries(): Array<{ uid: number; readOnly: boolean }> {
    return [...this.users].filter(([uid]) => uid !== 0).sort(([a], [b]) => a - b).map(([uid, readOnly]) => ({ uid, readOnly }));
  }
}
