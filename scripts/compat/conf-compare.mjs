#!/usr/bin/env node
// Compare how each tmux configuration file NNN-*.conf of a directory fares in ccmux and
// in tmux 3.3a (see README.md here): the errors of source-file, and the options and key
// bindings the file set, read back from both.
// Usage: CONF_CORPUS=DIR node scripts/compat/conf-compare.mjs [filter-substring...]
//        (results in DIR/results/; CCMUX_BIN picks another ccmux build)
// Each file, each system: fresh temp HOME + private socket dir, new-session -d -x 120 -y 30,
// source-file ~/.tmux.conf (a copy of the file), capture, read options/keys, kill-server,
// wait for the server pid to exit. Files run one at a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DIR = process.env.CONF_CORPUS || '/tmp/conf-corpus';
const RES = path.join(DIR, 'results');
const CCMUX = process.env.CCMUX_BIN || path.join(path.dirname(new URL(import.meta.url).pathname), '../../bin/ccmux.js');
const TIMEOUT = 20;
fs.mkdirSync(RES, { recursive: true });

const filters = process.argv.slice(2);
const files = fs.readdirSync(DIR).filter(f => /^\d{3}-.*\.conf$/.test(f))
  .filter(f => !filters.length || filters.some(x => f.includes(x))).sort();

function sandbox() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cmpsb.'));
  fs.mkdirSync(path.join(d, 'c'), { recursive: true });
  fs.mkdirSync(path.join(d, 's'), { recursive: true });
  return d;
}

function baseEnv(d) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(TMUX|CCMUX)/.test(k)) delete env[k];
  Object.assign(env, {
    HOME: d, TERM: 'xterm-256color', XDG_RUNTIME_DIR: d, XDG_STATE_HOME: path.join(d, 's'),
    XDG_CONFIG_HOME: path.join(d, 'c'), TMUX_TMPDIR: d, SHELL: '/bin/bash', LANG: 'C.UTF-8',
  });
  return env;
}

function runner(sys, d, sock) {
  const env = baseEnv(d);
  return (args, timeout = TIMEOUT) => {
    const cmd = sys === 'tmux' ? ['timeout', [String(timeout), 'tmux', '-L', sock, ...args]]
      : ['timeout', [String(timeout), 'node', CCMUX, '-L', sock, ...args]];
    const t0 = Date.now();
    const r = spawnSync(cmd[0], cmd[1], { env, cwd: d, encoding: 'utf8', maxBuffer: 64 << 20 });
    return { out: r.stdout ?? '', err: r.stderr ?? '', rc: r.status, sig: r.signal, ms: Date.now() - t0 };
  };
}

function sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }
function alive(pid) { try { process.kill(pid, 0); return true; } catch { return false; } }

function norm(s, d) {
  return s.split(d).join('~').replace(/cmp\d+/g, 'cmpN');
}

function session(sys, conf, n) {
  const d = sandbox();
  const sock = `cmp${n}`;
  const run = runner(sys, d, sock);
  const rec = { sys, notes: [] };
  const ns = run(['new-session', '-d', '-x', '120', '-y', '30']);
  rec.newSession = ns;
  if (ns.rc !== 0) rec.notes.push(`new-session rc=${ns.rc} ${ns.err.trim()}`);
  const p = run(['display', '-p', '#{pid}']);
  const pid = parseInt(p.out.trim(), 10);
  rec.pid = pid;
  const read = () => ({
    g: run(['show-options', '-g']).out,
    gw: run(['show-options', '-gw']).out,
    s: run(['show-options', '-s']).out,
    keys: run(['list-keys']).out,
  });
  let before = null;
  if (conf) {
    before = read();
    fs.copyFileSync(conf, path.join(d, '.tmux.conf'));
    const r = run(['source-file', path.join(d, '.tmux.conf')]);
    rec.source = { out: norm(r.out, d), err: norm(r.err, d), rc: r.rc, ms: r.ms };
    if (r.rc === 124) rec.notes.push('HANG: source-file timed out');
    sleep(1000); // let if-shell -b / run -b finish
    const m = run(['show-messages']);
    rec.messages = norm(m.out + m.err, d);
  }
  const after = read();
  rec.before = before; rec.after = after;
  const alive1 = Number.isFinite(pid) && alive(pid);
  rec.aliveAfter = alive1;
  if (Number.isFinite(pid) && !alive1) rec.notes.push('CRASH: server pid gone before kill-server');
  const k = run(['kill-server']);
  rec.kill = { rc: k.rc, err: k.err.trim() };
  if (Number.isFinite(pid)) {
    let i = 0;
    while (alive(pid) && i < 100) { sleep(100); i++; }
    if (alive(pid)) { rec.notes.push(`server ${pid} still alive 10s after kill-server; SIGTERM`); try { process.kill(pid, 'SIGTERM'); } catch {} sleep(500); }
  }
  fs.rmSync(d, { recursive: true, force: true });
  return rec;
}

// --- parsing -------------------------------------------------------------
function optMap(text) {
  const m = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const sp = line.indexOf(' ');
    const name = sp < 0 ? line : line.slice(0, sp);
    let val = sp < 0 ? '' : line.slice(sp + 1);
    if (/^".*"$/.test(val)) val = val.slice(1, -1); // quoting style may differ
    m.set(name, val);
  }
  return m;
}
function keyMap(text) {
  const m = new Map();
  for (const line of text.split('\n')) {
    const t = line.trim().replace(/\s+/g, ' ');
    if (!t) continue;
    const mm = t.match(/^bind-key ((?:-r |-N "(?:[^"\\]|\\.)*" )*)-T (\S+) (\S+) ?(.*)$/);
    if (!mm) continue;
    m.set(`${mm[2]} ${mm[3]}`, `${mm[1].includes('-r') ? '-r ' : ''}${mm[4]}`);
  }
  return m;
}
function changed(before, after) { // names whose value changed or appeared or vanished
  const s = new Set();
  for (const [k, v] of after) if (!before.has(k) || before.get(k) !== v) s.add(k);
  for (const k of before.keys()) if (!after.has(k)) s.add(k);
  return s;
}

function errLines(rec) {
  const t = (rec.source.err + '\n' + rec.source.out);
  return t.split('\n').map(l => l.trim()).filter(Boolean);
}

const summary = [];
let n = 0;
for (const f of files) {
  n++;
  const conf = path.join(DIR, f);
  const t0 = Date.now();
  const T = session('tmux', conf, n);
  const C = session('ccmux', conf, n);
  const res = { file: f, tmux: { src: T.source, notes: T.notes, messages: T.messages }, ccmux: { src: C.source, notes: C.notes, messages: C.messages } };
  const tl = errLines(T), cl = errLines(C);
  res.onlyCcmux = cl.filter(l => !tl.includes(l));
  res.onlyTmux = tl.filter(l => !cl.includes(l));
  res.rc = { tmux: T.source.rc, ccmux: C.source.rc };
  // options/keys the config set: changed vs own pre-source state in either system
  const diffs = [];
  if (T.before && C.before) {
    for (const scope of ['g', 'gw', 's']) {
      const tb = optMap(T.before[scope]), ta = optMap(T.after[scope]);
      const cb = optMap(C.before[scope]), ca = optMap(C.after[scope]);
      const names = new Set([...changed(tb, ta), ...changed(cb, ca)]);
      for (const k of [...names].sort()) {
        const tv = ta.get(k), cv = ca.get(k);
        if (tv !== cv) diffs.push({ kind: 'option', scope, name: k, tmux: tv ?? '(unset)', ccmux: cv ?? '(unset)' });
      }
    }
    const tb = keyMap(T.before.keys), ta = keyMap(T.after.keys);
    const cb = keyMap(C.before.keys), ca = keyMap(C.after.keys);
    const names = new Set([...changed(tb, ta), ...changed(cb, ca)]);
    for (const k of [...names].sort()) {
      const tv = ta.get(k), cv = ca.get(k);
      if (tv !== cv) diffs.push({ kind: 'key', name: k, tmux: tv ?? '(unbound)', ccmux: cv ?? '(unbound)' });
    }
  }
  res.diffs = diffs;
  res.notes = [...T.notes.map(x => 'tmux: ' + x), ...C.notes.map(x => 'ccmux: ' + x)];
  res.clean = !res.onlyCcmux.length && !res.onlyTmux.length && !diffs.length && !res.notes.length && res.rc.tmux === res.rc.ccmux;
  res.secs = ((Date.now() - t0) / 1000).toFixed(1);
  fs.writeFileSync(path.join(RES, f.replace(/\.conf$/, '.json')), JSON.stringify({ ...res, raw: { tmux: T, ccmux: C } }, null, 1));
  summary.push(res);
  console.log(`${f}: ${res.clean ? 'CLEAN' : 'DIFF'} rc t=${res.rc.tmux} c=${res.rc.ccmux} onlyC=${res.onlyCcmux.length} onlyT=${res.onlyTmux.length} diffs=${diffs.length} notes=${res.notes.length} (${res.secs}s)`);
}
fs.writeFileSync(path.join(RES, 'summary.json'), JSON.stringify(summary, null, 1));
