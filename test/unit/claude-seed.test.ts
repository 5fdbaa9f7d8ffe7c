/*
 * seedClaudeJson: what a fresh pane's `.claude.json` carries over from the base one, switch
 * by switch — and what it must never carry (costs, session ids, other projects, history).
 */
import { describe, expect, it } from 'vitest';
import { seedClaudeJson } from '../../src/claude/seed.js';
import { settingsWith } from './claude-test-helpers.js';

const base = {
  numStartups: 40,
  hasCompletedOnboarding: true,
  lastOnboardingVersion: '2.1.100',
  theme: 'light',
  userID: 'base-user-id',
  oauthAccount: { emailAddress: 'me@example.com' },
  mcpServers: { files: { command: 'mcp-files' } },
  customApiKeyResponses: { approved: ['abcdefghij0123456789'], rejected: [] },
  projects: {
    '/work/proj': { hasTrustDialogAccepted: true, lastCost: 3, lastSessionId: 'old', allowedTools: ['Bash'] },
    '/work/other': { hasTrustDialogAccepted: true },
    '/work/untrusted': { hasTrustDialogAccepted: false },
  },
};
const all = settingsWith().seed;

describe('seedClaudeJson', () => {
  it('carries onboarding, this project’s trust, MCP servers, API key responses and the account', () => {
    expect(seedClaudeJson(base, '/work/proj', all)).toEqual({
      hasCompletedOnboarding: true,
      lastOnboardingVersion: '2.1.100',
      theme: 'light',
      projects: { '/work/proj': { hasTrustDialogAccepted: true } },
      mcpServers: { files: { command: 'mcp-files' } },
      customApiKeyResponses: { approved: ['abcdefghij0123456789'], rejected: [] },
      oauthAccount: { emailAddress: 'me@example.com' },
    });
  });

  it('does not trust a project the base does not trust', () => {
    expect(seedClaudeJson(base, '/work/untrusted', all).projects).toBeUndefined();
    expect(seedClaudeJson(base, '/work/new', all).projects).toBeUndefined();
  });

  it('trusts a subfolder of a trusted folder, as claude does (and not a parent, a sibling or a lookalike)', () => {
    expect(seedClaudeJson(base, '/work/proj/sub/deeper', all).projects).toEqual({
      '/work/proj/sub/deeper': { hasTrustDialogAccepted: true },
      '/work/proj': { hasTrustDialogAccepted: true },
    });
    expect(seedClaudeJson(base, '/work', all).projects).toBeUndefined();
    expect(seedClaudeJson(base, '/work/project', all).projects).toBeUndefined();
    expect(seedClaudeJson(base, '/work/untrusted/sub', all).projects).toBeUndefined();
    expect(seedClaudeJson({ projects: { '/': { hasTrustDialogAccepted: true } } }, '/a/b', all).projects).toEqual({
      '/a/b': { hasTrustDialogAccepted: true },
      '/': { hasTrustDialogAccepted: true },
    });
  });

  it('marks onboarding done even without a base', () => {
    expect(seedClaudeJson(undefined, '/x', all)).toEqual({ hasCompletedOnboarding: true });
    expect(seedClaudeJson('garbage', '/x', all)).toEqual({ hasCompletedOnboarding: true });
    expect(seedClaudeJson([1, 2], '/x', all)).toEqual({ hasCompletedOnboarding: true });
  });

  it('honours each switch', () => {
    const none = { ...all, onboarding: false, trust: false, credentials: false, mcp_servers: false, api_key_responses: false };
    expect(seedClaudeJson(base, '/work/proj', none)).toEqual({});
    expect(Object.keys(seedClaudeJson(base, '/work/proj', { ...none, trust: true }))).toEqual(['projects']);
    expect(Object.keys(seedClaudeJson(base, '/work/proj', { ...none, mcp_servers: true }))).toEqual(['mcpServers']);
    expect(Object.keys(seedClaudeJson(base, '/work/proj', { ...none, api_key_responses: true }))).toEqual(['customApiKeyResponses']);
    expect(Object.keys(seedClaudeJson(base, '/work/proj', { ...none, credentials: true }))).toEqual(['oauthAccount']);
  });

  it('copies, so changing the seed never changes the base', () => {
    const seeded = seedClaudeJson(base, '/work/proj', all) as { mcpServers: { files: { command: string } } };
    seeded.mcpServers.files.command = 'changed';
    expect(base.mcpServers.files.command).toBe('mcp-files');
  });
});
