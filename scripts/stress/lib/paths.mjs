/* Where the project is, for scripts that import its compiled code from dist/. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CCMUX = path.join(ROOT, 'bin', 'ccmux.js');
export const FAKE_CLAUDE_DIR = path.join(ROOT, 'test', 'fixtures', 'fake-claude');
