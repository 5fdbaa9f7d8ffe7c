/*
 * The paste-buffer commands beside paste-buffer and list-buffers (which the registry
 * lists itself): set, show, delete, save to a file and load from one.
 */
import type { CommandDef } from './types.js';
import setBuffer from './set-buffer.js';
import showBuffer from './show-buffer.js';
import deleteBuffer from './delete-buffer.js';
import saveBuffer from './save-buffer.js';
import loadBuffer from './load-buffer.js';

export const bufferCommands: CommandDef[] = [setBuffer, showBuffer, deleteBuffer, saveBuffer, loadBuffer];
