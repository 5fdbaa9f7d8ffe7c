/*
 * What a fresh per-pane `.claude.json` starts with, computed from the user's base
 * `.claude.json` (already parsed; anything may be in it, or nothing) and the `[claude.seed]`
 * switches. Pure: the planner writes the result, nothing here touches a disk.
 *
 * Only what makes the pane usable at once is carried over: the onboarding flags, the trust
 * of this pane's project (never of other projects), the MCP servers, the approved API key
 * suffixes and, with shared credentials, the account they belong to. Costs, session ids,
 * per-project history and caches stay behind: they are the per-session state that must
 * never be shared between concurrent claude processes.
 */
import path from 'node:path';
import type { SeedSettings } from '../config/claude-settings.js';

/**
 * UX-only flags that, when the base has them, keep claude's first-run screens (theme,
 * release notes, tips) from showing again. `hasCompletedOnboarding` is always set.
 */
export const ONBOARDING_KEYS: readonly string[] = [
  'lastOnboardingVersion',
  'theme',
  'lastReleaseNotesSeen',
  'hasSeenTasksHint',
  'hasIdeOnboardingBeenShown',
  'hasAcknowledgedCostThreshold',
];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The folder whose trust the base config gives `root`, as claude decides it: `root`
 * itself or its nearest ancestor with `projects[…].hasTrustDialogAccepted === true` (a
 * trusted folder's subfolders ask nothing); undefined when none is trusted.
 */
export function trustedBy(base: unknown, root: string): string | undefined {
  if (!isObject(base) || !isObject(base.projects)) return undefined;
  const projects = base.projects;
  for (let dir = root; ; dir = path.dirname(dir)) {
    const entry = projects[dir];
    if (isObject(entry) && entry.hasTrustDialogAccepted === true) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Whether the base config trusts `root` (itself, or through a trusted ancestor). */
export function baseTrusts(base: unknown, root: string): boolean {
  return trustedBy(base, root) !== undefined;
}

/**
 * The seeded `.claude.json` of a pane whose project (git root of its cwd, or its cwd) is
 * `projectRoot` (for a worktree, trusted as its repository `trustFrom` is). `base` is the parsed base `.claude.json`, or undefined when it is missing
 * or unreadable; a non-object base counts as empty.
 */
export function seedClaudeJson(base: unknown, projectRoot: string, seed: SeedSettings, trustFrom?: string): Json {
  const from: Json = isObject(base) ? base : {};
  const out: Json = {};
  if (seed.onboarding) {
    out.hasCompletedOnboarding = true;
    for (const key of ONBOARDING_KEYS) {
      if (from[key] !== undefined) out[key] = copy(from[key]);
    }
  }
  // The trusted folder itself is seeded (and the project, when they differ), so the
  // pane's claude decides as plain claude would with the base config.
  // A worktree's project is trusted when its repository is (trustFrom).
  const trusted = seed.trust ? trustedBy(from, projectRoot) ?? (trustFrom ? trustedBy(from, trustFrom) : undefined) : undefined;
  if (trusted) {
    out.projects = { [projectRoot]: { hasTrustDialogAccepted: true } };
    if (trusted !== projectRoot) (out.projects as Json)[trusted] = { hasTrustDialogAccepted: true };
  }
  if (seed.mcp_servers && isObject(from.mcpServers)) {
    out.mcpServers = copy(from.mcpServers);
  }
  if (seed.api_key_responses && isObject(from.customApiKeyResponses)) {
    out.customApiKeyResponses = copy(from.customApiKeyResponses);
  }
  if (seed.credentials && isObject(from.oauthAccount)) {
    out.oauthAccount = copy(from.oauthAccount);
  }
  return out;
}
