/*
 * Fingerprints of directory trees that never follow symlinks: path → type, mode, size,
 * sha256 (or link target). Used to prove that a decoy tree, or a sandbox HOME, was not
 * modified by anything ccmux did. `diffTrees` lists what was added, removed or changed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Fingerprint everything under `dir` (relative paths). `skip(rel)` leaves a subtree out. */
export function snapshot(dir, skip = () => false) {
  const out = {};
  const walk = (p) => {
    const rel = path.relative(dir, p) || '.';
    if (rel !== '.' && skip(rel)) return;
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `dir ${mode}`;
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    } else if (st.isFile()) {
      out[rel] = `file ${mode} ${st.size} ${crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${st.mtimeMs}`;
    } else out[rel] = `other ${mode}`;
  };
  walk(dir);
  return out;
}

/** What changed between two snapshots: ["+ path", "- path", "~ path: before → after"]. */
export function diffTrees(before, after) {
  const out = [];
  for (const k of Object.keys(before)) {
    if (!(k in after)) out.push(`- ${k}`);
    else if (before[k] !== after[k]) out.push(`~ ${k}: ${before[k]} → ${after[k]}`);
  }
  for (const k of Object.keys(after)) if (!(k in before)) out.push(`+ ${k}`);
  return out;
}

/** Every regular file under `dir` (links not followed), as absolute paths. */
export function filesUnder(dir) {
  const out = [];
  const walk = (p) => {
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      let names = [];
      try {
        names = fs.readdirSync(p);
      } catch {
        return;
      }
      for (const n of names) walk(path.join(p, n));
    } else if (st.isFile()) out.push(p);
  };
  walk(dir);
  return out;
}

/** Set the mtime (and atime) of `p` `ageS` seconds back, without following a link. */
export function ageBack(p, ageS) {
  const t = Date.now() / 1000 - ageS;
  fs.lutimesSync(p, t, t);
}
