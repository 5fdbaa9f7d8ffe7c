#!/usr/bin/env node
/*
 * Markdown summary of measure.mjs results: `node scripts/claude-real/report.mjs <out dir> [scenario…]`.
 * Per scenario: hook events (ms after the keypress, with their key fields), the changes of
 * `sessions/<pid>.json` status, the transcript entries written after the keypress, marks
 * (keys sent) and the scenario's own numbers.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: report.mjs <out dir> [scenario…]\n');
  process.exit(2);
}
const only = process.argv.slice(3);
const QUIET = new Set(['MessageDisplay', 'InstructionsLoaded', 'FileChanged', 'CwdChanged']);
const OWN = ['screen', 'idlePromptAfterStopMs', 'answeredAt', 'toolRanAt', 'endEvent', 'endDt', 'keyAt', 'idlePromptAfterKeyMs', 'preToolUse', 'toolRan', 'postToolUse', 'stop', 'preToToolMs', 'variant', 'seen', 'escAt', 'idlePromptDt', 'end', 'endAt', 'goneAt'];

const fmt = (x) => (typeof x === 'number' ? String(Math.round(x)) : JSON.stringify(x));
const detail = (e) =>
  ['source', 'reason', 'notification_type', 'error', 'tool_name', 'tag']
    .filter((k) => e[k] !== undefined && e[k] !== '')
    .map((k) => `${k}=${e[k]}`)
    .join(' ');

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.replace(/\.json$/, '');
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const out = [`## ${name}`, ''];
  const own = OWN.filter((k) => r[k] !== undefined).map((k) => `${k}: ${fmt(r[k])}`);
  if (own.length) out.push(own.join(' · '), '');
  out.push('| ms | hook event | fields |', '|---:|---|---|');
  for (const e of r.events.filter((e) => !QUIET.has(e.event))) out.push(`| ${Math.round(e.dt)} | ${e.event} | ${detail(e)} |`);
  out.push('');
  if (r.marks?.length) out.push(`keys: ${r.marks.map((m) => `${m.what} @${m.dt}`).join(', ')}`, '');
  const st = [];
  let prev;
  for (const s of r.sessions ?? []) {
    const v = Object.values(s.files)
      .map((f) => (f && typeof f === 'object' ? `${f.status ?? '(no status)'}${f.waitingFor ? `/${f.waitingFor}` : ''}` : 'unreadable'))
      .join(',') || '(no file)';
    if (v !== prev) st.push(`${v} @${s.dt}`);
    prev = v;
  }
  if (st.length) out.push(`sessions/<pid>.json status: ${st.join(' → ')}`, '');
  const tr = (r.transcript ?? []).filter((t) => t.dt !== undefined && t.dt >= -50).sort((a, b) => a.dt - b.dt);
  if (tr.length) {
    out.push('| ms | transcript entry (session) |', '|---:|---|');
    for (const t of tr) {
      const what = [t.type, t.subtype, t.isApiErrorMessage ? `isApiErrorMessage error=${t.error}` : '', t.isMeta ? 'meta' : '', Array.isArray(t.content) ? t.content.join(' / ') : (t.content ?? t.text ?? '')]
        .filter(Boolean)
        .join(' · ')
        .replace(/\|/g, '\\|')
        .slice(0, 200);
      out.push(`| ${t.dt} | ${what.replace(/\s*\n\s*/g, ' ')} (${t.file}) |`);
    }
    out.push('');
  }
  process.stdout.write(out.join('\n') + '\n');
}
