/*
 * What was typed at each kind of prompt (tmux's status_prompt_hlist): command, search,
 * target and window-target, oldest first, at most `prompt-history-limit` each; the same
 * line twice in a row is kept once. Up and Down in a prompt walk it; show-prompt-history
 * and clear-prompt-history read and empty it. Server-wide, as in tmux.
 */

export const PROMPT_TYPES = ['command', 'search', 'target', 'window-target'] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

/** A prompt type by name, or undefined for one tmux does not have. */
export function promptType(name: string): PromptType | undefined {
  return (PROMPT_TYPES as readonly string[]).includes(name) ? (name as PromptType) : undefined;
}

export class PromptHistory {
  private readonly lists = new Map<PromptType, string[]>(PROMPT_TYPES.map((t) => [t, []]));

  constructor(private readonly limit: () => number) {}

  /** Adds a line typed at a prompt of `type` (not an empty one, unless `loaded` from history-file, as tmux). */
  add(type: PromptType, line: string, loaded = false): void {
    if (line === '' && !loaded) return;
    const list = this.lists.get(type)!;
    if (list.at(-1) !== line) list.push(line);
    const max = Math.max(0, this.limit());
    if (list.length > max) list.splice(0, list.length - max);
  }

  /** The lines of `type`, oldest first. */
  get(type: PromptType): readonly string[] {
    return this.lists.get(type)!;
  }

  clear(type?: PromptType): void {
    for (const t of type ? [type] : PROMPT_TYPES) this.lists.set(t, []);
  }
}
