/*
 * next-window (next): Select the next window — select-window -n.
 */
import { selectWindowShortcut } from './select-window.js';

export default selectWindowShortcut('next-window', 'next', 'n', 'Select the next window');
