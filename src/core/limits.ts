/*
 * Bounds on what the server keeps of things from the outside world — a title a program
 * sets, a start command, a session id a hook reports, names, indexes — shared by the
 * sources that take them in and by the checkpoint that must read them back. Everything
 * the checkpoint writer produces is within these, so it is always readable (issue 13.2).
 */
/** What a checkpoint can hold (checkpoint.ts validates against these). */
export const LIMITS = {
  title: 1024,
  commandArgs: 1000,
  commandArgChars: 65536,
  path: 4096,
  name: 128,
  paneId: 1_000_000_000,
  windowIndex: 2_147_483_647,
  size: 10000,
} as const;

/** The UUIDs claude and ccmux use for session ids and pane dirs. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `s` cut to at most `max` UTF-16 units, never inside a surrogate pair, without NULs. */
export function boundText(s: string, max: number): string {
  let t = s.includes('\0') ? s.replace(/\0/g, '') : s;
  if (t.length > max) {
    t = t.slice(0, max);
    const last = t.charCodeAt(t.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) t = t.slice(0, -1);
  }
  return t;
}

/** Why a start command cannot be kept in a checkpoint (and so is refused), or undefined. */
export function commandProblem(argv: readonly string[]): string | undefined {
  if (argv.length > LIMITS.commandArgs) return `the command has ${argv.length} arguments; at most ${LIMITS.commandArgs}`;
  for (const a of argv) {
    if (a.length > LIMITS.commandArgChars) return `the command has an argument of ${a.length} characters; at most ${LIMITS.commandArgChars}`;
    if (a.includes('\0')) return 'the command has a NUL character';
  }
  return undefined;
}
