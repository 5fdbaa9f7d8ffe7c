/*
 * One request for every pane start, and the hooks that may turn it into something more.
 *
 *   command / restore / resume ── SpawnRequest ──▶ server.spawn: each SpawnHook.prepare
 *   (plan → apply → argv and env rewritten) ──▶ the model starts the pane with the
 *   prepared request, handing the new Pane to each hook's `started` ──▶ on failure
 *   (the split does not fit, the name is taken, the program cannot start) every hook's
 *   `abandon` winds its preparation down again.
 *
 * The server knows no hook by name: a hook adds its own ask to SpawnAsks by declaration
 * merging (Claude isolation adds `claude`, claude/launch.ts), reads it from the request,
 * and hands back the rewritten request. It sees the Pane only when it is started.
 */
import type { Pane } from './pane.js';

/** What a new pane runs, where and with what environment, and what the hooks are asked. */
export interface SpawnRequest {
  cwd: string;
  env: Record<string, string>;
  /** argv to run directly (one string: a shell command); empty for the default shell/command. */
  argv?: string[];
  /** Variables set/unset on top of the standard pane env (a hook's isolation, profiles). */
  setEnv?: Record<string, string>;
  unsetEnv?: readonly string[];
  /**
   * A dir holding a `tmux` that is ccmux (claude/tmux-shim.ts): put first in the pane's
   * PATH, with TMUX and TMUX_PANE set as tmux sets them, so what the pane runs as `tmux`
   * (Claude Code's agent teams) makes ccmux panes.
   */
  tmuxShim?: string;
  /** What the pane is, when a hook made it something ("claude"): its window's default name. */
  kind?: string;
  /** Start no program: the pane shows what is written into it (split-window -I or '', tmux's SPAWN_EMPTY). */
  empty?: boolean;
  /** What the spawn hooks are asked to do, one field per hook. */
  asks?: SpawnAsks;
}

/** One optional field per spawn hook; each hook declares its own (declaration merging). */
export interface SpawnAsks {}

/** A request a hook has prepared for: what to start, and how to finish or undo it. */
export interface PreparedSpawn {
  request: SpawnRequest;
  /** The pane exists (its program starts right after). */
  started(pane: Pane): void;
  /** No pane was created after all: undo what prepare made. */
  abandon(): Promise<void>;
  /**
   * The pane is made (it shows why), but what was asked for cannot be done: the command
   * that asked fails with this (e.g. claude is not installed).
   */
  failure?: string;
}

export interface SpawnHook {
  /** Prepare for `req`; undefined when the request asks nothing of this hook. */
  prepare(req: SpawnRequest): Promise<PreparedSpawn | undefined>;
}

/** Run every hook over the request in turn; the result starts and abandons for them all. */
export async function prepareSpawn(hooks: readonly SpawnHook[], req: SpawnRequest): Promise<PreparedSpawn> {
  const done: PreparedSpawn[] = [];
  let request = req;
  try {
    for (const h of hooks) {
      const p = await h.prepare(request);
      if (!p) continue;
      done.push(p);
      request = p.request;
    }
  } catch (err) {
    await abandonAll(done);
    throw err;
  }
  const failure = done.find((p) => p.failure)?.failure;
  return {
    request,
    started: (pane) => {
      for (const p of done) p.started(pane);
    },
    abandon: () => abandonAll(done),
    ...(failure ? { failure } : {}),
  };
}

async function abandonAll(done: readonly PreparedSpawn[]): Promise<void> {
  for (const p of [...done].reverse()) await p.abandon();
}
