#!/usr/bin/env node
// Group the differences conf-compare.mjs found, by cause, with a count of files each.
// Usage: CONF_CORPUS=DIR node scripts/compat/conf-analyze.mjs > report.txt
import fs from 'node:fs';
import path from 'node:path';

const DIR = process.env.CONF_CORPUS || '/tmp/conf-corpus';
const RES = path.join(DIR, 'results');
const files = fs.readdirSync(RES).filter(f => /^\d{3}-.*\.json$/.test(f)).sort();

const SB = /\/tmp\/cmpsb\.[A-Za-z0-9]+/g;
const isShellNoise = l => /^(\/bin\/sh: |sh: |Cloning into|fatal: |bash: |error: |xclip|Error: )/.test(l);

function splitLine(l) { // -> {file, line, msg}
  const m = l.match(/^(~\/[^:]*|\/[^:]*):(\d+): (.*)$/);
  return m ? { where: m[1], line: +m[2], msg: m[3] } : { where: null, line: null, msg: l };
}
function normMsg(msg) {
  return msg.replace(SB, '~')
    .replace(/ \(did you mean [^)]*\)$/, '')
    .replace(/^unknown key: (.*)$/, 'unknown key "$1"')
    .replace(/\s+/g, ' ').trim();
}
function lines(src) {
  return (src.err + '\n' + src.out).replace(SB, '~').split('\n').map(s => s.trim()).filter(Boolean);
}
// quoting-insensitive form for option / key values
function qnorm(v) {
  if (v == null) return v;
  return v.replace(SB, '~').replace(/\\;/g, ';').replace(/["']/g, '').replace(/\s+/g, ' ').trim();
}
function optMap(text) {
  const m = new Map();
  for (const line of (text || '').replace(SB, '~').split('\n')) {
    if (!line.trim()) continue;
    const sp = line.indexOf(' ');
    m.set(sp < 0 ? line : line.slice(0, sp), sp < 0 ? '' : line.slice(sp + 1));
  }
  return m;
}
function keyMap(text) {
  const m = new Map();
  for (const line of (text || '').replace(SB, '~').split('\n')) {
    const t = line.trim().replace(/\s+/g, ' ');
    const mm = t.match(/^bind-key ((?:-r |-N "(?:[^"\\]|\\.)*" )*)-T (\S+) (\S+) ?(.*)$/);
    if (mm) m.set(`${mm[2]} ${mm[3]}`, `${mm[1].includes('-r') ? '-r ' : ''}${mm[4]}`);
  }
  return m;
}
function changed(b, a) {
  const s = new Set();
  for (const [k, v] of a) if (!b.has(k) || b.get(k) !== v) s.add(k);
  for (const k of b.keys()) if (!a.has(k)) s.add(k);
  return s;
}

const groups = new Map(); // sig -> {kind, files:Set, examples:[]}
function add(kind, sig, file, example) {
  const k = kind + ' | ' + sig;
  if (!groups.has(k)) groups.set(k, { kind, sig, files: new Set(), examples: [] });
  const g = groups.get(k);
  g.files.add(file);
  if (g.examples.length < 3 && !g.examples.some(e => e.file === file)) g.examples.push({ file, ...example });
}

const perFile = [];
const DEPRECATED = /invalid option: ([a-z-]+-(fg|bg|attr)|[a-z-]*utf8|mode-mouse|mouse-(resize-pane|select-pane|select-window|utf8))\b/;
for (const f of files) {
  const r = JSON.parse(fs.readFileSync(path.join(RES, f), 'utf8'));
  const conf = fs.readFileSync(path.join(DIR, r.file), 'utf8').split('\n');
  const T = r.raw.tmux, C = r.raw.ccmux;
  const tl = lines(T.source), cl = lines(C.source);
  const issues = [];
  const tmuxParseAbort = tl.some(l => /^~\/\.tmux\.conf:\d+: /.test(l)); // tmux: parse error => nothing in the file ran
  const tn = tl.filter(l => !isShellNoise(l) && !/^usage: /.test(l)).map(l => splitLine(l));
  const cn = cl.filter(l => !isShellNoise(l) && !/^usage: /.test(l)).map(l => splitLine(l));
  const tset = new Set(tn.map(x => normMsg(x.msg)));
  const cset = new Set(cn.map(x => normMsg(x.msg)));
  const errNames = [];
  for (const x of cn) {
    const m = normMsg(x.msg);
    errNames.push(m);
    if (!tset.has(m) && !x.where) { add('note', 'ccmux prints run-shell child output (unprefixed line) tmux does not show', r.file, { msg: x.msg }); continue; }
    if (!tset.has(m) && (DEPRECATED.test(m) || (tmuxParseAbort && /unknown flag -t|too many arguments/.test(m)))) { add('note', 'error tmux 3.3a also gives (pre-2.9 option or old -t syntax) but its output lacked it (parse-abort, or tmux client dropped a line)', r.file, { msg: x.msg }); continue; }
    if (!tset.has(m) && x.line && tn.some(y => y.line === x.line)) { add('note', 'same line rejected by both, different wording', r.file, { msg: `tmux: ${tn.find(y => y.line === x.line).msg} | ccmux: ${x.msg}` }); continue; }
    if (!tset.has(m)) {
      const cfgLine = x.line && x.where === '~/.tmux.conf' ? conf[x.line - 1]?.trim() : '';
      add('a: ccmux-only error', m.replace(/'[^']*' returned \d+/, "'CMD' returned N").replace(/'run '.*'' failed/, "'run CMD' failed"), r.file, { line: x.line, cfg: cfgLine, msg: x.msg });
      issues.push('a');
    }
  }
  for (const x of tn) {
    const m = normMsg(x.msg);
    if (!cset.has(m) && x.line && cn.some(y => y.line === x.line)) continue;
    if (!cset.has(m)) { add('b: tmux-only error', m, r.file, { line: x.line, msg: x.msg }); issues.push('b'); }
  }
  if (cl.some(isShellNoise) && !tl.some(isShellNoise)) add('note', 'run-shell/if-shell stderr printed by ccmux source-file (tmux prints nothing)', r.file, { msg: cl.find(isShellNoise) });
  if (cl.some(l => /^usage: /.test(l)) && !tl.some(l => /^usage: /.test(l))) add('note', 'ccmux adds a "usage:" line after a flag error', r.file, { msg: cl.find(l => /^usage: /.test(l)) });
  if (cn.some(x => x.where) && tn.some(x => !x.where)) add('note', 'ccmux prefixes execution errors with file:line (tmux 3.3a only parse errors)', r.file, {});
  if (T.source.rc !== C.source.rc) add('rc', `source-file exit code tmux=${T.source.rc} ccmux=${C.source.rc}`, r.file, {});
  if (tmuxParseAbort) issues.push('p');
  if (tmuxParseAbort) add((C.source.err + C.source.out).includes('not run (a syntax error') ? 'note' : 'e: behaviour', (C.source.err + C.source.out).includes('not run (a syntax error') ? 'both hit a syntax error and ran nothing' : 'tmux 3.3a hit a parse-time error (bad flag / too many args) and ran NOTHING from the file; ccmux reports it and runs every other line', r.file, { msg: tl.find(l => /^~\/\.tmux\.conf:\d+: /.test(l)) });
  for (const n of [...(T.notes || []).map(x => 'tmux ' + x), ...(C.notes || []).map(x => 'ccmux ' + x)]) { add('d: hang/crash', n, r.file, {}); issues.push('d'); }
  if (T.source.ms > 5000 || C.source.ms > 5000) add('note', `slow source-file (>5s)`, r.file, { msg: `tmux ${T.source.ms}ms ccmux ${C.source.ms}ms` });

  const ctext = conf.join('\n');
  const usedVars = [...new Set([...ctext.matchAll(/^\s*(?:%hidden\s+)?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map(m => m[1]))].filter(v => new RegExp('\\$\\{?' + v + '\\b').test(ctext));
  // readback (c)
  if (T.before && C.before && !tmuxParseAbort) {
    const errText = errNames.join('\n');
    for (const scope of ['g', 'gw', 's']) {
      const tb = optMap(T.before[scope]), ta = optMap(T.after[scope]);
      const cb = optMap(C.before[scope]), ca = optMap(C.after[scope]);
      const arrDone = new Set();
      for (const k of [...new Set([...changed(tb, ta), ...changed(cb, ca)])].sort()) {
        let tv = ta.get(k), cv = ca.get(k);
        if (tv === cv) continue;
        const base = k.replace(/\[\d+\]$/, '');
        if (base !== k) { // array option: compare the values the config added/removed, not indices
          if (arrDone.has(base)) continue; arrDone.add(base);
          const vals = (m, b) => [...m].filter(([n]) => n.startsWith(base + '[')).map(([, v]) => qnorm(v)).filter(v => !b.includes(v)).sort().join(' , ');
          const bvals = m => [...m].filter(([n]) => n.startsWith(base + '[')).map(([, v]) => qnorm(v));
          tv = vals(ta, bvals(tb)); cv = vals(ca, bvals(cb));
          if (tv === cv) continue;
          if (errText.includes(base)) continue;
          add('c: option reads back differently', `${scope} ${base} (values added)`, r.file, { msg: `tmux: ${tv} | ccmux: ${cv}` });
          issues.push('c'); continue;
        }
        if (qnorm(tv) === qnorm(cv)) { add('c-quoting', `show-options value quoted differently (${base})`, r.file, { msg: `tmux: ${k} ${tv} | ccmux: ${k} ${cv}` }); continue; }
        if (errText.includes(base)) continue; // consequence of an error already counted
        if (usedVars.length && (/""|=,|=]|=$|\| "/.test(cv || '') || cv === '' )) { add('c: option reads back differently', 'consequence: config variable not expanded (see x group)', r.file, { msg: `tmux: ${k} ${tv} | ccmux: ${k} ${cv}` }); continue; }
        if (/\\\\\\n|\\n/.test(cv || '')) { add('c: option reads back differently', 'consequence: backslash-newline in quotes kept (see x group)', r.file, { msg: `tmux: ${k} ${tv} | ccmux: ${k} ${cv}` }); continue; }
        add('c: option reads back differently', `${scope} ${base}`, r.file, { msg: `tmux: ${k} ${tv ?? '(unset)'} | ccmux: ${k} ${cv ?? '(unset)'}` });
        issues.push('c');
      }
    }
    const tb = keyMap(T.before.keys), ta = keyMap(T.after.keys);
    const cb = keyMap(C.before.keys), ca = keyMap(C.after.keys);
    for (const k of [...new Set([...changed(tb, ta), ...changed(cb, ca)])].sort()) {
      const tv = ta.get(k), cv = ca.get(k);
      if (tv === cv) continue;
      const key = k.split(' ')[1];
      if (tv && cv && qnorm(tv) === qnorm(cv)) {
        add('c-quoting', tv.includes('\\;') ? 'list-keys shows "\\;" as ";"' : 'list-keys quotes arguments differently', r.file, { msg: `${k}: tmux: ${tv} | ccmux: ${cv}` });
        continue;
      }
      if (errText.includes(`"${key}"`) || errText.includes(` ${key}`)) continue;
      let sub = (tv ? 'bound' : 'unbound') + ' in tmux / ' + (cv ? 'bound' : 'unbound') + ' in ccmux';
      const toks = v => qnorm(v).replace(/\\/g, '').replace(/-([a-zA-Z])(\S)/g, '-$1 $2').split(' ').sort().join(' ');
      if (cv && /\\\\\\n|\\n/.test(cv) && !(tv || '').includes('{')) sub = 'consequence: backslash-newline in quotes kept (see x group)';
      else if (cv && tv && tv.includes('{') && /\\n/.test(cv)) sub = 'display: {} block shown as a quoted string with \\n (tmux prints { a ;; b })';
      else if (usedVars.length && (/''|=,|=]|=\s|fg=$|\| "/.test(cv || '') || usedVars.some(v => (cv || '').includes('$' + v)))) sub = 'consequence: config variable not expanded (see x group)';
      else if (cv && tv && toks(cv) === toks(tv)) sub = 'display: flags shown as written, tmux re-prints them parsed (order, -xC vs -x C, "-w70%")';
      else if (cv && tv && qnorm(cv).replace(/\\~/g, '~') === qnorm(tv).replace(/\\~/g, '~')) sub = 'display: ~ escaping differs';
      add('c: key reads back differently', sub, r.file, { msg: `${k}: tmux: ${tv ?? '(unbound)'} | ccmux: ${cv ?? '(unbound)'}` });
      issues.push('c');
    }
  }
  { // whole-file detectors
    const text = conf.join('\n');
    const vars = [...text.matchAll(/^\s*(?:%hidden\s+)?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map(m => m[1]);
    const used = vars.filter(v => new RegExp('\\$\\{?' + v + '\\b').test(text));
    if (used.length) { add('x: config variable (NAME=value / %hidden) not expanded by ccmux in $NAME', 'files that define and use such variables', r.file, { msg: 'vars used: ' + [...new Set(used)].join(',') }); issues.push('x'); }
    const ca = (C.after.g || '') + (C.after.gw || '') + (C.after.s || '') + (C.after.keys || '');
    if (/\\\n/.test(ca) || /\\\\\\n/.test(ca)) { add('x: backslash-newline inside a quoted string kept literally by ccmux (tmux joins the lines)', 'readback contains \\\\n', r.file, {}); issues.push('x'); }
    if (/\\;/.test(T.after.keys || '') && !/\\;/.test(C.after.keys || '')) add('x-display', 'list-keys: command sequences shown with ";" not "\\;" (not re-sourceable)', r.file, {});
    if ((C.source.err + C.source.out).includes('not run (a syntax error') && !tmuxParseAbort) { add('d: whole file not run by ccmux (syntax error tmux does not have)', 'not run', r.file, { msg: (C.source.err.split('\n')[0]) }); issues.push('d'); }
  }
  perFile.push({ file: r.file, clean: issues.length === 0, issues: [...new Set(issues)] });
}

// per-file: which groups touch it, and a coarse class for each group
const INPROG = /unknown key "(Mouse|Wheel|DoubleClick|TripleClick|SecondClick)|invalid option: (terminal-overrides|cursor-style|cursor-colou?r|remain-on-exit-format|automatic-rename-format|user-keys|extended-keys|assume-paste-time|editor|pane-colou?rs|status-format)|new-window: unknown flag -[bkS]|select-layout: unknown flag -E|select-pane: unknown flag -[de]|capture-pane: unknown flag -[aCP]|list-keys: unknown flag -[1a]|send-keys: unknown flag -[FH]|copy-mode: unknown flag -H/;
const DOC = /^(rc|note|c-quoting|x-display)$|'CMD' returned N|'run CMD' failed/;
function cls(g) { if (INPROG.test(g.sig)) return 'inprog'; if (DOC.test(g.kind) || DOC.test(g.sig) || /^display:/.test(g.sig)) return 'doc'; return 'real'; }
const fileCls = new Map(perFile.map(p => [p.file, new Set()]));
for (const g of groups.values()) for (const f of g.files) fileCls.get(f).add(cls(g));
const noDiff = perFile.filter(p => fileCls.get(p.file).size === 0).length;
const onlyDoc = perFile.filter(p => { const c = fileCls.get(p.file); return c.size && !c.has('real') && !c.has('inprog'); }).length;
const onlyInprogDoc = perFile.filter(p => { const c = fileCls.get(p.file); return c.has('inprog') && !c.has('real'); }).length;
const real = perFile.filter(p => fileCls.get(p.file).has('real')).length;
console.log(`files with no difference of any kind: ${noDiff}; only documented/cosmetic differences: ${onlyDoc}; only in-progress(+doc) differences: ${onlyInprogDoc}; with at least one other ("real") difference: ${real}`);
const sorted = [...groups.values()].sort((a, b) => b.files.size - a.files.size || a.kind.localeCompare(b.kind));
console.log(`corpus: ${perFile.length} files; no (a)-(d) difference: ${perFile.filter(p => p.clean).length}`);
fs.writeFileSync(path.join(RES, 'per-file.txt'), perFile.map(p => `${p.file}\t${[...fileCls.get(p.file)].sort().join(',') || 'identical'}\t` + [...groups.values()].filter(g => g.files.has(p.file)).map(g => '{' + cls(g) + '} ' + g.kind + ': ' + g.sig).join(' || ')).join('\n') + '\n');
console.log('clean files: ' + perFile.filter(p => p.clean).map(p => p.file).join(' '));
for (const g of sorted) {
  console.log(`\n[${g.files.size}] {${cls(g)}} ${g.kind} :: ${g.sig}`);
  for (const e of g.examples) console.log(`    ${e.file}${e.line ? ':' + e.line : ''}${e.cfg ? '  cfg: ' + e.cfg.slice(0, 160) : ''}${e.msg ? '\n        ' + e.msg.slice(0, 300) : ''}`);
}
