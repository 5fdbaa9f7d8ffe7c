/*
 * The two calls the server makes around a Claude pane's life, each gluing the pieces of
 * this dir together in the one safe order:
 *
 *   prepareClaudePane  profile → base config → read base, project root, home entries →
 *                      plan → apply; returns the plan (env, unsetEnv and args to spawn with)
 *   closeClaudePane    credentials back to the base → transcripts archived → dir removed
 *
 * Both take every path from the caller; nothing here reads os.homedir() or process.env.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { existingHomeEntries, readBase, applyPlan } from './apply.js';
import { syncCredentialsBack, type CredentialSync } from './credentials.js';
import { projectRoot } from './git-root.js';
import {
  findProfile,
  planClaudePane,
  resolveBase,
  type ClaudePanePlan,
  type LivePanes,
  type SessionChoice,
} from './plan.js';
import { safeRemoveDir, type RemoveResult } from './safe-remove.js';
import type { ClaudeSettings, IsolationMethod } from '../config/claude-settings.js';
import { archiveTranscripts, projectsDirOf, type TranscriptIndexEntry } from './transcripts.js';

export interface PrepareInput {
  paneUuid: string;
  stateDir: string;
  realHome: string;
  cwd: string;
  settings: ClaudeSettings;
  /** A `[claude.profiles.NAME]` name; unknown names are refused. */
  profileName?: string;
  method?: IsolationMethod;
  serverEnv: Record<string, string | undefined>;
  session: SessionChoice;
  existing: LivePanes;
  /** A worktree's repository, whose trust the pane's project gets. */
  trustFrom?: string;
}

export interface PreparedPane {
  plan: ClaudePanePlan;
  /** Set when the base `.claude.json` exists but could not be used; the pane was seeded without it. */
  baseWarning?: string;
}

/** Plan a Claude pane and create its dir; throws ClaudePlanError or ClaudeApplyError. */
export async function prepareClaudePane(input: PrepareInput): Promise<PreparedPane> {
  const profile = input.profileName === undefined ? undefined : findProfile(input.settings, input.profileName);
  const base = resolveBase(input.settings, profile, input.serverEnv, input.realHome);
  const [snapshot, root, homeEntries] = await Promise.all([
    readBase(base.dir, base.jsonPath),
    projectRoot(input.cwd),
    existingHomeEntries(input.realHome, input.settings.isolation.home_symlinks),
  ]);
  const plan = planClaudePane({
    ...input,
    profile,
    projectRoot: root,
    baseDir: base.dir,
    baseClaudeJson: snapshot.claudeJson,
    baseEntries: snapshot.entries,
    homeEntries,
  });
  await applyPlan(plan);
  return snapshot.jsonError ? { plan, baseWarning: snapshot.jsonError } : { plan };
}

export interface CloseResult {
  credentials: CredentialSync;
  archived: TranscriptIndexEntry[];
  removed?: RemoveResult;
  /** The dir, its .claude or its projects/ was a symlink: nothing was synced or archived through it. */
  tampered?: true;
}

/**
 * Are the pane dir and the dirs ccmux reads and writes inside it (.claude for method home,
 * projects/) real directories? Each is lstat()ed: a symlink in their place leads out of
 * the state dir, to files that are not the pane's. A missing one is fine (nothing to do).
 */
async function ownDirsIntact(plan: ClaudePanePlan): Promise<boolean> {
  if (!plan.dir) return true;
  const chain = [plan.dir, plan.configDir, projectsDirOf(plan.dir, plan.method), plan.credentials?.paneConfigDir];
  for (const p of new Set(chain.filter((x): x is string => x !== undefined).map((x) => path.resolve(x)))) {
    try {
      if (!(await fs.lstat(p)).isDirectory()) return false;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
  }
  return true;
}

/**
 * Wind a closed Claude pane down: sync its credentials back, then (with cleanup_on_close)
 * archive its transcripts when asked to and remove its dir. Safe to call for method none.
 */
export async function closeClaudePane(
  plan: ClaudePanePlan,
  stateDir: string,
  meta: { cwd: string; closedAt?: Date },
): Promise<CloseResult> {
  const result: CloseResult = { credentials: 'none', archived: [] };
  // A dir swapped for a symlink would have the base login overwritten from, and
  // "transcripts" moved out of, whatever it points at: sync and archive only real dirs.
  // (safeRemoveDir then removes just the link.)
  const intact = await ownDirsIntact(plan);
  if (!intact) result.tampered = true;
  if (plan.credentials && intact) {
    result.credentials = await syncCredentialsBack(plan.credentials.paneConfigDir, plan.credentials.baseDir);
  }
  if (!plan.cleanup) return result;
  if (plan.cleanup.keepTranscripts && intact) {
    result.archived = await archiveTranscripts(plan.cleanup.dir, plan.method, 'all', stateDir, {
      ...meta,
      profile: plan.profile,
    });
  }
  result.removed = await safeRemoveDir(plan.cleanup.dir, plan.cleanup.root);
  return result;
}
