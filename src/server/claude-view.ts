/*
 * What the server and its views (status line, window list, list JSON) read of the state
 * of Claude panes: the claude layer's ClaudeAwareness implements it and is handed to the
 * server at start-up, so the server shows Claude state without importing the claude
 * layer above it.
 */
import type { Pane } from './pane.js';
import type { Segment } from '../render/style.js';

export interface ClaudeStateView {
  /** A Claude pane's state ("working", "needs-input", …), undefined for other panes. */
  status(paneId: number): { state: string } | undefined;
  /** The mark a window's name gets for the Claude panes in it. */
  windowMark(panes: Iterable<Pane>): Segment | undefined;
  /** The same mark as status text with its style as a #[…] directive (#{window_claude_mark}); "" for none. */
  windowMarkText(panes: Iterable<Pane>): string;
  /** Whether a pane waits for the user (the status clock then ticks each second). */
  hasWaiting(): boolean;
  needsInputCount(): number;
  /** The status clock ticked. */
  tick(): void;
  /** What ccmux made for a Claude pane (method, dir, profile, session id, worktree); undefined for others. */
  facts(p: Pane): { method: string; dir?: string; profile?: string; sessionId: string; worktree?: { name: string; path: string; branch: string; base: string } } | undefined;
  /** Extra facts for `list-panes --json`. */
  describe(paneId: number): Record<string, unknown> | undefined;
}
