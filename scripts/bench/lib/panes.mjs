/*
 * Many panes, the same way in both multiplexers: tmux's commands, which ccmux shares
 * (split-window -d, select-layout tiled, new-window -d, send-keys, list-panes -F, and
 * ";" to chain them in one call, so a ccmux benchmark does not start a node client per
 * pane), and small printing programs with a deadline, so nothing runs on unbounded.
 */

/** Chain commands into one argv with ";" between them. */
export function chain(commands) {
  return commands.flatMap((c, i) => (i ? [';', ...c] : c));
}

/** Run `commands` in calls of at most `per` chained commands. */
export async function runChained(mux, commands, per = 40) {
  for (let i = 0; i < commands.length; i += per) await mux.cli(chain(commands.slice(i, i + per)));
}

/** Pane ids of session `bench`, in window order (`-s`), or of its current window. */
export async function paneIds(mux, { session = false } = {}) {
  const out = await mux.cli(['list-panes', ...(session ? ['-s'] : []), '-t', 'bench', '-F', '#{pane_id}']);
  return out.split('\n').map((s) => s.trim()).filter(Boolean);
}

/**
 * Split the current window of session `bench` until it holds `total` panes, tiled (the
 * layout is re-tiled after each split so no pane runs out of room); the first pane stays
 * active. Returns the pane ids, the active one first.
 */
export async function tilePanes(mux, total) {
  const cmds = [];
  for (let i = 1; i < total; i++) cmds.push(['split-window', '-d', '-t', 'bench'], ['select-layout', '-t', 'bench', 'tiled']);
  await runChained(mux, cmds);
  const active = (await mux.cli(['display', '-p', '-t', 'bench', '#{pane_id}'])).trim();
  const ids = await paneIds(mux);
  if (ids.length !== total) throw new Error(`${mux.name}: ${ids.length} panes, want ${total}`);
  return [active, ...ids.filter((id) => id !== active)];
}

/** Add windows to session `bench` until it has `total`, each one pane. Returns every pane id. */
export async function addWindows(mux, total) {
  const cmds = [];
  for (let i = 1; i < total; i++) cmds.push(['new-window', '-d', '-t', 'bench']);
  await runChained(mux, cmds);
  const ids = await paneIds(mux, { session: true });
  if (ids.length !== total) throw new Error(`${mux.name}: ${ids.length} panes, want ${total}`);
  return ids;
}

/** Type `line` and Enter into each of `ids` (at their shell prompts). */
export function typeInto(mux, ids, line) {
  return runChained(mux, ids.map((id) => ['send-keys', '-t', id, '-l', line]).flatMap((c, i) => [c, ['send-keys', '-t', ids[i], 'Enter']]));
}

/**
 * A shell command that prints coloured lines until `seconds` have passed: as fast as the
 * pty takes them (`flood`), or `linesPerSecond` lines a second. Each line is ~110 columns
 * of eight coloured words, so it wraps in a small pane; its text holds none of the keys
 * latency.mjs measures with (ECHO_KEYS), so a pane's output is never taken for an echo.
 */
export function printerCommand({ seconds, linesPerSecond = 0 }) {
  const line = 'join("", map { "\\e[3" . ($_ % 8) . "mlorem$_ ipsum " } 1..8) . "\\e[0m\\n"';
  const body = linesPerSecond
    ? `$s = 1 / ${linesPerSecond}; while (time < $e) { print $l; select(undef, undef, undef, $s) }`
    : '$b = $l x 50; print $b while time < $e';
  return `exec perl -e '$| = 1; $l = ${line}; $e = time + ${seconds}; ${body}'`;
}
