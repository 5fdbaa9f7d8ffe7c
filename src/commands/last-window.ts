/*
 * last-window (last): Select the previously current window — select-window -l.
 */
import { selectWindowShortcut } from './select-window.js';

export default selectWindowShortcut('last-window', 'last', 'l', 'Select the previously current window');
