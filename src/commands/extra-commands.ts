/*
 * Commands contributed by the Claude and persistence subsystems, kept in one list so the
 * registry's imports stay in one place.
 */
import type { CommandDef } from './types.js';

export const extraCommands: CommandDef[] = [];
