/*
 * The checkpoint on disk: `<state>/servers/<name>.json`, with the previous good one kept
 * as `<name>.prev.json`. Writes are atomic (temp file, fsync, rename, fsync of the dir),
 * so a power loss leaves either the old or the new file, never half of one. What is about
 * to be written is read back first: a checkpoint that would not be readable never replaces
 * a good one. Should a file be damaged anyway (disk, hand edit), reading falls back to the
 * previous one, and the damaged file is kept aside as `<name>.damaged-<time>.json`, never
 * overwritten; every UUID in it keeps the pane dir of that name from being swept
 * (`namedIn`). A checkpoint written by a newer ccmux is never overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, type Checkpoint, type CheckpointBody } from './checkpoint.js';
import { makeDirs } from '../core/paths.js';
import { mayBeWriter } from '../core/pid-alive.js';

const DAMAGED = /\.damaged-[0-9TZ-]+\.json$/;
const ANY_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function keptAs(aside: string | undefined): string {
  return aside ? `it is kept as ${aside}` : 'it could not be moved aside and is left as it is';
}

export interface ReadResult {
  checkpoint?: Checkpoint;
  /** What the user should be told (fallback used, newer version, damage). */
  notice?: string;
  /** True when the file belongs to a newer ccmux: do not write over it. */
  newer?: boolean;
  /** Where the damaged checkpoint was kept aside. */
  damaged?: string;
}

export class CheckpointStore {
  readonly file: string;
  readonly prev: string;
  /** The state at the last clean kill-server, kept for `ccmux restore`. */
  readonly saved: string;

  constructor(readonly dir: string, name: string) {
    this.file = path.join(dir, `${name}.json`);
    this.prev = path.join(dir, `${name}.prev.json`);
    this.saved = path.join(dir, `${name}.saved.json`);
  }

  /**
   * Keep the current (clean) checkpoint aside for `ccmux restore`, before new work
   * overwrites it. A set-aside checkpoint nobody has restored yet is not replaced: the
   * current one's sessions are added to it (by name; the older one's win), so `kill-server`,
   * `new -d`, `kill-server`, `new -d` still restores the layout from before the first
   * kill-server. Returns the names of the sessions added to an older one.
   */
  setAside(): string[] {
    const older = this.readSaved();
    if (!older) {
      fs.renameSync(this.file, this.saved);
      return [];
    }
    const current = decodeCheckpoint(fs.readFileSync(this.file, 'utf8'));
    const names = new Set(older.body.sessions.map((x) => x.name));
    const added = current.body.sessions.filter((x) => !names.has(x.name));
    const text = encodeCheckpoint({ sessions: [...older.body.sessions, ...added] }, current.ccmux, true);
    decodeCheckpoint(text);
    const tmp = `${this.saved}.tmp.${process.pid}`;
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, this.saved);
    fs.rmSync(this.file, { force: true });
    return added.map((x) => x.name);
  }

  /** The set-aside checkpoint, if any (undefined when absent or unreadable). */
  readSaved(): Checkpoint | undefined {
    try {
      return decodeCheckpoint(fs.readFileSync(this.saved, 'utf8'));
    } catch {
      return undefined;
    }
  }

  discardSaved(): void {
    fs.rmSync(this.saved, { force: true });
  }

  /** Write atomically; the file being replaced becomes the previous checkpoint. */
  write(body: CheckpointBody, version: string, clean: boolean): void {
    makeDirs(this.dir);
    const text = encodeCheckpoint(body, version, clean);
    // Never let a checkpoint that cannot be read back replace one that can.
    decodeCheckpoint(text);
    const tmp = `${this.file}.tmp.${process.pid}`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.existsSync(this.file) && this.isGood(this.file)) fs.renameSync(this.file, this.prev);
    fs.renameSync(tmp, this.file);
    const dfd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  }

  private isGood(file: string): boolean {
    try {
      decodeCheckpoint(fs.readFileSync(file, 'utf8'));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Read the checkpoint, falling back to the previous one when it is damaged. A damaged
   * file is moved aside (`<name>.damaged-<time>.json`) so that nothing overwrites it.
   */
  read(now = new Date()): ReadResult {
    let first: CheckpointError | undefined;
    let aside: string | undefined;
    for (const file of [this.file, this.prev]) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      try {
        const checkpoint = decodeCheckpoint(text);
        if (first) {
          return { checkpoint, damaged: aside, notice: `checkpoint ${this.file} is damaged (${first.message}); ${keptAs(aside)}; using the previous one from ${checkpoint.savedAt}` };
        }
        return { checkpoint };
      } catch (err) {
        if (!(err instanceof CheckpointError)) throw err;
        if (err.kind === 'newer') return { newer: true, notice: `checkpoint ${file} was ${err.message}; it is left as it is and this server keeps no checkpoint` };
        if (!first) {
          first = err;
          aside = this.setDamagedAside(file, now);
        }
      }
    }
    if (first) return { damaged: aside, notice: `checkpoint ${this.file} is damaged (${first.message}); ${keptAs(aside)}; there is no good previous one, nothing restored` };
    return {};
  }

  /** Move a damaged checkpoint out of the way of new writes; its path, or undefined if it could not be moved. */
  private setDamagedAside(file: string, now: Date): string | undefined {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const base = path.basename(this.file, '.json');
    for (let n = 0; n < 100; n++) {
      const to = path.join(this.dir, `${base}.damaged-${stamp}${n ? `-${n}` : ''}.json`);
      if (fs.existsSync(to)) continue;
      try {
        fs.renameSync(file, to);
        return to;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** Checkpoints kept aside as damaged in `dir` (for doctor). */
  static damagedFiles(dir: string): string[] {
    try {
      return fs
        .readdirSync(dir)
        .filter((n) => DAMAGED.test(n))
        .sort()
        .map((n) => path.join(dir, n));
    } catch {
      return [];
    }
  }

  /**
   * Every server's checkpoint in the dir (for orphan detection across servers), and every
   * UUID found in the text of those that cannot be read (damaged, newer, half-written
   * temp files): a pane dir named by one of those is not an orphan either. A temp file
   * whose writer is gone (killed before its rename) is passed over: no server restores
   * from it, so the dirs only it names are orphans. A `<name>.prev.json` counts only when
   * `<name>.json` is missing or bad — what `read` falls back to; beside a good one it is
   * just the state one change ago, and would keep a pane closed a moment ago "restorable".
   */
  static readAll(dir: string): { checkpoints: Checkpoint[]; namedIn: Set<string> } {
    const out = { checkpoints: [] as Checkpoint[], namedIn: new Set<string>() };
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return out;
    }
    // Each file read and decoded once; which .prev.json files count is decided after.
    const read = new Map<string, { checkpoint?: Checkpoint; text: string }>();
    for (const n of names) {
      const temp = /\.json\.tmp\.(\d+)$/.exec(n);
      if (!n.endsWith('.json') && !temp) continue;
      let text: string;
      try {
        // A temp file whose writer is gone is never renamed into place: nothing restores from it.
        if (temp && !mayBeWriter(Number(temp[1]), fs.statSync(path.join(dir, n)).mtimeMs)) continue;
        text = fs.readFileSync(path.join(dir, n), 'utf8');
      } catch {
        continue;
      }
      try {
        read.set(n, { checkpoint: decodeCheckpoint(text), text });
      } catch {
        read.set(n, { text });
      }
    }
    for (const [n, { checkpoint, text }] of read) {
      // <name>.prev.json beside a good <name>.json is the state one change ago: skipped.
      if (n.endsWith('.prev.json') && read.get(`${n.slice(0, -'.prev.json'.length)}.json`)?.checkpoint) continue;
      if (checkpoint) out.checkpoints.push(checkpoint);
      else for (const m of text.matchAll(ANY_UUID)) out.namedIn.add(m[0].toLowerCase());
    }
    return out;
  }
}
