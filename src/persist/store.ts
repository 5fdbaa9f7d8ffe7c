/*
 * The checkpoint on disk: `<state>/servers/<name>.json`, with the previous good one kept
 * as `<name>.prev.json`. Writes are atomic (temp file, fsync, rename, fsync of the dir),
 * so a power loss leaves either the old or the new file, never half of one — and should a
 * file be damaged anyway (disk, hand edit), reading falls back to the previous one and
 * says so. A checkpoint written by a newer ccmux is never overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, type Checkpoint, type CheckpointBody } from './checkpoint.js';

export interface ReadResult {
  checkpoint?: Checkpoint;
  /** What the user should be told (fallback used, newer version, damage). */
  notice?: string;
  /** True when the file belongs to a newer ccmux: do not write over it. */
  newer?: boolean;
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

  /** Keep the current (clean) checkpoint aside for `ccmux restore`, before new work overwrites it. */
  setAside(): void {
    fs.renameSync(this.file, this.saved);
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
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const text = encodeCheckpoint(body, version, clean);
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

  /** Read the checkpoint, falling back to the previous one when it is damaged. */
  read(): ReadResult {
    let first: CheckpointError | undefined;
    for (const file of [this.file, this.prev]) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      try {
        const checkpoint = decodeCheckpoint(text);
        if (first) return { checkpoint, notice: `checkpoint ${this.file} is damaged (${first.message}); using the previous one from ${checkpoint.savedAt}` };
        return { checkpoint };
      } catch (err) {
        if (!(err instanceof CheckpointError)) throw err;
        if (err.kind === 'newer') return { newer: true, notice: `checkpoint ${file} was ${err.message}; it is left as it is and this server keeps no checkpoint` };
        first ??= err;
      }
    }
    if (first) return { notice: `checkpoint ${this.file} is damaged (${first.message}) and there is no good previous one; nothing restored` };
    return {};
  }

  /** Every server's checkpoint in the dir (for orphan detection across servers). */
  static readAll(dir: string): Checkpoint[] {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return [];
    }
    const out: Checkpoint[] = [];
    for (const n of names) {
      if (!n.endsWith('.json')) continue;
      try {
        out.push(decodeCheckpoint(fs.readFileSync(path.join(dir, n), 'utf8')));
      } catch {
        /* damaged or newer: its dirs are not known, the age rule protects them */
      }
    }
    return out;
  }
}
