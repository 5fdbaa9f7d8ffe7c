/*
 * Commands the ccmux command answers itself, without a server: `help`. Returns the exit
 * code, or undefined when the command is for the server. (The Claude hook command and
 * other server-less commands are added here.)
 */

const HELP = `ccmux — a terminal multiplexer for running several Claude Code sessions, each isolated.

  ccmux                      attach to the most recent session, or start one
  ccmux new -s NAME          start a session named NAME (-d: in the background)
  ccmux attach -t NAME       attach to a session;  prefix d detaches
  ccmux ls                   list sessions (--json for scripts)
  ccmux split-window -h      split the current pane (--claude: run Claude in it)
  ccmux list-commands        every command;  ccmux list-keys: every key binding

Keys: prefix C-b, then % " split, c new window, n/p next/prev, arrows move, z zoom,
x kill pane, [ scroll back, C Claude pane, ? all bindings.
Config: ~/.config/ccmux/ccmux.toml (see config/ccmux.toml for every option).`;

export async function localCommand(argv: string[]): Promise<number | undefined> {
  const [name] = argv;
  if (name === 'hook') {
    const { runHook } = await import('./hook.js');
    await runHook(argv[1]);
    return 0;
  }
  if (name === 'help') {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  return undefined;
}
