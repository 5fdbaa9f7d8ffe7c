/*
 * Keeping a closed pane's conversations: before its dir is removed, its transcripts
 * (`projects/<encoded cwd>/<session>.jsonl`, under `.claude/` for a `home` pane) move to
 * `<state>/transcripts/<session>.jsonl`, and one line per transcript is appended to
 * `<state>/transcripts/index.jsonl`: session id, file, cwd, profile, closing time and the
 * first prompt the user typed. Symlinks are never followed and an archived transcript is
 * never overwritten (a second one for the same session gets a `.<ms>` suffix).
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { IsolationMethod } from '../config/claude-settings.js';

/** One line of `<state>/transcripts/index.jsonl`. */
export interface TranscriptIndexEntry {
  sessionId: string;
  /** File name inside `<state>/transcripts/`. */
  file: string;
  cwd: string;
  profile?: string;
  /** ISO 8601. */
  closedAt: string;
  firstPrompt?: string;
}

export interface ArchiveMeta {
  cwd: string;
  profile?: string;
  closedAt?: Date;
}

export const TRANSCRIPTS_DIR = 'transcripts';
export const INDEX_FILE = 'index.jsonl';
/** Index entries stay one short line: the first prompt is cut to this many characters. */
const FIRST_PROMPT_MAX = 200;

/** The dir holding a pane's transcripts, or undefined when it is not the pane's own (method none). */
export function projectsDirOf(paneDir: string, method: IsolationMethod): string | undefined {
  if (method === 'none') return undefined;
  return method === 'home' ? path.join(paneDir, '.claude', 'projects') : path.join(paneDir, 'projects');
}

async function findTranscripts(dir: string, wanted: (id: string) => boolean, out: string[]): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = path.join(dir, name);
    const st = await fs.lstat(p);
    if (st.isDirectory()) await findTranscripts(p, wanted, out);
    else if (st.isFile() && name.endsWith('.jsonl') && wanted(name.slice(0, -'.jsonl'.length))) out.push(p);
  }
}

function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter((c): c is { type: string; text: string } => c?.type === 'text' && typeof c.text === 'string')
    .map((c) => c.text);
  return texts.length ? texts.join('\n') : undefined;
}

/** The first prompt the user typed in a transcript (meta, tool-result and slash-command entries skipped). */
export async function firstUserPrompt(file: string): Promise<string | undefined> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      let entry: { type?: unknown; isMeta?: unknown; message?: { role?: unknown; content?: unknown } };
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (entry?.type !== 'user' || entry.isMeta === true) continue;
      const text = textOf(entry.message?.content)?.trim();
      // What claude records for a slash command (/clear starts a session with one) and its
      // output is not something the user asked.
      if (text && /^<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat)>/.test(text)) continue;
      if (text) return text.length > FIRST_PROMPT_MAX ? `${text.slice(0, FIRST_PROMPT_MAX)}…` : text;
    }
  } finally {
    lines.close();
  }
  return undefined;
}

/**
 * Move a transcript into the archive, private (0600). A file with more than one link is
 * shared with something outside the pane dir: it is copied and only our link removed, so
 * the archive's chmod never reaches the other file (issue 13.13).
 */
async function moveFile(from: string, to: string): Promise<void> {
  const st = await fs.lstat(from);
  if (st.nlink > 1) {
    await copyPrivate(from, to);
    await fs.unlink(from);
    return;
  }
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyPrivate(from, to);
    await fs.unlink(from);
    return;
  }
  await fs.chmod(to, 0o600);
}

async function copyPrivate(from: string, to: string): Promise<void> {
  await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  await fs.chmod(to, 0o600); // the copy is a new file of our own
}

async function freeName(dir: string, sessionId: string, closedAt: Date): Promise<string> {
  const plain = `${sessionId}.jsonl`;
  for (let n = 0; ; n++) {
    const name = n === 0 ? plain : `${sessionId}.${closedAt.getTime() + n - 1}.jsonl`;
    try {
      await fs.lstat(path.join(dir, name));
    } catch {
      return name;
    }
  }
}

/**
 * Move the transcripts of `sessionIds` ('all': every transcript) out of the pane dir into
 * `<stateDir>/transcripts/` and index them. Returns the index entries written.
 */
export async function archiveTranscripts(
  paneDir: string,
  method: IsolationMethod,
  sessionIds: readonly string[] | 'all',
  stateDir: string,
  meta: ArchiveMeta,
): Promise<TranscriptIndexEntry[]> {
  const projects = projectsDirOf(paneDir, method);
  if (!projects) return [];
  const wanted = sessionIds === 'all' ? () => true : (id: string) => sessionIds.includes(id);
  const found: string[] = [];
  await findTranscripts(projects, wanted, found);
  if (found.length === 0) return [];

  const archive = path.join(stateDir, TRANSCRIPTS_DIR);
  await fs.mkdir(archive, { recursive: true, mode: 0o700 });
  const closedAt = meta.closedAt ?? new Date();
  const entries: TranscriptIndexEntry[] = [];
  for (const file of found) {
    const sessionId = path.basename(file, '.jsonl');
    const firstPrompt = await firstUserPrompt(file);
    const name = await freeName(archive, sessionId, closedAt);
    await moveFile(file, path.join(archive, name));
    const entry: TranscriptIndexEntry = { sessionId, file: name, cwd: meta.cwd, closedAt: closedAt.toISOString() };
    if (meta.profile) entry.profile = meta.profile;
    if (firstPrompt) entry.firstPrompt = firstPrompt;
    entries.push(entry);
  }
  await fs.appendFile(
    path.join(archive, INDEX_FILE),
    entries.map((e) => `${JSON.stringify(e)}\n`).join(''),
    { mode: 0o600 },
  );
  return entries;
}
