/*
 * The cost of a window's pane borders (render/borders.ts) on 200×50 with 31 tiled panes:
 * working the border map out (once per change of layout, active pane or border option),
 * painting a frame from it, and building the key the map is kept under. Run on a build:
 * `npx tsc -p . && node scripts/bench/tools/border-map.mjs` (prints ms per call).
 */
import { borderMap, paintBorderMap } from '../../../dist/render/borders.js';
import { Grid } from '../../../dist/render/grid.js';
const cols = 200, rows = 50;
const panes = [];
// 8 columns x 4 rows grid minus one = 31 panes, 1-cell separators
const pw = Math.floor((cols - 7) / 8), ph = Math.floor((rows - 3) / 4);
let id = 0;
for (let r = 0; r < 4; r++) for (let c = 0; c < 8 && id < 31; c++) {
  const x = c * (pw + 1), y = r * (ph + 1);
  panes.push({ id, index: id, x, y, cols: c === 7 ? cols - x : pw, rows: r === 3 ? rows - y : ph }); id++;
}
const inp = { cols, rows, wcols: cols, wrows: rows, panes, active: 5, status: 'off', lines: 'single', indicators: 'colour' };
const g = new Grid(cols, rows);
const N = 300;
for (let i = 0; i < 50; i++) borderMap(inp);
let t = performance.now();
for (let i = 0; i < N; i++) borderMap(inp);
const mapMs = (performance.now() - t) / N;
const map = borderMap(inp);
const st = { normal: { fg: 8 }, active: { fg: 2 } };
for (let i = 0; i < 50; i++) paintBorderMap(g, map, 0, 0, st);
t = performance.now();
for (let i = 0; i < N * 10; i++) paintBorderMap(g, map, 0, 0, st);
const paintMs = (performance.now() - t) / (N * 10);
t = performance.now();
for (let i = 0; i < N * 10; i++) JSON.stringify(inp);
const keyMs = (performance.now() - t) / (N * 10);
console.log(JSON.stringify({ panes: panes.length, mapMs: +mapMs.toFixed(4), paintMs: +paintMs.toFixed(4), keyMs: +keyMs.toFixed(4) }));
