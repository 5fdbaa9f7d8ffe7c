/*
 * Bounding the transcript archive (<state>/transcripts/): entries older than the
 * retention period go, then the oldest until the archive fits the size limit. The index
 * is rewritten atomically with the entries that remain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { INDEX_FILE, TRANSCRIPTS_DIR, type TranscriptIndexEntry } from '../claude/transcripts.js';

/** The archive's index entries, oldest first (lines that do not parse are skipped). */
export function readIndex(stateDir: string): TranscriptIndexEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(stateDir, TRANSCRIPTS_DIR, INDEX_FILE), 'utf8');
  } catch {
    return [];
  }
  const out: TranscriptIndexEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as TranscriptIndexEntry;
      if (typeof e.sessionId === 'string' && typeof e.file === 'string' && !e.file.includes('/') && !e.file.startsWith('.')) out.push(e);
    } catch {
      /* a damaged line */
    }
  }
  return out.sort((a, b) => a.closedAt.localeCompare(b.closedAt));
}

/** Apply the retention limits; returns the session ids whose transcripts were deleted. */
export function pruneArchive(stateDir: string, o: { days: number; maxMb: number; now?: number }): string[] {
  const dir = path.join(stateDir, TRANSCRIPTS_DIR);
  const entries = readIndex(stateDir);
  if (entries.length === 0) return [];
  const now = o.now ?? Date.now();
  const size = (e: TranscriptIndexEntry) => {
    try {
      return fs.lstatSync(path.join(dir, e.file)).size;
    } catch {
      return 0;
    }
  };
  const keep: TranscriptIndexEntry[] = [];
  const drop: TranscriptIndexEntry[] = [];
  for (const e of entries) {
    const age = now - Date.parse(e.closedAt);
    if (o.days > 0 && age > o.days * 86_400_000) drop.push(e);
    else keep.push(e);
  }
  if (o.maxMb > 0) {
    let total = keep.reduce((n, e) => n + size(e), 0);
    while (keep.length && total > o.maxMb * 1024 * 1024) {
      const e = keep.shift()!;
      total -= size(e);
      drop.push(e);
    }
  }
  if (drop.length === 0) return [];
  for (const e of drop) {
    try {
      fs.unlinkSync(path.join(dir, e.file));
    } catch {
      /* already gone */
    }
  }
  const tmp = path.join(dir, `${INDEX_FILE}.tmp.${process.pid}`);
  fs.writeFileSync(tmp, keep.map((e) => JSON.stringify(e) + '\n').join(''), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, INDEX_FILE));
  return drop.map((e) => e.sessionId);
}

/** Take one conversation out of the archive's index (its file is moved by the caller). */
export function dropFromIndex(stateDir: string, file: string): void {
  const dir = path.join(stateDir, TRANSCRIPTS_DIR);
  const keep = readIndex(stateDir).filter((e) => e.file !== file);
  const tmp = path.join(dir, `${INDEX_FILE}.tmp.${process.pid}`);
  fs.writeFileSync(tmp, keep.map((e) => JSON.stringify(e) + '\n').join(''), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, INDEX_FILE));
}
