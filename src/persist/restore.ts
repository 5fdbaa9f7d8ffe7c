/*
 * Rebuilding sessions from a checkpoint: the same sessions, windows, layouts and sizes;
 * shell panes start a shell in their old directory; a pane that ran another program
 * gets a shell there too, with a note of what it ran (re-running arbitrary commands
 * after a crash is not safe); Claude panes start `claude --resume <id>` in the same
 * isolated dir and the same cwd — or, when the transcript is gone, a fresh session, and
 * the pane says so. A session whose name is taken by a live one is skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Server, PaneRequest } from '../server/server.js';
import type { Pane } from '../server/pane.js';
import { prepareClaudeRequest } from '../claude/launch.js';
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
  for (const srec of body.sessions) {
    if (server.findSession(srec.name)) {
      report.notes.push(`session ${srec.name} exists already; not restored`);
      continue;
    }
    const session = server.addEmptySession(srec.name, env);
    for (const wrec of srec.windows) {
      const panes: Array<{ oldId: number; req: PaneRequest; prepare?: (p: Pane) => void }> = [];
      for (const prec of wrec.panes) {
        const req: PaneRequest = { cwd: prec.cwd, env };
        let prepare: ((p: Pane) => void) | undefined;
        let note: string | undefined;
        if (prec.claude) {
          const c = prec.claude;
          req.cwd = c.cwd;
          const resume = transcriptExists(c);
          if (!resume) note = `ccmux: the conversation ${c.sessionId} was not found in this pane's dir; starting a new Claude session.`;
          try {
            const mark = await prepareClaudeRequest(server, req, {
              profile: c.profile && server.claude.profiles[c.profile] ? c.profile : undefined,
              method: c.method,
              paneUuid: c.uuid,
              session: resume ? { kind: 'resume', id: c.sessionId } : { kind: 'new', id: crypto.randomUUID() },
            });
            prepare = mark;
          } catch (err) {
            note = `ccmux: could not restore the Claude pane (${(err as Error).message}); here is a shell instead.`;
            req.argv = undefined;
            req.setEnv = undefined;
            req.unsetEnv = undefined;
          }
        } else if (prec.command) {
          note = `ccmux: before the restore this pane ran: ${prec.command.join(' ')}`;
        }
        const title = prec.title;
        panes.push({
          oldId: prec.id,
          req,
          prepare: (p) => {
            prepare?.(p);
            if (title) p.title = title;
            if (note) p.print(`\x1b[33m${note}\x1b[0m\r\n`);
          },
        });
        if (note) report.notes.push(`${srec.name}:${wrec.index}: ${note.replace(/^ccmux: /, '')}`);
      }
      try {
        server.buildWindow(session, wrec, panes);
        report.panes += panes.length;
      } catch (err) {
        report.notes.push(`${srec.name}:${wrec.index}: not restored: ${(err as Error).message}`);
      }
    }
    if (session.windows.length === 0) {
      server.dropEmptySession(session);
      continue;
    }
    const cur = session.findIndex(srec.current) ?? session.sorted()[0]!;
    session.current = cur;
    session.last = srec.last !== undefined ? session.findIndex(srec.last) : undefined;
    report.sessions.push(srec.name);
  }
  server.changed();
  return report;
}
