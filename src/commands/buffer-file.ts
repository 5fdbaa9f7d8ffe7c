/*
 * File paths for save-buffer and load-buffer: relative to the caller's working directory
 * (the shell that ran `ccmux`, or the attached client's), "~/" in the caller's HOME; and
 * file errors as one line a user can act on.
 */
import path from 'node:path';
import { CommandError } from '../core/errors.js';
import type { CommandContext } from './types.js';

/** The absolute path `p` names for the caller. */
export function callerPath(ctx: CommandContext, p: string): string {
  const home = ctx.caller.env.HOME;
  if (home && (p === '~' || p.startsWith('~/'))) p = path.join(home, p.slice(1));
  return path.resolve(ctx.caller.cwd || '/', p);
}

/** A CommandError for a failed file operation: "PATH: No such file or directory". */
export function fileError(file: string, err: unknown): CommandError {
  const e = err as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory',
  };
  return new CommandError(`${file}: ${(e.code && why[e.code]) ?? e.message}`);
}
