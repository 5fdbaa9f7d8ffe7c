/*
 * The typed shape of the `[claude]` part of ccmux.toml, shared by the config loader
 * (which validates the TOML into it) and the isolation planner (which reads it).
 *
 *   [claude]                    command, args, hooks, tmux_shim
 *   [claude.isolation]          method, cleanup_on_close, home_symlinks, keep_transcripts
 *   [claude.seed]               what a fresh per-pane dir is seeded with from the base config
 *   [claude.worktree]           when a Claude pane gets its own git worktree, where, on which branch
 *   [claude.profiles.NAME]      a named variant: base dir, method, env, api key env var, args
 */

/** How a Claude pane's state is kept apart from every other pane's. */
export type IsolationMethod = 'config_dir' | 'home' | 'none';

export const ISOLATION_METHODS: readonly IsolationMethod[] = ['config_dir', 'home', 'none'];

/** `[claude] hooks`: true means "http" (kept for configs written before there was a choice). */
export type ClaudeHooksSetting = boolean | 'http' | 'command';

/** What a fresh isolated dir is seeded with from the user's base Claude config. */
export interface SeedSettings {
  /** Mark onboarding done (hasCompletedOnboarding and friends) so no first-run wizard shows. */
  onboarding: boolean;
  /** Carry `projects[<root>].hasTrustDialogAccepted` over when the base config trusts the pane's project. */
  trust: boolean;
  /** Share `.credentials.json` with the base (symlink) and write refreshed tokens back to it. */
  credentials: boolean;
  /** Copy `mcpServers` from the base `.claude.json`. */
  mcp_servers: boolean;
  /** Copy `customApiKeyResponses` so an approved ANTHROPIC_API_KEY is not asked about again. */
  api_key_responses: boolean;
  /** Entries of the base config dir shared into the pane dir by symlink (only those that exist). */
  share: string[];
}

export interface IsolationSettings {
  method: IsolationMethod;
  /** Delete a Claude pane's dir when the pane closes. */
  cleanup_on_close: boolean;
  /** For method = "home": dotfiles (relative to the real HOME) linked into the pane's HOME. */
  home_symlinks: string[];
  /** Before deleting a pane dir, move its transcripts to <state>/transcripts/. */
  keep_transcripts: boolean;
  /** Pane dirs no live or restorable pane owns: removed at server start, or only listed. */
  orphans: 'remove' | 'list';
  /** Archived transcripts older than this are deleted (0: kept forever). */
  transcript_retention_days: number;
  /** The archive is trimmed, oldest first, to this many MB (0: no limit). */
  transcript_max_mb: number;
}

/** When a Claude pane gets a git worktree of its own (ADR 0016). */
export type WorktreeMode = 'never' | 'ask' | 'always';

export const WORKTREE_MODES: readonly WorktreeMode[] = ['never', 'ask', 'always'];

/** `[claude.worktree]`: git worktrees for Claude panes (claude/worktree*.ts). */
export interface WorktreeSettings {
  /** never: only with --worktree; ask: a key-started Claude pane asks for a name; always: every Claude pane in a repository. */
  mode: WorktreeMode;
  /** Where worktrees go: `{repo}` is the repository's top dir, `{repo_name}` its name, ~ your home. */
  dir: string;
  /** The new branch's name: `{name}` is the worktree's name. */
  branch: string;
  /** Files or dirs of the repository (relative to its top) copied into a new worktree when they exist (.env). */
  copy: string[];
  /** A shell command run in a new worktree before claude starts ("" for none); failing, nothing is kept. */
  setup: string;
}

/** `[claude.profiles.NAME]`: every field optional, falling back to the `[claude]` defaults. */
export interface ClaudeProfile {
  name: string;
  /** Base Claude config dir to seed from (its `.claude.json` lives inside it). */
  base_dir?: string;
  method?: IsolationMethod;
  /** Extra environment for claude (e.g. ANTHROPIC_BASE_URL, ANTHROPIC_MODEL). Never secrets. */
  env: Record<string, string>;
  /** Name of an environment variable whose value is passed to claude as ANTHROPIC_API_KEY. */
  api_key_env?: string;
  /** Extra arguments appended to claude's command line. */
  args: string[];
}

export interface ClaudeSettings {
  /** The claude executable: a name looked up in PATH or a path. */
  command: string;
  /** Extra arguments for every Claude pane. */
  args: string[];
  /**
   * How Claude panes report their state: true or "http" (http hooks where the pane's claude
   * has them, else command hooks), "command" (a hook process per event), false (none).
   */
  hooks: ClaudeHooksSetting;
  /** Give Claude panes a `tmux` that is ccmux, so agent teams open as ccmux panes (ADR 0015). */
  tmux_shim: boolean;
  /** Base Claude config dir to seed from; "" means CLAUDE_CONFIG_DIR of the server, else ~/.claude. */
  base_dir: string;
  isolation: IsolationSettings;
  seed: SeedSettings;
  worktree: WorktreeSettings;
  profiles: Record<string, ClaudeProfile>;
}

/** The defaults, as documented in config/ccmux.toml. */
export function defaultClaudeSettings(): ClaudeSettings {
  return {
    command: 'claude',
    args: [],
    hooks: true,
    tmux_shim: false,
    base_dir: '',
    isolation: {
      method: 'config_dir',
      cleanup_on_close: true,
      home_symlinks: ['.bashrc', '.zshrc', '.gitconfig', '.ssh'],
      keep_transcripts: true,
      orphans: 'remove',
      transcript_retention_days: 30,
      transcript_max_mb: 500,
    },
    seed: {
      onboarding: true,
      trust: true,
      credentials: true,
      mcp_servers: true,
      api_key_responses: true,
      share: ['settings.json', 'CLAUDE.md', 'commands', 'skills', 'agents', 'plugins'],
    },
    worktree: {
      mode: 'never',
      dir: '{repo}.worktrees',
      branch: 'ccmux/{name}',
      copy: [],
      setup: '',
    },
    profiles: {},
  };
}
