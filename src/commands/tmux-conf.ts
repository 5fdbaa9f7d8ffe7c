/*
 * Running a tmux configuration file (source-file FILE, `ccmux -f FILE`, and the
 * `tmux-conf` list in ccmux.toml): every command in order, as tmux runs its config. A
 * command that fails — one ccmux does not have, an option it does not know, a bad flag —
 * is reported as `file:line: message` and skipped; the rest still run (never fatal,
 * never silent). As in tmux the file is parsed whole before its first command runs:
 * %if/%elif/%else/%endif are decided then, by the format's value (true unless empty or
 * "0"), and `NAME=value` lines set a variable of the global environment (what new panes
 * get, show-environment -g), `%hidden NAME=value` a hidden one (for $NAME and formats
 * only), as tmux does, each as soon as it is read, so $NAME on the lines after it — in
 * `{ }` groups too — is its value; $NAME reads the global environment; ~ is the home dir.
 * Nested source-file calls share one depth limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCommandLines, quoteArgv, CommandParseError, type Expansion } from '../core/parse-command.js';
import { splitTmuxConf } from '../config/tmux-conf.js';
import { expandFor } from '../server/format-vars.js';
import { current } from '../server/targets.js';
import { withCommandFormats } from '../server/command-formats.js';
import type { CommandContext } from './types.js';
import type { Server } from '../server/server.js';
import type { CommandRunner } from '../server/command-context.js';

/** How deeply config files may source each other (tmux's limit is 50). */
const MAX_DEPTH = 50;
/** A config file larger than this is refused (tmux reads any size; this keeps a mistake from hanging the server). */
const MAX_BYTES = 4 * 1024 * 1024;

/** Source-file depth of the file now running, per server. */
const depthOf = new WeakMap<object, number>();

export interface ConfResult {
  /** `file:line: message` for each command that failed or was skipped. */
  errors: string[];
  /** Commands run. */
  ran: number;
}

/** Whether a path names a ccmux.toml rather than a tmux command file. */
export function isTomlConfig(file: string): boolean {
  return /\.toml$/i.test(file);
}

/** `~` and `~/x` as the home dir, as tmux's source-file takes them. */
export function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

/** The files a source-file path names: itself, or (with * ? [ in its last part) what matches, sorted. */
export function globFiles(p: string): string[] {
  const dir = path.dirname(p);
  const base = path.basename(p);
  if (!/[*?[]/.test(base)) return [p];
  const re = new RegExp(
    `^${base.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^')}$`,
  );
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith('.') && re.test(n)).sort().map((n) => path.join(dir, n));
}

function truthy(v: string): boolean {
  return v !== '' && v !== '0';
}

/** Run the tmux configuration file `file` in `ctx`; `quiet` (source-file -q): a missing file is no error. */
export async function runTmuxConf(ctx: CommandContext, file: string, quiet = false, verbose = false): Promise<ConfResult> {
  const result: ConfResult = { errors: [], ran: 0 };
  const { server } = ctx;
  const depth = depthOf.get(server) ?? 0;
  if (depth >= MAX_DEPTH) {
    result.errors.push(`${file}: too many nested files (source-file more than ${MAX_DEPTH} deep)`);
    return result;
  }
  let text: string;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    if (st.size > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes`);
    text = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (!(quiet && e.code === 'ENOENT')) result.errors.push(`${file}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`);
    return result;
  }
  /** A `NAME=value` line: set as soon as it is read, so the lines after it see $NAME (tmux's parser does this). */
  const assignment = (argv: string[]): RegExpExecArray | null => (argv.length === 1 ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(argv[0]!) : null);
  const expansion: Expansion = {
    home: server.opts.home,
    variable: (n) => server.environ.find(n)?.value ?? undefined,
    command: (argv) => {
      const assign = assignment(argv);
      if (assign) server.environ.set(assign[1]!, assign[2]!);
    },
  };
  const scope = (): Parameters<typeof expandFor>[2] => {
    try {
      const r = current(ctx);
      return { session: r.session, window: r.window, pane: r.pane };
    } catch {
      return {};
    }
  };
  // As tmux: the whole file is parsed first — %if decided, %hidden and NAME=value taken —
  // and only then are its commands run, so a %if sees the state from before the file.
  const plan: Array<{ argv: string[]; where: string }> = [];
  /** One entry per open %if: whether its branch runs, whether one of its branches has, whether the enclosing one runs. */
  const conds: Array<{ on: boolean; taken: boolean; outer: boolean; line: number }> = [];
  const active = (): boolean => conds.every((c) => c.on);
  // The condition's word read as the parser reads a command's: $NAME and ${NAME} from the
  // environment as it is when the directive is reached (a %hidden set above it), as tmux.
  const condition = (item: { format: string; raw?: string }): string => {
    if (item.raw === undefined) return item.format;
    try {
      return parseCommandLines(item.raw, expansion)[0]?.argv[0] ?? item.format;
    } catch {
      return item.format;
    }
  };
  const test = (item: { format: string; raw?: string }): boolean => truthy(expandFor(server, condition(item), scope(), true));
  /** A syntax error: where the bad quote or brace ends is anyone's guess, so (as tmux) nothing of the file runs. */
  let broken = false;
  const planText = (chunk: string, first: number): void => {
    let commands: Array<{ argv: string[]; line: number }>;
    try {
      commands = parseCommandLines(chunk, expansion);
    } catch (err) {
      if (!(err instanceof CommandParseError)) throw err;
      result.errors.push(`${file}:${first + err.line - 1}: ${err.reason}`);
      broken = true;
      return;
    }
    for (const { argv, line } of commands) if (!assignment(argv)) plan.push({ argv, where: `${file}:${first + line - 1}` });
  };
  for (const item of splitTmuxConf(text)) {
    const at = `${file}:${item.line}`;
    switch (item.kind) {
      case 'error':
        result.errors.push(`${at}: ${item.message}`);
        break;
      case 'if': {
        const outer = active();
        const on = outer && test(item);
        conds.push({ on, taken: on, outer, line: item.line });
        break;
      }
      case 'elif':
      case 'else': {
        const c = conds.at(-1);
        if (!c) {
          result.errors.push(`${at}: %${item.kind} without %if`);
          break;
        }
        c.on = !c.taken && c.outer && (item.kind === 'else' || test(item));
        c.taken ||= c.on;
        break;
      }
      case 'endif':
        if (!conds.pop()) result.errors.push(`${at}: %endif without %if`);
        break;
      case 'hidden':
        // Its value read as the parser reads it: $NAME and ~ expanded when the line is reached, as tmux.
        if (active()) server.environ.set(item.name, /^[A-Za-z_][A-Za-z0-9_]*=(.*)$/s.exec(condition({ format: `${item.name}=${item.value}`, raw: item.raw }))?.[1] ?? item.value, true);
        break;
      case 'text':
        if (active()) planText(item.text, item.line);
        break;
    }
  }
  for (const c of conds) result.errors.push(`${file}:${c.line}: %if without %endif`);
  if (broken) {
    result.errors.push(`${file}: not run (a syntax error, as above)`);
    return result;
  }
  // -v: each line's commands as tmux prints them, with where they are, before any runs (tmux prints while parsing).
  if (verbose) printPlan(ctx, plan);
  depthOf.set(server, depth + 1);
  try {
    // Its commands see #{current_file} (tmux's cfg.c adds it to their state).
    await withCommandFormats({ current_file: file }, async () => {
      for (const { argv, where } of plan) {
        const errs: string[] = [];
        const ok = await ctx.runner.runString({ ...ctx, err: (t) => errs.push(t) }, quoteArgv(argv));
        result.ran++;
        // A nested source-file's own errors already say where they are: keep every line.
        const [first, ...more] = errs.join('').trim().split('\n').filter(Boolean);
        if (!ok || first) result.errors.push(`${where}: ${first ?? `${argv[0]} failed`}`, ...more);
      }
    });
  } finally {
    depthOf.set(server, depth);
  }
  return result;
}

/** Run each file of the `tmux-conf` option (ccmux.toml), in order; missing ones are reported. */
export async function runTmuxConfList(ctx: CommandContext, startup = false): Promise<ConfResult> {
  const all: ConfResult = { errors: [], ran: 0 };
  for (const f of ctx.server.options.get('tmux-conf') as string[]) {
    for (const file of globFiles(expandHome(f, ctx.server.opts.home))) {
      if (startup) ctx.server.configFiles.push(file);
      const r = await runTmuxConf(ctx, file);
      all.errors.push(...r.errors);
      all.ran += r.ran;
    }
  }
  return all;
}

/**
 * At server start: run `file` (a -f tmux configuration file), else ccmux.toml's tmux-conf
 * list, in a context of no client whose output goes to the log's errors only.
 */
export async function runStartupTmuxConf(server: Server, runner: CommandRunner, file: string | undefined): Promise<ConfResult> {
  const ctx: CommandContext = {
    server,
    runner,
    caller: { protocol: 0, version: '', pid: process.pid, cwd: server.opts.home, tty: false, cols: 80, rows: 24, env: server.opts.env ?? {} },
    out: () => {},
    err: () => {},
  };
  if (!file) return runTmuxConfList(ctx, true);
  server.configFiles.push(path.resolve(server.opts.home, file));
  return runTmuxConf(ctx, file);
}

/** source-file -v: the commands of each line, `FILE:LINE: command ; command`, as tmux's CMD_PARSE_VERBOSE. */
export function printPlan(ctx: CommandContext, plan: ReadonlyArray<{ argv: string[]; where: string }>): void {
  for (let i = 0; i < plan.length; ) {
    const where = plan[i]!.where;
    const line: string[] = [];
    for (; i < plan.length && plan[i]!.where === where; i++) line.push(ctx.runner.print(quoteArgv(plan[i]!.argv)));
    ctx.out(`${where}: ${line.join(' ; ')}\n`);
  }
}
