/*
 * What an edited paste buffer becomes (choose-buffer's `e`), as tmux 3.3a's
 * window_buffer_edit_close_cb: empty leaves it, an added final newline is dropped only
 * when the buffer had none.
 */
import { describe, expect, it } from 'vitest';
import { editedText } from '../../src/server/client/buffer-editor.js';

describe('editedText', () => {
  it('takes what the editor left', () => {
    expect(editedText('old', 'new')).toBe('new');
    expect(editedText('old\n', 'new\n')).toBe('new\n');
  });
  it('drops a final newline the editor added to a buffer without one', () => {
    expect(editedText('old', 'new\n')).toBe('new');
    expect(editedText('old', 'new\n\n')).toBe('new\n');
    expect(editedText('', 'new\n')).toBe('new\n');
  });
  it('leaves the buffer when the file is empty, or only the dropped newline', () => {
    expect(editedText('old', '')).toBeUndefined();
    expect(editedText('old', '\n')).toBeUndefined();
  });
});
