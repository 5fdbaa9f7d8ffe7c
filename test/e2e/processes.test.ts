/*
 * End-to-end: the processes behind panes. Killing a pane (window, session) ends its
 * background and stopped jobs too; a program that floods output and exits at once
 * leaves its last line on the screen; a pane's environment is ccmux's own, whatever the
 * client that created it had (no TMUX, STY, COLUMNS, ...); a split starts where the
 * split pane's shell has cd'd to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, waitFor, CCMUX } from './harness.js';
import { SERVER_NODE_FLAGS } from '../../src/client/start-server.js';

const boxes: Sandbox[] = [];
/** Jobs the tests started in panes: killed at the end if a failing test left them running. */
const jobs: number[] = [];
function box(opts?: ConstructorParameters<typeof Sandbox>[0]): Sandbox {
  const sb = new Sandbox(opts);
  boxes.push(sb);
  return sb;
}
afterAll(async () => {
  await Promise.all(boxes.map((b) => b.dispose()));
  for (const pid of jobs) if (running(pid)) process.kill(pid, 'SIGKILL');
});

/** Is `pid` a running process (not gone, not a zombie waiting to be reaped)? */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function comm(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Run `text` in a pane's shell and wait for a line `<tag>=<number>` it prints. */
async function shellPid(sb: Sandbox, pane: string, text: string, tag: string): Promise<number> {
  await sb.ok(['send-keys', '-t', pane, text, 'Enter']);
  const re = new RegExp(`^${tag}=(\\d+)$`, 'm');
  const m = await waitFor(async () => re.exec(await sb.ok(['capture-pane', '-p', '-t', pane])), 10_000, `${tag} in ${pane}`);
  jobs.push(Number(m[1]));
  return Number(m[1]);
}

async function paneIds(sb: Sandbox): Promise<string[]> {
  return (await sb.panes()).map((p) => p.id as string);
}

/** Parse `printenv` output (NAME=value lines). */
function parseEnv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return env;
}

/** Wait for a file another process writes with `> f.tmp && mv f.tmp f`. */
function readWhenThere(file: string): Promise<string> {
  return waitFor(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null), 10_000, `${file} to be written`);
}

describe.concurrent('processes', () => {
  it('kill-pane ends the pane’s background jobs, stopped ones included', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'p']);
    await sb.ok(['split-window', '-t', 'p']);
    const [, victim] = await paneIds(sb);
    expect(victim).toBe('%1');
    const shell = (await sb.panes())[1]!.pid as number;
    const bg = await shellPid(sb, victim!, 'sleep 1000 & echo BG=$!', 'BG');
    const stopped = await shellPid(sb, victim!, 'sleep 1001 & echo ST=$!; kill -STOP $!', 'ST');
    // (Stopped perhaps before it could exec sleep: its name may still be sh.)
    await waitFor(() => /\) T /.test(fs.readFileSync(`/proc/${stopped}/stat`, 'utf8')), 5000, 'the job to stop');
    // The other pane's job must survive.
    const [keeper] = await paneIds(sb);
    const other = await shellPid(sb, keeper!, 'sleep 1002 & echo OTHER=$!', 'OTHER');
    for (const pid of [bg, stopped, other]) expect(running(pid)).toBe(true);
    expect(comm(bg)).toBe('sleep');
    expect(comm(other)).toBe('sleep');
    await sb.ok(['kill-pane', '-t', victim!]);
    await waitFor(() => !running(bg) && !running(stopped) && !running(shell), 10_000, 'the killed pane’s processes to end');
    expect(await paneIds(sb)).toEqual([keeper]);
    expect(running(other)).toBe(true);
    // kill-session ends the remaining pane's job too.
    await sb.ok(['new', '-d', '-s', 'q']);
    await sb.ok(['kill-session', '-t', 'p']);
    await waitFor(() => !running(other), 10_000, 'the job of the killed session to end');
  });

  it('kill-window ends the background jobs of every pane in it', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'w']);
    await sb.ok(['new-window', '-t', 'w']);
    await sb.ok(['split-window', '-t', 'w:1', '-h']);
    const panes = (await sb.panes()).filter((p) => p.window === 1);
    expect(panes).toHaveLength(2);
    const pids: number[] = [];
    for (const p of panes) pids.push(await shellPid(sb, p.id, `sleep 1003 & echo JOB=$!`, 'JOB'));
    expect(pids.every(running)).toBe(true);
    await sb.ok(['kill-window', '-t', 'w:1']);
    await waitFor(() => !pids.some(running), 10_000, 'the window’s jobs to end');
    expect((await sb.panes()).map((p) => p.window)).toEqual([0]);
  });

  it('shows the last line of a program that writes ~100 KB and exits at once (20 runs)', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'flood', '-x', '120', '-y', '30']);
    await sb.ok(['set-option', '-g', 'remain-on-exit', 'on']);
    const runOne = async (i: number) => {
      // seq writes ~108 KB in pipe-sized chunks; then the shell prints the marker and exits.
      const id = (await sb.ok(['new-window', '-d', '-t', 'flood', '-P', '-F', '#{pane_id}', `seq 1 20000; echo TAIL-${i}-END`])).trim();
      expect(id).toMatch(/^%\d+$/);
      await waitFor(async () => (await sb.panes()).find((p) => p.id === id)?.dead === true, 15_000, `pane ${id} to die`);
      const lines = (await sb.ok(['capture-pane', '-p', '-t', id, '-S', '-'])).split('\n');
      const tail = lines.indexOf(`TAIL-${i}-END`);
      expect(tail, `run ${i}: last line missing; end of capture:\n${lines.slice(-8).join('\n')}`).toBeGreaterThan(0);
      expect(lines[tail - 1]).toBe('20000');
      expect(lines.slice(tail + 1).join('\n')).toMatch(/Pane is dead \(status 0/);
      await sb.ok(['kill-pane', '-t', id]);
    };
    for (let batch = 0; batch < 4; batch++) {
      await Promise.all([0, 1, 2, 3, 4].map((j) => runOne(batch * 5 + j)));
    }
    expect((await sb.panes()).map((p) => p.id)).toEqual(['%0']);
  });

  it('runs the server with its node flags (a capped young generation), which panes do not inherit', async () => {
    const sb = box();
    await sb.ok(['new', '-d', '-s', 'flags']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const flag of SERVER_NODE_FLAGS) expect(argv.indexOf(flag), argv.join(' ')).toBeGreaterThan(0);
    // The flags come before the entry: the bundle `npm run build` makes, or tsc's file.
    const entry = argv.findIndex((a) => /(bundle[/]server(-boot)?\.cjs|server[/]main\.js)$/.test(a));
    expect(entry, argv.join(' ')).toBeGreaterThan(0);
    expect(argv.indexOf(SERVER_NODE_FLAGS[0]!)).toBeLessThan(entry);
    const out = path.join(sb.dir, 'node-opts.txt');
    await sb.ok(['send-keys', '-t', 'flags', `${process.execPath} -p 'process.execArgv.filter((a) => a.startsWith("--")).join(",") + "|" + (process.env.NODE_OPTIONS ?? "")' > ${out}.tmp && mv ${out}.tmp ${out}`, 'Enter']);
    expect((await readWhenThere(out)).trim()).toBe('|');
  });

  it('starts the server without NODE_EXTRA_CA_CERTS (node would parse the file at start-up) and gives it back to panes', async () => {
    const certs = path.join(process.cwd(), 'package.json'); // any readable file: nothing here parses it
    const sb = box({ env: { NODE_EXTRA_CA_CERTS: certs } });
    await sb.ok(['new', '-d', '-s', 'certs']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    const started = parseEnv(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').join('\n'));
    expect(started.has('NODE_EXTRA_CA_CERTS')).toBe(false);
    const out = path.join(sb.dir, 'certs-env.txt');
    await sb.ok(['send-keys', '-t', 'certs', `printenv > ${out}.tmp && mv ${out}.tmp ${out}`, 'Enter']);
    const pane = parseEnv(await readWhenThere(out));
    expect(pane.get('NODE_EXTRA_CA_CERTS')).toBe(certs);
    expect([...pane.keys()].filter((k) => k.startsWith('CCMUX_DEFERRED'))).toEqual([]);
  });

  it('gives panes ccmux’s environment, not the terminal multiplexer’s the client runs in', async () => {
    const sb = box({
      env: {
        TMUX: '/tmp/tmux-1000/default,4242,0',
        TMUX_PANE: '%42',
        STY: '4242.pts-9.host',
        WINDOW: '3',
        COLUMNS: '33',
        LINES: '11',
        TERM: 'vt100',
        COLORTERM: 'no',
        CCMUX_PANE_ID: '%77',
        CCMUX_E2E_MARK: 'client-env-reached-the-pane',
      },
    });
    await sb.ok(['new', '-d', '-s', 'env']);
    const pid = Number((await sb.ok(['display', '-p', '#{pid}'])).trim());
    const sock = path.join(sb.env.XDG_RUNTIME_DIR!, 'ccmux', 'default');
    const out = (n: string) => path.join(sb.dir, n);
    // The session's first pane: an interactive shell.
    await sb.ok(['send-keys', '-t', 'env', `printenv > ${out('a.tmp')} && mv ${out('a.tmp')} ${out('a.env')}`, 'Enter']);
    // A split running a command (sh -c), and a new window running argv directly.
    await sb.ok(['split-window', '-t', 'env', `printenv > ${out('b.tmp')} && mv ${out('b.tmp')} ${out('b.env')}; sleep 1000`]);
    await sb.ok(['new-window', '-d', '-t', 'env', '/bin/sh', '-c', `printenv > ${out('c.tmp')} && mv ${out('c.tmp')} ${out('c.env')}; sleep 1000`]);
    const ids = ['%0', '%1', '%2'];
    for (const [i, name] of ['a.env', 'b.env', 'c.env'].entries()) {
      const env = parseEnv(await readWhenThere(out(name)));
      const where = `${name} (pane ${ids[i]})`;
      expect(env.get('CCMUX'), where).toBe(`${sock},${pid}`);
      expect(env.get('CCMUX_PANE_ID'), where).toBe(ids[i]);
      expect(env.get('TERM'), where).toBe('xterm-256color');
      expect(env.get('COLORTERM'), where).toBe('truecolor');
      for (const k of ['TMUX', 'TMUX_PANE', 'STY', 'WINDOW', 'COLUMNS', 'LINES', 'CCMUX_E2E_MARK']) expect(env.has(k), `${where}: ${k}`).toBe(false);
      expect(env.get('HOME'), where).toBe(sb.home);
    }
    // `ccmux` inside a pane finds its own server through $CCMUX.
    await sb.ok(['send-keys', '-t', '%0', `${process.execPath} ${CCMUX} display -p '#{session_name}/#{pid}' > ${out('d.tmp')} && mv ${out('d.tmp')} ${out('d.txt')}`, 'Enter']);
    expect((await readWhenThere(out('d.txt'))).trim()).toBe(`env/${pid}`);
  });

  it('starts a split from a command line where the command ran (as tmux), from a key where the split pane’s shell has cd’d to', async () => {
    const sb = box();
    const dir = path.join(sb.dir, 'work dir', 'sub');
    const other = path.join(sb.dir, 'elsewhere');
    fs.mkdirSync(dir, { recursive: true });
    fs.mkdirSync(other);
    // From the CLI: the directory the command line ran in (tmux's server_client_get_cwd), not
    // the split pane's, which has cd'd elsewhere.
    await sb.ok(['new', '-d', '-s', 'cwd', '-c', other]);
    await sb.ok(['send-keys', '-t', '%0', `cd '${sb.dir}'`, 'Enter']);
    await waitFor(async () => (await sb.panes())[0]!.current_path === sb.dir, 10_000, 'the shell to cd');
    await sb.ok(['split-window', '-t', 'cwd'], { cwd: dir });
    await sb.ok(['send-keys', '-t', '%1', `pwd > '${sb.dir}/pwd.tmp' && mv '${sb.dir}/pwd.tmp' '${sb.dir}/pwd.txt'`, 'Enter']);
    expect((await readWhenThere(path.join(sb.dir, 'pwd.txt'))).trim()).toBe(dir);

    // From the keyboard: prefix " in an attached terminal.
    const t = await sb.terminal(['attach', '-t', 'cwd'], 100, 30);
    await t.waitForScreen(/\[cwd\]/);
    await sb.ok(['select-pane', '-t', '%0']);
    t.type(`cd '${other}'\r`);
    await waitFor(async () => (await sb.panes()).find((p) => p.id === '%0')!.current_path === other, 10_000, 'the shell to cd back');
    t.prefix('"');
    await waitFor(async () => (await sb.panes()).length === 3, 10_000, 'the split');
    t.type('pwd\r');
    await t.waitForScreen((lines) => lines.some((l) => l.trim() === other));
    const newest = (await sb.panes()).find((p) => p.active)!;
    expect(newest.id).toBe('%2');
    expect(newest.current_path).toBe(other);
  });
});
