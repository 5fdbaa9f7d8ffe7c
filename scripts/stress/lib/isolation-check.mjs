/*
 * The cross-talk check over Claude pane dirs: every file a pane's claude wrote must name
 * only that pane's session. For each pane (dir, method, sessionId) it verifies that
 * `.claude.json` parses and records only its own session as lastSessionId, that its
 * transcripts are its own (file name and every line's sessionId), that no file anywhere
 * in its dir (links not followed) contains a neighbour's session id, and that the fake
 * claude never found a corrupt `.claude.json`. Returns figures and a list of violations
 * (empty when isolation held).
 */
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder } from './tree.mjs';

/** Where claude keeps its state in a pane dir, by isolation method. */
export function paneFiles(dir, method) {
  const configDir = method === 'home' ? path.join(dir, '.claude') : dir;
  return { configDir, jsonPath: path.join(method === 'home' ? dir : configDir, '.claude.json') };
}

/**
 * Check `panes` ([{ id, dir, method, sessionId }]); `events`: the fake claude's log.
 * Returns { violations: string[], figures: { files, transcriptLines, stressWrites } }.
 */
export function checkIsolation(panes, events = []) {
  const violations = [];
  const figures = { files: 0, transcriptLines: 0, stressWrites: 0, panes: panes.length };
  const ids = panes.map((p) => p.sessionId);
  if (new Set(ids).size !== ids.length) violations.push(`two panes share a session id: ${ids.join(' ')}`);
  const dirs = panes.map((p) => p.dir);
  if (new Set(dirs).size !== dirs.length) violations.push(`two panes share a dir: ${dirs.join(' ')}`);
  for (const p of panes) {
    const others = ids.filter((x) => x !== p.sessionId);
    const { configDir, jsonPath } = paneFiles(p.dir, p.method);
    let json;
    try {
      json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
    } catch (err) {
      violations.push(`${p.id}: ${jsonPath} is not valid JSON (${err.code ?? err.message})`);
    }
    if (json) {
      figures.stressWrites += json.fakeStressWrites ?? 0;
      for (const [proj, entry] of Object.entries(json.projects ?? {})) {
        if (entry && entry.lastSessionId !== undefined && entry.lastSessionId !== p.sessionId) {
          violations.push(`${p.id}: .claude.json projects[${proj}].lastSessionId is ${entry.lastSessionId}, not ${p.sessionId}`);
        }
      }
    }
    const projects = path.join(configDir, 'projects');
    for (const f of filesUnder(projects).filter((f) => f.endsWith('.jsonl'))) {
      const name = path.basename(f, '.jsonl');
      if (name !== p.sessionId) violations.push(`${p.id}: a foreign transcript ${f}`);
      for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
        if (!line) continue;
        figures.transcriptLines++;
        let entry;
        try {
          entry = JSON.parse(line);
        } catch {
          violations.push(`${p.id}: a torn transcript line in ${f}: ${line.slice(0, 80)}`);
          continue;
        }
        if (entry.sessionId !== p.sessionId) violations.push(`${p.id}: ${f} has an entry of session ${entry.sessionId}`);
      }
    }
    for (const f of filesUnder(p.dir)) {
      figures.files++;
      if (/\.claude\.json\.corrupted\./.test(path.basename(f))) violations.push(`${p.id}: claude found a corrupt .claude.json (${f})`);
      let text;
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue; // removed meanwhile (a temp file)
      }
      for (const o of others) if (text.includes(o)) violations.push(`${p.id}: ${f} names the session ${o} of another pane`);
    }
  }
  for (const e of events) {
    if (e.event === 'corrupt') violations.push(`fake claude (pid ${e.pid}) found a corrupt ${e.path}`);
  }
  return { violations, figures };
}

/** The Claude panes of a `list-panes -a --json` result, as checkIsolation wants them. */
export function claudePanesOf(list) {
  return list.filter((p) => p.claude && p.claude.dir).map((p) => ({ id: p.id, pid: p.pid, dir: p.claude.dir, method: p.claude.method, sessionId: p.claude.sessionId }));
}
