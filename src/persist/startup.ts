/*
 * What persistence does when a server starts: remove the temp files of killed writers;
 * read its checkpoint (a damaged one is kept aside); restore it at once if
 * the last server ended uncleanly (crash, kill -9, SIGTERM at reboot) — a clean
 * kill-server waits for `ccmux restore`; then keep the checkpoint current from here on.
 * Once the server listens (sweepAfterStart, off the path to the first pane): sweep
 * orphaned pane dirs (or list them, by config) and trim the transcript archive.
 * Whatever the user should know is logged and shown to the first client that attaches.
 */
import type { Server } from '../server/server.js';
import { CheckpointStore } from './store.js';
import { Persistence } from './persistence.js';
import { restoreServer } from './restore.js';
import { dirOwners, serversDir, sweepOrphans } from './orphans.js';
import { pruneArchive } from './retention.js';
import { sweepStaleTemps } from './temp-sweep.js';
import { TRANSCRIPTS_DIR } from '../claude/transcripts.js';
import path from 'node:path';

const stores = new WeakMap<Server, CheckpointStore>();

/** Where the server's checkpoint lives (`ccmux restore`, doctor); undefined without persistence. */
export function checkpointStoreOf(server: Server): CheckpointStore | undefined {
  return stores.get(server);
}

export async function startPersistence(server: Server, name: string): Promise<void> {
  const store = new CheckpointStore(serversDir(server.opts.stateDir), name);
  stores.set(server, store);
  // Dirs a checkpoint of any server sharing this state dir names are restorable: doctor
  // must not call them orphans.
  server.dirKeepers.push(() => dirOwners(server).keys());
  const persistence = new Persistence(server, store);
  const notices: string[] = [];
  const temps = sweepStaleTemps([store.dir, path.join(server.opts.stateDir, TRANSCRIPTS_DIR), server.opts.stateDir]);
  if (temps.length) server.log.info({ removed: temps }, 'removed temp files of writers that were killed');
  const { checkpoint, notice, newer } = store.read();
  if (notice) notices.push(notice);
  if (newer) persistence.disabled = true;
  if (checkpoint?.clean && checkpoint.body.sessions.length > 0) {
    const added = store.setAside();
    server.log.info({ saved: store.saved, ...(added.length ? { addedToOlder: added } : {}) }, 'clean checkpoint kept for ccmux restore');
  } else if (checkpoint && !checkpoint.clean && checkpoint.body.sessions.length > 0) {
    // The server's own environment (main.ts scrubs what a ccmux pane was given from it).
    const env = server.opts.env ?? Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
    try {
      const report = await restoreServer(server, checkpoint.body, env);
      notices.push(`restored ${report.sessions.length} session(s) (${report.panes} panes) from ${checkpoint.savedAt}` + (report.notes.length ? `; ${report.notes.length} note(s) in the log` : ''));
      server.log.info({ report }, 'restored after an unclean end');
    } catch (err) {
      server.log.error({ err }, 'restore failed');
      notices.push(`restore failed: ${(err as Error).message}`);
    }
  }
  server.persistence = persistence;
  if (!persistence.disabled) persistence.write(false);
  if (notices.length) {
    server.startupNotice = notices.join('; ');
    for (const n of notices) server.log.warn({ notice: n }, 'start-up notice');
  }
}

/**
 * The start-up chores that need not hold up the first pane (issue 18): sweep orphaned
 * pane dirs (or list them, by config) and trim the transcript archive. The server runs
 * it once it listens and its first client has had time for its first frame. A pane
 * being prepared meanwhile is safe: a dir younger than MIN_ORPHAN_AGE_MS is never swept.
 * Ends with the log line 'start-up sweep done'.
 */
export async function sweepAfterStart(server: Server): Promise<void> {
  const iso = server.claude.isolation;
  try {
    const swept = await sweepOrphans(server, { dryRun: iso.orphans === 'list' });
    if (swept.removed.length) server.log.info({ removed: swept.removed }, 'removed orphaned pane dirs');
    if (swept.left.length) server.log.info({ orphans: swept.left }, 'orphaned pane dirs left in place');
    for (const e of swept.errors) server.log.warn({ error: e }, 'orphan removal failed');
    pruneArchive(server.opts.stateDir, { days: iso.transcript_retention_days, maxMb: iso.transcript_max_mb });
  } catch (err) {
    server.log.error({ err }, 'orphan sweep failed');
  }
  server.log.info('start-up sweep done');
}
