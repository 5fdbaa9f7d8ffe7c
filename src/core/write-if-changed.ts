/*
 * Write a small file ccmux generates (hook settings, the tmux shim) only when its text
 * changed, atomically: a temp file of this process renamed into place, so a claude
 * reading it at the same moment sees the old text or the new, never half.
 */
import fs from 'node:fs';

/** Write `text` to `file` with `mode` unless it already holds exactly that. */
export function writeIfChanged(file: string, text: string, mode: number): void {
  let current = '';
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    /* absent */
  }
  if (current === text) return;
  const tmp = `${file}.tmp.${process.pid}`;
  fs.writeFileSync(tmp, text, { mode });
  fs.renameSync(tmp, file);
}
