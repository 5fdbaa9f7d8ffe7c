/*
 * The server's message log (tmux's message_log), as show-messages lists it: commands run
 * ("client-42 command: list-sessions"), messages shown on a client's status line; each
 * numbered and timed, at most `message-limit` kept. Empty until start(): as in tmux, the
 * start-up configuration's commands are not logged.
 */

export class MessageLog {
  private readonly entries: Array<{ num: number; time: Date; text: string }> = [];
  private next = 0;
  private started = false;

  constructor(private readonly limit: () => number) {}

  start(): void {
    this.started = true;
  }

  add(text: string): void {
    if (!this.started) return;
    this.entries.push({ num: this.next++, time: new Date(), text });
    const max = Math.max(0, this.limit());
    while (this.entries.length && this.entries[0]!.num + max < this.next) this.entries.shift();
  }

  /** Newest first, as show-messages lists them. */
  list(): ReadonlyArray<{ num: number; time: Date; text: string }> {
    return [...this.entries].reverse();
  }
}

/** A client's name as tmux gives it: its terminal, else client-PID. */
export function clientName(hello: { ttyPath?: string; pid: number }): string {
  return hello.ttyPath || `client-${hello.pid}`;
}
