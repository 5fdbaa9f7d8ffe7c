/*
 * The ccmux server: the model (model.ts) and what runs around it — the attached clients,
 * the socket listener, the status clock, the read budget, the config in force, the spawn
 * hooks, and the way out.
 *
 * The server does not change sessions, windows or panes itself: the model does, and
 * raises typed events (events.ts). The client fan-out (client/fanout.ts) turns them into
 * redraws, persistence into checkpoints; the server ends itself when the last session
 * closes (option exit-empty).
 */
import { statusLines } from '../config/status-lines.js';
import { PromptHistory } from './prompt-history.js';
import { historyFilePath, saveHistoryFile } from './prompt-history-file.js';
import { MessageLog } from './message-log.js';
import { HookStore } from './hooks.js';
import { Emitter, type ClientEvents } from './events.js';
import { Environ, childEnv } from '../core/environ.js';
import net from 'node:net';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { shown, windowSizeFor, type SizingClient, type WindowSizeMode } from './window-size.js';
import type { Logger } from 'pino';
import { ReadBudget } from './read-budget.js';
import type { OptionStore } from '../config/option-values.js';
import type { KeyTables } from './key-tables.js';
import type { LoadedConfig } from './loaded-config.js';
import type { ClaudeSettings } from '../config/claude-settings.js';
import type { Pane } from './pane.js';
import type { Session, Window } from './window.js';
import type { Reuse } from './reuse.js';
import type { PtySpawner } from './pty-host.js';
import type { ClientHandle } from './client/handle.js';
import { PasteBuffers } from './paste-buffers.js';
import type { ClaudeStateView } from './claude-view.js';
import { showsTime } from '../core/format.js';
import { statusTickDelay } from './status-timer.js';
import { Model } from './model.js';
import { prepareSpawn, type PreparedSpawn, type SpawnHook, type SpawnRequest } from './spawn.js';
import { Alerts } from './alerts.js';
import { installClientFanout } from './client/fanout.js';
import { FormatJobs, shellJobRunner } from './format-jobs.js';
import { jobEnv } from './job-env.js';
import { CommandError } from '../core/errors.js';
import { ServerAcl } from './server-acl.js';

export interface ServerOptions {
  socketPath: string;
  stateDir: string;
  configFile: string | undefined;
  home: string;
  spawner: PtySpawner;
  log: Logger;
  config: LoadedConfig;
  /**
   * The server's own environment, with nothing a ccmux pane was given (scrubInjected):
   * what new sessions start from (sessionEnv), as tmux's global environment.
   */
  env?: Record<string, string>;
}

/** Whether `s`'s status line has a #(command) job: in status-left, status-right or a window's format. */
function statusRunsJobs(options: OptionStore, s: Session): boolean {
  const formats = [options.get('status-left', { session: s }), options.get('status-right', { session: s })];
  for (const w of s.windows) formats.push(options.get('window-status-format', { session: s, window: w }), options.get('window-status-current-format', { session: s, window: w }));
  return formats.some((f) => String(f).includes('#('));
}

export class Server {
  readonly model: Model;
  readonly clients = new Set<ClientHandle>();
  /** Holds background panes' reading back while parsing floods the server (read-budget.ts). */
  private readonly readBudget = new ReadBudget<Pane>();
  readonly startedAt = Date.now();
  readonly buffers = new PasteBuffers(() => this.options.get('buffer-limit') as number);
  /** The socket listener (server/listener.ts sets it); closed at shutdown. */
  listener: net.Server | null = null;
  private exiting = false;
  /** What prepares pane starts (spawn.ts): Claude isolation plugs in here at start-up. */
  readonly spawnHooks: SpawnHook[] = [];
  /** Clients attaching, detaching, resizing, switching sessions (events.ts): hooks and control clients' notifications listen. */
  readonly clientEvents = new Emitter<ClientEvents>();
  /** What was typed at prompts, per type (prompt-history.ts). */
  readonly promptHistory = new PromptHistory(() => this.options.get('prompt-history-limit') as number);
  /** Commands run and messages shown (show-messages). */
  readonly messages = new MessageLog(() => this.options.get('message-limit') as number);
  /** The hooks set with set-hook (hooks.ts); hook-events.ts runs them. */
  readonly hooks = new HookStore();
  /** Who may connect besides the owner and root, and who only looks (server-access, server-acl.ts). */
  readonly acl = new ServerAcl(process.getuid?.() ?? 0);
  /** Dirs of panes that are not orphans whoever asks (persistence: restorable panes' dirs). */
  readonly dirKeepers: Array<() => Iterable<string>> = [];
  /** Bells, activity and silence in windows: flags, alert hooks, messages (alerts.ts). */
  readonly alerts: Alerts;
  /** Claude pane states, as the server shows them (set at start-up). */
  awareness: ClaudeStateView | null = null;
  /** The `#(command)` jobs of status lines (format-jobs.ts). */
  readonly formatJobs: FormatJobs;
  /** What a pane that remains after its program exited is fed: remain-on-exit-format drawn (dead-pane.ts installs it). */
  deadPaneEscapes: (p: Pane) => string = () => '';
  /** A window's automatic name from an automatic-rename-format of the user's (window-name.ts installs it); undefined: ccmux's default. */
  autoName: (w: Window, reuse?: Reuse) => string | undefined = () => undefined;
  private readonly clientTags = new WeakMap<ClientHandle, string>();
  private nextClientTag = 0;
  private jobRedraw: { last: number; timer: NodeJS.Timeout | null } = { last: 0, timer: null };
  /**
   * Until start-up is over (the tmux configuration run, panes restored) commands wait,
   * except those of the configuration's own jobs (a tpm plugin's `tmux set …`), which
   * carry startupToken in their environment (job-env.ts): tmux, too, serves its config's
   * jobs while the config waits for them, and runs every client's command after it.
   */
  private startup: { done: Promise<void>; open: () => void } | null = null;
  readonly startupToken = randomUUID();
  /** The tmux shim's dir (ADR 0015) for jobs' PATH (job-env.ts), written when first asked; set at start-up. */
  tmuxShimDir: () => string | null = () => null;
  private clockTimer: NodeJS.Timeout | null = null;
  /** Writes checkpoints; set at start-up unless persistence is off. */
  persistence: { write(clean: boolean): void; readonly lastError?: string } | null = null;
  /** Told to the first client that attaches (what start-up restored or found damaged). */
  startupNotice: string | null = null;
  /** The tmux configuration files read at start (-f, else ccmux.toml's tmux-conf list): #{config_files}, as tmux's cfg_files. */
  configFiles: string[] = [];

  /**
   * The global environment (tmux's global_environ): the server's own at start, changed by
   * set-environment -g; every pane starts from it with its session's on top.
   */
  readonly environ: Environ;
  options: OptionStore;
  keys: KeyTables;
  claude: ClaudeSettings;

  constructor(readonly opts: ServerOptions) {
    this.options = opts.config.options;
    this.environ = new Environ(opts.env ?? {});
    this.keys = opts.config.keys;
    this.claude = opts.config.claude;
    this.model = new Model({
      options: () => this.options,
      spawner: opts.spawner,
      log: opts.log,
      socketPath: opts.socketPath,
      visible: (s, w) => s.current === w && [...this.clients].some((c) => c.session === s),
      parsed: (p, bytes, ms) => this.readBudget.parsed(p, bytes, ms, this.inFront(p)),
      exiting: () => this.exiting,
      deadPaneEscapes: (p) => this.deadPaneEscapes(p),
      autoName: (w, reuse) => this.autoName(w, reuse),
    });
    installClientFanout(this.model, this.clients);
    this.formatJobs = new FormatJobs(shellJobRunner((tag) => this.jobPlace(tag)), () => this.jobOutputChanged());
    this.alerts = new Alerts({ model: this.model, options: () => this.options, clients: () => this.clients, clientEvents: this.clientEvents });
    this.model.events.on('pane-closed', (p) => this.readBudget.forget(p));
    // A window linked into a session, or another window made current, may size differently (window-size, aggressive-resize).
    this.model.events.on('window-created', ({ window }) => this.resizeForClients(window));
    this.model.events.on('window-selected', ({ session }) => this.resizeSession(session));
    this.model.events.on('session-closed', () => {
      if (this.model.sessions.length === 0 && this.options.get('exit-empty') && !this.isStarting) this.shutdown('no sessions left');
    });
    this.model.events.on('options-changed', () => {
      for (const s of this.model.sessions) this.resizeSession(s);
      this.rescheduleClock();
    });
  }

  /** Hold commands until started() (see `startup`). */
  holdCommands(): void {
    let open = (): void => undefined;
    const done = new Promise<void>((r) => (open = r));
    this.startup = { done, open };
  }

  /** Start-up is over: held commands run. */
  started(): void {
    this.startup?.open();
    this.startup = null;
  }

  get isStarting(): boolean {
    return this.startup !== null;
  }

  /** What a command from a peer with `env` waits for before it runs: nothing once started, or for a start-up job. */
  whenStarted(env: Record<string, string>): Promise<void> | undefined {
    if (!this.startup || env.CCMUX_STARTUP_JOB === this.startupToken) return undefined;
    return this.startup.done;
  }

  /** The tag of `c`'s status-line jobs (format-jobs.ts): `c<n>:`, ended with the client. */
  jobTag(c: ClientHandle): string {
    let tag = this.clientTags.get(c);
    if (!tag) this.clientTags.set(c, (tag = `c${this.nextClientTag++}:`));
    return tag;
  }

  /** Where a job of `tag` runs: with the environment of its client's session, in the home dir. */
  private jobPlace(tag: string): { env: Record<string, string>; cwd: string } {
    const c = [...this.clients].find((x) => this.clientTags.get(x) !== undefined && tag.startsWith(this.clientTags.get(x)!));
    const s = c?.session ?? undefined;
    return { env: jobEnv(this, s), cwd: this.opts.home };
  }

  /** A job's output changed: every status line again, at most once a second (as tmux's format_job_update). */
  private jobOutputChanged(): void {
    const j = this.jobRedraw;
    if (j.timer) return;
    const redraw = (): void => {
      j.timer = null;
      j.last = Date.now();
      for (const c of this.clients) c.refresh(true);
    };
    const wait = j.last + 1000 - Date.now();
    if (wait <= 0) redraw();
    else j.timer = setTimeout(redraw, wait);
  }

  /** What a pane of a session with `environ` inherits (tmux's environ_for_session), then `extra` (-e). */
  spawnEnv(environ: Environ | undefined, extra: Record<string, string> = {}): Record<string, string> {
    return childEnv(this.environ, environ, extra);
  }

  get log(): Logger {
    return this.opts.log;
  }

  /** Replace options, key tables and Claude settings with a checked config (source-file). */
  applyConfig(loaded: LoadedConfig, file: string | undefined): void {
    const mouse = this.options.get('mouse');
    // User options (@name) are not in ccmux.toml: plugins and tmux config files set them at run time.
    loaded.options.keepUserOptions(this.options);
    this.options = loaded.options;
    this.keys = loaded.keys;
    this.claude = loaded.claude;
    this.opts.configFile = file;
    if (this.options.get('mouse') !== mouse) this.log.info('mouse option changed');
    this.model.optionsChanged();
  }

  // ---- starting panes ------------------------------------------------------------------

  /** Run the spawn hooks over a request (restore prepares each pane of a window first). */
  prepareSpawn(req: SpawnRequest): Promise<PreparedSpawn> {
    return prepareSpawn(this.spawnHooks, req);
  }

  /**
   * Start a pane for `req`: the hooks prepare it, `place` puts it in the model (newSession,
   * newWindow, splitWindow, handed the prepared request and the hooks' `started`); when
   * that throws, the hooks' preparation is undone and the error goes on. When a hook
   * could not do what was asked but made a pane that says why, the pane stays and this
   * throws that reason (the command exits 1 with it).
   */
  async spawn<T>(req: SpawnRequest, place: (req: SpawnRequest, started: (p: Pane) => void) => T): Promise<T> {
    const prepared = await this.prepareSpawn(req);
    let made: T;
    try {
      made = place(prepared.request, prepared.started);
    } catch (err) {
      await prepared.abandon();
      throw err;
    }
    if (prepared.failure) throw new CommandError(prepared.failure);
    return made;
  }

  // ---- reading --------------------------------------------------------------------------

  /** A client sent input: someone is typing (the read budget favours the pane in front). */
  noteInput(): void {
    this.readBudget.onChange ??= (on) => this.log.debug({ throttled: on }, on ? 'background panes take turns reading' : 'background panes read freely');
    this.readBudget.input();
  }

  /** Is the pane the one an attached client types into? */
  private inFront(pane: Pane): boolean {
    for (const c of this.clients) if (c.activePane === pane) return true;
    return false;
  }

  /** Is the window the current one of an attached client? */
  isVisible(w: Window): boolean {
    for (const c of this.clients) if (c.session?.current === w) return true;
    return false;
  }

  // ---- the way out ------------------------------------------------------------------------

  /**
   * Stop everything and exit the process. The last checkpoint is written first, marked
   * clean only for an explicit kill-server (so a SIGTERM at reboot restores next time).
   */
  shutdown(reason: string, clean = false): void {
    if (this.exiting) return;
    this.persistence?.write(clean);
    const historyFile = historyFilePath(this.options.get('history-file') as string, this.opts.home);
    if (historyFile) saveHistoryFile(historyFile, this.promptHistory, this.log);
    this.exiting = true;
    this.log.info({ reason }, 'server exiting');
    for (const c of [...this.clients]) c.detach('[server exited]', 0);
    this.readBudget.dispose();
    this.formatJobs.dispose();
    if (this.jobRedraw.timer) clearTimeout(this.jobRedraw.timer);
    this.alerts.dispose();
    this.model.disposeAll();
    this.listener?.close();
    try {
      fs.unlinkSync(this.opts.socketPath);
    } catch {
      /* already gone */
    }
    // Give clients a moment to receive their last frames.
    setTimeout(() => process.exit(0), 50).unref();
    setTimeout(() => process.exit(0), 500);
  }

  get isExiting(): boolean {
    return this.exiting;
  }

  // ---- clients and sizes ----------------------------------------------------------------

  addClient(c: ClientHandle): void {
    this.clients.add(c);
    this.scheduleClock();
  }

  /** A client without a session attached to one (attach-session; not new-session, as tmux). */
  clientAttached(c: ClientHandle): void {
    this.clientEvents.emit('client-attached', c);
  }

  removeClient(c: ClientHandle): void {
    this.clients.delete(c);
    const tag = this.clientTags.get(c);
    if (tag) this.formatJobs.forget(tag);
    if (c.session) this.resizeSession(c.session);
    this.clientEvents.emit('client-detached', { client: c, session: c.session });
  }

  /** A client's terminal changed size (its session was resized for it). */
  clientResized(c: ClientHandle): void {
    this.clientEvents.emit('client-resized', c);
  }

  /** A client's terminal reported focus in or out. */
  clientFocusChanged(c: ClientHandle): void {
    // As tmux's tty-keys: a focus-out reaches the panes before the client's hooks, a focus-in after.
    if (c.focused) this.clientEvents.emit('client-focus', c);
    this.clientEvents.emit('client-focus-panes', c);
    if (!c.focused) this.clientEvents.emit('client-focus', c);
  }

  /** A pane gained or lost the focus (pane-focus.ts decides). */
  paneFocusChanged(pane: Pane, focused: boolean): void {
    this.clientEvents.emit('pane-focus', { pane, focused });
  }

  /** A client attached to a session, or switched to another (tmux's server_client_set_session tells both). */
  clientSessionChanged(c: ClientHandle): void {
    this.clientEvents.emit('client-session-changed', c);
  }

  /**
   * The status line's timer (status-timer.ts): a tick every status-interval seconds while
   * a client shows a status line with a clock or a #(command) in it, and each minute while
   * a Claude pane waits. No client, or nothing that changes with time, no timer.
   */
  private scheduleClock(): void {
    if (this.clockTimer || this.clients.size === 0 || this.exiting) return;
    // The status lines of the sessions clients show (each may set its own formats).
    const shown = [...new Set([...this.clients].map((c) => c.session).filter((s) => s !== null && s !== undefined))];
    const on = shown.filter((s) => this.options.get('status', { session: s }));
    // status-left and -right, and the status-format items of the lines shown (the first's default draws those two).
    const fmt = on.map((s) => `${this.options.get('status-left', { session: s })}${this.options.get('status-right', { session: s })}${(this.options.get('status-format', { session: s }) as string[]).slice(0, statusLines(this.options, { session: s })).join('')}`).join('');
    const delay = statusTickDelay(Date.now(), {
      intervals: on.map((s) => this.options.get('status-interval', { session: s }) as number),
      changes: showsTime(fmt) || fmt.includes('#(') || on.some((s) => statusRunsJobs(this.options, s)),
      claudeWaiting: this.awareness !== null && this.awareness.hasWaiting(),
    });
    if (delay === null) return;
    this.clockTimer = setTimeout(() => {
      this.clockTimer = null;
      this.awareness?.tick();
      this.model.clockTicked();
      this.scheduleClock();
    }, delay);
  }

  /** Options changed: the status timer follows status-interval and the formats at once. */
  private rescheduleClock(): void {
    if (this.clockTimer) clearTimeout(this.clockTimer);
    this.clockTimer = null;
    this.scheduleClock();
  }

  /** The client that used each window last (window-size latest: tmux's w->latest). */
  private readonly latest = new WeakMap<Window, ClientHandle>();
  /** The client that last pressed a key in each window (tmux's w->latest, for client-active). */
  private readonly lastActive = new WeakMap<Window, ClientHandle>();

  /** Size every window of a session from the clients showing it (window-size, aggressive-resize; window-size.ts). */
  resizeSession(s: Session): void {
    for (const w of s.windows) this.resizeForClients(w);
  }

  /** Size window `w` from the clients showing it, unless it has a size of its own (resize-window, window-size manual). */
  resizeForClients(w: Window): void {
    if (w.manualSize) return;
    const sizing: Array<SizingClient & { client: ClientHandle }> = [];
    // An ignore-size client counts only when every attached client is one (tmux's ignore_client_size).
    const allIgnore = [...this.clients].every((c) => !c.session || c.ignoreSize);
    for (const c of this.clients) {
      // A control client counts once it said its size (refresh-client -C), as tmux; a size it
      // gave this window alone (-C @N:WxH) is its size here.
      const own = c.control?.windowSizes?.get(w.id);
      if (!c.session || (c.control && !c.control.sized && !own) || (c.ignoreSize && !allIgnore)) continue;
      sizing.push({ cols: own?.cols ?? c.cols, rows: own?.rows ?? c.paneAreaRows(), session: c.session, client: c });
    }
    const latest = sizing.find((x) => x.client === this.latest.get(w));
    const mode = this.options.get('window-size', { window: w }) as WindowSizeMode;
    const size = windowSizeFor(w, sizing, { mode, aggressive: this.options.get('aggressive-resize', { window: w }) as boolean, latest });
    if (size && shown(w, sizing)) this.model.resizeWindow(w, size.cols, size.rows);
  }

  /**
   * Client `c` used the window it shows (a key, a resize of its terminal, an attach, a
   * switch): with window-size latest it sizes it. A key or a resize raises client-active, as
   * tmux's server_client_update_latest (an attach or a switch is not one there: `notify` false).
   */
  clientActive(c: ClientHandle, notify = true): void {
    const w = c.session?.current;
    if (!w) return;
    // tmux's w->latest, which only a key or a resize sets: the client-active hook follows it.
    const announce = notify && this.lastActive.get(w) !== c;
    if (announce) this.lastActive.set(w, c);
    if (this.latest.get(w) !== c) {
      this.latest.set(w, c);
      if (this.options.get('window-size', { window: w }) === 'latest') this.resizeForClients(w);
    }
    if (announce) this.clientEvents.emit('client-active', c);
  }

  /** Tell the user something happened (status line of every client, and the log). */
  notify(text: string): void {
    this.log.warn({ text }, 'notice');
    for (const c of this.clients) c.showMessage(text);
  }

  hostname(): string {
    return os.hostname().split('.')[0] ?? 'localhost';
  }
}
