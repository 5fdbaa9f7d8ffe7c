/*
 * Hooks as data: the names and levels (core/hook-names.ts), the scoped store and how an
 * event finds its hook (server/hooks.ts), and commands printed as tmux prints them
 * (commands/print-command.ts), read back unchanged by ccmux's parser; the hook queue:
 * bounded, in order, and no hook raised by a hook's own commands.
 */
import { describe, expect, it } from 'vitest';
import { ALL_HOOKS, hookLevel, splitHookName } from '../../src/core/hook-names.js';
import { HookStore, HookTable } from '../../src/server/hooks.js';
import { escapeArg, printArgs } from '../../src/commands/print-command.js';
import { parseCommandString } from '../../src/core/parse-command.js';
import { Session, Window } from '../../src/server/window.js';
import type { Pane } from '../../src/server/pane.js';
import { HookQueue, MAX_PENDING, hookFormats, inEventHook, inHook, runAsHook } from '../../src/server/hook-queue.js';
import type { CommandRunner } from '../../src/server/command-context.js';
import type { Server } from '../../src/server/server.js';
import type { Logger } from 'pino';

describe('hook names', () => {
  it('has tmux 3.3a\'s hooks at their levels, sorted', () => {
    expect(hookLevel('after-new-window')).toBe('session');
    expect(hookLevel('client-attached')).toBe('session');
    expect(hookLevel('window-linked')).toBe('session');
    expect(hookLevel('window-renamed')).toBe('window');
    expect(hookLevel('pane-exited')).toBe('pane');
    expect(hookLevel('after-nothing')).toBeUndefined();
    const names = ALL_HOOKS.map(([n]) => n);
    expect(names).toEqual([...names].sort());
    expect(names.length).toBe(65);
  });
  it('splits hook[N]', () => {
    expect(splitHookName('pane-died[3]')).toEqual({ name: 'pane-died', index: 3 });
    expect(splitHookName('pane-died')).toEqual({ name: 'pane-died' });
    expect(splitHookName('pane-died[x]')).toEqual({ name: 'pane-died[x]' });
    expect(splitHookName('pane-died[]')).toBeNull();
  });
});

describe('HookTable', () => {
  it('sets, replaces, appends into the first free index, unsets items and whole hooks', () => {
    const t = new HookTable();
    t.set('h', 'a', 3, false);
    t.set('h', 'b', undefined, true);
    t.set('h', 'c', undefined, true);
    expect([...t.get('h')!]).toEqual([[3, 'a'], [0, 'b'], [1, 'c']]);
    t.set('h', 'x', 3, true);
    expect(t.get('h')!.get(3)).toBe('ax');
    t.unset('h', 0);
    expect([...t.get('h')!.keys()]).toEqual([3, 1]);
    t.set('h', 'only', undefined, false);
    expect([...t.get('h')!]).toEqual([[0, 'only']]);
    t.unset('h');
    expect(t.get('h')).toBeUndefined();
    expect(t.names()).toEqual([]);
  });
});

describe('HookStore.find', () => {
  const s = new Session(1, 's');
  const other = new Session(2, 'o');
  const w = new Window(1, 0, { id: 1 } as unknown as Pane, 80, 24);
  const p = { id: 1 } as unknown as Pane;
  const q = { id: 2 } as unknown as Pane;
  it('a session hook: the session\'s, else the global one', () => {
    const h = new HookStore();
    h.table({ level: 'session' })!.set('session-renamed', 'global', undefined, false);
    h.table({ level: 'session', session: s })!.set('session-renamed', 'own', undefined, false);
    expect(h.find('session-renamed', 'session', s, undefined, undefined)!.get(0)).toBe('own');
    expect(h.find('session-renamed', 'session', other, undefined, undefined)!.get(0)).toBe('global');
    expect(h.find('session-renamed', 'session', undefined, undefined, undefined)!.get(0)).toBe('global');
  });
  it('a pane hook: the pane\'s, else its window\'s, else the global one; the nearest set level wins whole', () => {
    const h = new HookStore();
    expect(h.find('pane-exited', 'pane', s, w, p)).toBeUndefined();
    h.table({ level: 'window' })!.set('pane-exited', 'global', undefined, false);
    expect(h.find('pane-exited', 'pane', s, w, p)!.get(0)).toBe('global');
    h.table({ level: 'window', window: w })!.set('pane-exited', 'window', undefined, false);
    expect(h.find('pane-exited', 'pane', s, w, p)!.get(0)).toBe('window');
    h.table({ level: 'pane', pane: p })!.set('pane-exited', 'pane', 5, false);
    expect([...h.find('pane-exited', 'pane', s, w, p)!]).toEqual([[5, 'pane']]);
    expect(h.find('pane-exited', 'pane', s, w, q)!.get(0)).toBe('window');
    // a window hook never looks at a pane's table
    h.table({ level: 'pane', pane: p })!.set('window-renamed', 'pane', undefined, false);
    expect(h.find('window-renamed', 'window', s, w, p)).toBeUndefined();
  });
});

describe('commands printed as tmux prints them', () => {
  it('quotes an argument as args_escape does', () => {
    expect(escapeArg('plain')).toBe('plain');
    expect(escapeArg('')).toBe("''");
    expect(escapeArg('a b')).toBe('"a b"');
    expect(escapeArg('x"y')).toBe(`'x"y'`);
    expect(escapeArg('a$b"c\\d')).toBe('"a\\$b\\"c\\\\d"');
    expect(escapeArg('#')).toBe('\\#');
    expect(escapeArg('~/x')).toBe('\\~/x');
    expect(escapeArg('tab\té')).toBe('tab\\té');
    expect(escapeArg('esc\x1b')).toBe('esc\\033');
  });
  it('reads back what it prints', () => {
    const samples = ['a', '', 'a b', 'x"y', "it's", 'a$b"c\\d', '#', '~/x', '~', 'tab\té', 'n\nl', 'esc\x1b', '{a}', '%1', ';', 'a;b', ' ', '"', "'", "a'b\"c", '\\', '#{pane_id}', '$HOME', 'x\x7fy'];
    for (const s of samples) expect(parseCommandString(`cmd ${escapeArg(s)}`)[0]![1], JSON.stringify(s)).toBe(s);
  });
  it('prints flags in byte order, boolean ones together, then values, then arguments', () => {
    expect(printArgs(new Set(['h', 'd', 'c', 't']), new Map([['t', ['a:0']], ['c', ['/tmp']]]), ['x y'])).toBe('-dh -c /tmp -t a:0 "x y"');
    expect(printArgs(new Set(['e']), new Map([['e', ['A=1', 'B=2']]]), [])).toBe('-e A=1 -e B=2');
    expect(printArgs(new Set(), new Map(), [])).toBe('');
  });
});

describe('running hooks', () => {
  it('knows, through awaits and only until it is done, that a hook\'s commands are running', async () => {
    expect(inHook()).toBe(false);
    let later: Promise<[boolean, boolean]> | undefined;
    await runAsHook('event', { hook: 'x' }, async () => {
      expect(inEventHook()).toBe(true);
      await new Promise((r) => setTimeout(r, 1));
      expect(hookFormats()).toEqual({ hook: 'x' });
      // a callback made inside (a pane's pty started by the hook) runs after it is done
      later = new Promise((r) => setTimeout(() => r([inHook(), inEventHook()]), 20));
    });
    expect(await later).toEqual([false, false]);
    await runAsHook('after', {}, async () => {
      expect(inHook()).toBe(true);
      expect(inEventHook()).toBe(false);
    });
  });

  it('queues at most MAX_PENDING event hooks, runs them in order, and none raised by an event hook', async () => {
    const ran: string[] = [];
    const warned: string[] = [];
    const hooks = new HookStore();
    hooks.table({ level: 'session' })!.set('session-renamed', 'cmd', undefined, false);
    let queue: HookQueue;
    const runner = {
      runString: async (_ctx: unknown, text: string) => {
        ran.push(text);
        queue.add({ name: 'session-renamed', level: 'session', where: {}, formats: {} }); // raised by the hook: dropped
        return true;
      },
    } as unknown as CommandRunner;
    const server = { model: { bestSession: () => undefined, panes: new Map(), sessions: [] }, hooks, clients: new Set(), opts: { home: '/', env: {} } } as unknown as Server;
    queue = new HookQueue(server, runner, { warn: (o: { hook: string }) => warned.push(o.hook), error: () => {} } as unknown as Logger);
    for (let i = 0; i < MAX_PENDING + 5; i++) queue.add({ name: 'session-renamed', level: 'session', where: {}, formats: { hook: String(i) } });
    expect(warned.length).toBe(5);
    await new Promise((r) => setTimeout(r, 200));
    expect(ran.length).toBe(MAX_PENDING);
  });
});
