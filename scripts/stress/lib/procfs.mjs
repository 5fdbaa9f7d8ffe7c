/*
 * What /proc says about a process, for leak checks: its open fds (by kind), its children
 * (every process whose ppid is it, zombies counted apart), its resident memory. Linux only.
 */
import fs from 'node:fs';

/** Open fds of `pid` by kind: socket, pipe, pty (/dev/pts/N and ptmx), anon (eventfd, inotify…), file. */
export function fds(pid) {
  const out = { total: 0, socket: 0, pipe: 0, pty: 0, anon: 0, file: 0, targets: [] };
  let names;
  try {
    names = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  for (const n of names) {
    let t;
    try {
      t = fs.readlinkSync(`/proc/${pid}/fd/${n}`);
    } catch {
      continue; // closed meanwhile
    }
    out.total++;
    out.targets.push(t);
    if (t.startsWith('socket:')) out.socket++;
    else if (t.startsWith('pipe:')) out.pipe++;
    else if (t.startsWith('/dev/pts/') || t === '/dev/ptmx') out.pty++;
    else if (t.startsWith('anon_inode:')) out.anon++;
    else out.file++;
  }
  return out;
}

/** The fields of /proc/<pid>/stat after the command name: [state, ppid, ...]. */
function statFields(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Children of `pid` (ppid == pid): { pids, zombies }. */
export function children(pid) {
  const pids = [];
  const zombies = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (!f || Number(f[1]) !== pid) continue;
    (f[0] === 'Z' ? zombies : pids).push(Number(name));
  }
  return { pids, zombies };
}

/** Every descendant of `pid` (children, their children, ...). */
export function descendants(pid) {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (f) parent.set(Number(name), Number(f[1]));
  }
  const out = [];
  const want = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, pp] of parent) {
      if (want.has(pp) && !want.has(p)) {
        want.add(p);
        out.push(p);
        grew = true;
      }
    }
  }
  return out;
}

/** Resident set size of `pid` in KB (VmRSS), or null when it is gone. */
export function rssKb(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Is `pid` running (not gone, not a zombie)? */
export function running(pid) {
  const f = statFields(pid);
  return f !== null && f[0] !== 'Z';
}

/** The uid that owns process `pid` (real uid from /proc/<pid>/status), or null. */
export function procUid(pid) {
  try {
    const m = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
