/*
 * Formats a command gets from where it runs (tmux's cmdq_add_format on a command's
 * state): `#{current_file}`, the configuration file whose commands are running, for
 * themes that source their parts beside them (`source -F "#{d:current_file}/theme.conf"`).
 *
 * As hook-queue.ts does for a hook's formats, "while the file's commands run" is an
 * AsyncLocalStorage context that follows their awaits and nothing else, and ends when
 * they are done: a pane the file started, whose callbacks inherit the context, does not
 * see the file's name later.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface State {
  formats: Readonly<Record<string, string>>;
  done: boolean;
}

const running = new AsyncLocalStorage<State>();

/** The formats of the commands running now (their own over those of what runs them), if any. */
export function commandFormats(): Readonly<Record<string, string>> | undefined {
  const s = running.getStore();
  return s && !s.done ? s.formats : undefined;
}

/** Runs `fn` with `formats` added to the running commands' own. */
export async function withCommandFormats<T>(formats: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const state: State = { formats: { ...commandFormats(), ...formats }, done: false };
  try {
    return await running.run(state, fn);
  } finally {
    state.done = true;
  }
}
