/*
 * previous-window (prev): Select the previous window — select-window -p.
 */
import { selectWindowShortcut } from './select-window.js';

export default selectWindowShortcut('previous-window', 'prev', 'p', 'Select the previous window');
