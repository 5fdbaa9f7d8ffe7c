/*
 * Keys in tmux 3.3a's order and spelling (core/key-order.ts), against what `tmux
 * list-keys -T prefix` and `-T copy-mode` print; print-commands' `{ }` groups.
 */
import { describe, expect, it } from 'vitest';
import { compareKeys, isMouseKey, tmuxKeyName } from '../../src/core/key-order.js';
import { printCommands } from '../../src/commands/print-commands.js';
import { hexBytes } from '../../src/commands/send-keys.js';

describe('key order', () => {
  it("sorts keys as tmux 3.3a's list-keys lists the prefix table", () => {
    // tmux -f /dev/null list-keys -T prefix, its keys in order (a sample across every kind).
    const tmux = ['C-b', 'C-o', 'C-z', 'Space', '!', '"', '#', '$', '%', '&', "'", '(', ')', ',', '-', '.', '/', '0', '9', ':', ';', '<', '=', '>', '?', 'C', 'D', 'E', 'L', 'M', '[', ']', 'c', 'z', '{', '}', '~', 'DC', 'PPage', 'Up', 'Down', 'Left', 'Right', 'M-1', 'M-5', 'M-n', 'M-o', 'M-p', 'M-Up', 'M-Right', 'C-Up', 'C-Right', 'S-Up', 'S-Right'];
    expect([...tmux].reverse().sort(compareKeys)).toEqual(tmux);
  });

  it('puts control characters first, C-Space before C-a, Escape among them, Meta control characters after the named keys', () => {
    const tmux = ['C-Space', 'C-a', 'C-w', 'Escape', 'Space', 'q', 'MouseDown1Pane', 'MouseDrag1Pane', 'MouseDragEnd1Pane', 'WheelUpPane', 'WheelDownPane', 'DoubleClick1Pane', 'TripleClick1Pane', 'Home', 'End', 'NPage', 'PPage', 'Up', 'Right', 'C-M-b', 'M-1', 'M-<', 'M-R', 'M-b', 'M-{', 'M-Up', 'C-Up'];
    expect([...tmux].reverse().sort(compareKeys)).toEqual(tmux);
  });

  it('prints a control character with Meta as M-C-x, other keys as they are', () => {
    expect(tmuxKeyName('C-M-b')).toBe('M-C-b');
    expect(tmuxKeyName('C-M-Up')).toBe('C-M-Up');
    expect(tmuxKeyName('C-b')).toBe('C-b');
    expect(tmuxKeyName('M-x')).toBe('M-x');
  });

  it('knows mouse keys', () => {
    expect(isMouseKey('MouseDown1Pane')).toBe(true);
    expect(isMouseKey('M-MouseDown3Pane')).toBe(true);
    expect(isMouseKey('WheelUpStatus')).toBe(true);
    expect(isMouseKey('Up')).toBe(false);
    expect(isMouseKey('M')).toBe(false);
  });
});

describe('printing { } groups', () => {
  it('prints a group argument as a group of printed commands, a quoted one as a string', () => {
    expect(printCommands("command-prompt -I'#W' { rename-window -- '%%' }")).toBe('command-prompt -I "#W" { rename-window "%%" }');
    expect(printCommands("command-prompt -I'#W' \"rename-window -- '%%'\"")).toBe('command-prompt -I "#W" "rename-window -- \'%%\'"');
    expect(printCommands('bind x { display a ; display b }')).toBe('bind-key x { display-message a ; display-message b }');
  });
});

describe('send-keys -H', () => {
  it('takes hex numbers up to ff and skips the rest, as tmux', () => {
    expect(hexBytes(['41', '0a', 'ff', '100', 'zz', '', '-1', '0x42'])).toEqual([0x41, 0x0a, 0xff, 0x42]);
  });
});
