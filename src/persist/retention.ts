/*
 * Bounding the transcript archive (<state>/transcripts/): entries older than the
 * retention period go, then the oldest until the archive fits the size limit. The index
 * is rewritten atomically with the entries that remain. A line of the index that is not
 * a whole entry (damaged, hand-edited, written by another version) is skipped and
 * reported (issue 13.11) — and kept as it is whenever the index is rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { INDEX_FILE, TRANSCRIPTS_DIR, type TranscriptIndexEntry } from '../claude/transcripts.js';
import { UUID } from '../core/limits.js';

export interface IndexRead {
  /** Whole entries, oldest first. */
  entries: TranscriptIndexEntry[];
  /** Lines that are not: their number (from 1), text and what is wrong. */
  bad: Array<{ line: number; text: string; why: string }>;
  /** Where the index is (for messages). */
  file: string;
}

/** Why `v` is not an index entry, or undefined when it is one. */
function entryProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const e = v as Record<string, unknown>;
  if (typeof e.sessionId !== 'string' || !UUID.test(e.sessionId)) return 'no sessionId (a UUID)';
  if (typeof e.file !== 'string' || e.file === '' || e.file.includes('/') || e.file.startsWith('.')) return 'no file name, or one that is not a plain name';
  if (typeof e.cwd !== 'string') return 'no cwd';
  if (typeof e.closedAt !== 'string' || Number.isNaN(Date.parse(e.closedAt))) return 'no closedAt date';
  if (e.profile !== undefined && typeof e.profile !== 'string') return 'a profile that is not a string';
  if (e.firstPrompt !== undefined && typeof e.firstPrompt !== 'string') return 'a firstPrompt that is not a string';
  return undefined;
}

/** The archive's index: its whole entries, oldest first, and the lines that are not. */
export function readIndexFull(stateDir: string): IndexRead {
  const file = path.join(stateDir, TRANSCRIPTS_DIR, INDEX_FILE);
  const out: IndexRead = { entries: [], bad: [], file };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      out.bad.push({ line: i + 1, text: line, why: 'not valid JSON' });
      return;
    }
    const why = entryProblem(v);
    if (why) out.bad.push({ line: i + 1, text: line, why });
    else out.entries.push(v as TranscriptIndexEntry);
  });
  out.entries.sort((a, b) => a.closedAt.localeCompare(b.closedAt));
  return out;
}

/** The archive's whole index entries, oldest first (see readIndexFull for the rest). */
export function readIndex(stateDir: string): TranscriptIndexEntry[] {
  return readIndexFull(stateDir).entries;
}

/** One line per index line that was skipped, for a command's stderr. */
export function badIndexLines(r: IndexRead): string[] {
  return r.bad.map((b) => `${r.file}:${b.line}: skipped (${b.why})`);
}

/** Rewrite the index atomically: `keep`, then the lines it could not read, as they were. */
function writeIndex(stateDir: string, keep: TranscriptIndexEntry[], bad: IndexRead['bad']): void {
  const dir = path.join(stateDir, TRANSCRIPTS_DIR);
  const tmp = path.join(dir, `${INDEX_FILE}.tmp.${process.pid}`);
  fs.writeFileSync(tmp, [...keep.map((e) => JSON.stringify(e)), ...bad.map((b) => b.text)].map((l) => l + '\n').join(''), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, INDEX_FILE));
}

/** Apply the retention limits; returns the session ids whose transcripts were deleted. */
export function pruneArchive(stateDir: string, o: { days: number; maxMb: number; now?: number }): string[] {
  const dir = path.join(stateDir, TRANSCRIPTS_DIR);
  const { entries, bad } = readIndexFull(stateDir);
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
  writeIndex(stateDir, keep, bad);
  return drop.map((e) => e.sessionId);
}

/** Take one conversation out of the archive's index (its file is moved by the caller). */
export function dropFromIndex(stateDir: string, file: string): void {
  const { entries, bad } = readIndexFull(stateDir);
  writeIndex(stateDir, entries.filter((e) => e.file !== file), bad);
}
