/*
 * How many rows the status line takes: the `status` option, as tmux 3.3a has it — off,
 * on (one line), or 2 to 5 lines (each drawn from its status-format item).
 */
import type { OptionLayers } from './local-options.js';

/** What reads an option at a level (an OptionStore). */
interface Options {
  get(name: string, at?: OptionLayers): unknown;
}

/** The status line's rows at `at`: 0 (off), 1 (on) or 2..5. */
export function statusLines(options: Options, at?: OptionLayers): number {
  const v = options.get('status', at);
  if (v === true) return 1;
  if (typeof v === 'string' && /^[2-5]$/.test(v)) return Number(v);
  return 0;
}
