/*
 * Commands contributed by the Claude and persistence subsystems, kept in one list so the
 * registry's imports stay in one place.
 */
import type { CommandDef } from './types.js';
import chooseProfile from './choose-profile.js';
import doctor from './doctor.js';
import chooseConversation from './choose-conversation.js';
import du from './du.js';
import gc from './gc.js';
import restore from './restore.js';
import resume from './resume.js';
import sessions from './sessions.js';
import claudeHook from './claude-hook.js';
import wait from './wait.js';
import nextWaiting from './next-waiting.js';
import { bufferCommands } from './buffer-commands.js';

export const extraCommands: CommandDef[] = [chooseProfile, doctor, chooseConversation, du, gc, restore, resume, sessions, claudeHook, wait, nextWaiting, ...bufferCommands];
