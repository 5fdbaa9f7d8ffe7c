/*
 * A pane's clock mode (clock-mode): while it is on, the pane shows the big clock
 * (render/clock.ts) instead of its screen; its program runs on unseen. The mode owns a
 * one-second timer, as tmux's, that reports when the time shown changes (the minute); any
 * key ends the mode. Pane.dispose ends it.
 */
import { clockText } from '../render/clock.js';

/** How often the clock looks at the time: tmux's clock timer runs every second. */
const CLOCK_CHECK_MS = 1000;

export class ClockMode {
  private timer: NodeJS.Timeout;
  private shown: string;

  /** `style` is read again at each check (clock-mode-style may change); `changed` when the text does. */
  constructor(
    private readonly style: () => '12' | '24',
    changed: () => void,
  ) {
    this.shown = this.text();
    this.timer = setInterval(() => {
      const now = this.text();
      if (now === this.shown) return;
      this.shown = now;
      changed();
    }, CLOCK_CHECK_MS);
    this.timer.unref();
  }

  /** The time as the clock shows it now. */
  text(): string {
    return clockText(new Date(), this.style());
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
