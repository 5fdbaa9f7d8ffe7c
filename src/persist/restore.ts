/*
 * Rebuilding sessions from a checkpoint: the same sessions, windows, layouts and sizes;
 * shell panes start a shell in their old directory; a pane that ran another program
 * gets a shell there too, with a note of what it ran (re-running arbitrary commands
 * after a crash is not safe); Claude panes start `claude --resume <id>` in the same
 * isolated dir and the same cwd — or, when the transcript is gone, a fresh session, and
 * the pane says so. A Claude pane that ran in a git worktree comes back in the same
 * worktree, locked again; when that worktree was deleted meanwhile, the pane is a shell
 * in the repository saying so (a worktree is never silently made again). An agent team's
 * teammate pane is a shell saying whose it was: Claude Code starts no teammate again when
 * its lead resumes (ADR teammate-panes). Windows linked into several sessions are linked
 * again once every session's own windows are built, and the sessions of a group join it
 * again. A session whose name is taken by a live one is skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Server } from '../server/server.js';
import type { PreparedSpawn, SpawnRequest } from '../server/spawn.js';
import type { Pane } from '../server/pane.js';
import type { Session } from '../server/window.js';
import { projectsDirOf } from '../claude/transcripts.js';
import type { CheckpointBody, ClaudeRecord } from './checkpoint.js';

export interface RestoreReport {
  sessions: string[];
  panes: number;
  notes: string[];
}

/** Does the pane's dir still hold the transcript of `id`? */
export function transcriptExists(rec: ClaudeRecord): boolean {
  const projects = rec.dir ? projectsDirOf(rec.dir, rec.method) : undefined;
  if (!projects) return false;
  let dirs: string[];
  try {
    dirs = fs.readdirSync(projects);
  } catch {
    return false;
  }
  return dirs.some((d) => {
    try {
      return fs.lstatSync(path.join(projects, d, `${rec.sessionId}.jsonl`)).isFile();
    } catch {
      return false;
    }
  });
}

export async function restoreServer(server: Server, body: CheckpointBody, env: Record<string, string>): Promise<RestoreReport> {
  const report: RestoreReport = { sessions: [], panes: 0, notes: [] };
  const built: Array<{ srec: (typeof body.sessions)[number]; session: Session }> = [];
  for (const srec of body.sessions) {
    if (server.model.findSession(srec.name)) {
      report.notes.push(`session ${srec.name} exists already; not restored`);
      continue;
    }
    const session = server.model.addEmptySession(srec.name);
    if (srec.path !== undefined) session.path = srec.path;
    built.push({ srec, session });
    for (const wrec of srec.windows) {
      const panes: Array<{ oldId: number; req: SpawnRequest; started: (p: Pane) => void; abandon(): Promise<void> }> = [];
      for (const prec of wrec.panes) {
        let req: SpawnRequest = { cwd: prec.cwd, env };
        let note: string | undefined;
        if (prec.claude) {
          const c = prec.claude;
          const resume = transcriptExists(c);
          if (!resume) note = `ccmux: the conversation ${c.sessionId} was not found in this pane's dir; starting a new Claude session.`;
          const claude = {
            profile: c.profile && server.claude.profiles[c.profile] ? c.profile : undefined,
            method: c.method,
            paneUuid: c.uuid,
            session: resume ? { kind: 'resume' as const, id: c.sessionId } : { kind: 'new' as const, id: crypto.randomUUID() },
          };
          // A pane in a worktree comes back in it, or not at all (a deleted one is not made again).
          req = { cwd: c.cwd, env, asks: { claude, ...(c.worktree ? { worktree: { kind: 'existing' as const, path: c.worktree.path } } : {}) } };
        } else if (prec.teammate) {
          // Claude Code does not start a team's teammates again when its lead resumes
          // (2.1.197 makes a new team): a shell, and the lead places new ones (ADR teammate-panes).
          const who = prec.teammate.name ? `the agent-team teammate ${prec.teammate.name}${prec.teammate.team ? ` of ${prec.teammate.team}` : ''}` : 'an agent-team teammate';
          note = `ccmux: before the restore this pane ran ${who}; Claude Code does not start teammates again when their lead resumes: ask the lead for new ones.`;
        } else if (prec.command) {
          note = `ccmux: before the restore this pane ran: ${prec.command.join(' ')}`;
        }
        let prepared: PreparedSpawn;
        try {
          prepared = await server.prepareSpawn(req);
          if (prepared.failure) report.notes.push(`${srec.name}:${wrec.index}: ${prepared.failure}`);
        } catch (err) {
          note = `ccmux: could not restore the Claude pane (${(err as Error).message}); here is a shell instead.`;
          const cwd = prec.claude?.worktree && !fs.existsSync(req.cwd) ? prec.claude.worktree.repo : req.cwd;
          prepared = { request: { cwd, env }, started: () => {}, abandon: async () => {} };
        }
        const title = prec.title;
        panes.push({
          oldId: prec.id,
          req: prepared.request,
          started: (p) => {
            prepared.started(p);
            if (title) p.title = title;
            if (note) p.print(`\x1b[33m${note}\x1b[0m\r\n`);
          },
          abandon: prepared.abandon,
        });
        if (note) report.notes.push(`${srec.name}:${wrec.index}: ${note.replace(/^ccmux: /, '')}`);
      }
      try {
        server.model.buildWindow(session, wrec, panes);
        report.panes += panes.length;
      } catch (err) {
        for (const p of panes) await p.abandon();
        report.notes.push(`${srec.name}:${wrec.index}: not restored: ${(err as Error).message}`);
      }
    }
  }
  // Then the windows linked into several sessions, the groups, and each session's current window.
  const mine = new Map(built.map((b) => [b.srec.name, b.session]));
  for (const { srec, session } of built) {
    for (const l of srec.links ?? []) {
      const w = mine.get(l.session)?.findIndex(l.window);
      if (!w) {
        report.notes.push(`${srec.name}:${l.index}: not restored: the window ${l.session}:${l.window} it was linked to is not`);
        continue;
      }
      server.model.restoreLink(w, session, l.index);
    }
    if (srec.group !== undefined && session.windows.length > 0) server.model.joinGroup(session, srec.group);
  }
  for (const { srec, session } of built) {
    if (session.windows.length > 0) {
      // Before the session is reported (sessionBuilt), so its first checkpoint is right.
      session.current = session.findIndex(srec.current) ?? session.sorted()[0]!;
      session.last = srec.last !== undefined ? session.findIndex(srec.last) : undefined;
      report.sessions.push(srec.name);
    }
    server.model.sessionBuilt(session);
  }
  return report;
}
