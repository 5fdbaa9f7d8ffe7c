/*
 * The shape of src/ as docs/ARCHITECTURE.md describes it: no import circle at all (type
 * imports included: they tie the design together too), and layers that only import
 * downward. A new upward import, or a circle, fails here with the files named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Bottom to top. Entry points (the processes' mains) sit above everything. */
const LAYERS = ['core', 'protocol', 'render', 'config', 'server', 'claude', 'persist', 'commands', 'entry'] as const;

function layerOf(rel: string): (typeof LAYERS)[number] {
  if (rel === 'server/main.ts' || rel.startsWith('cli/') || rel.startsWith('client/')) return 'entry';
  const top = rel.split('/')[0] as (typeof LAYERS)[number];
  if (!LAYERS.includes(top)) throw new Error(`${rel}: in no layer (add its folder to LAYERS and docs/ARCHITECTURE.md)`);
  return top;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]/g;

/** file (relative to src/) → the files it imports, type imports and dynamic imports included. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const rel = path.relative(SRC, file);
    const out: string[] = [];
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.normalize(path.join(path.dirname(file), (m[1] ?? m[2])!)).replace(/\.js$/, '.ts');
      if (fs.existsSync(target)) out.push(path.relative(SRC, target));
    }
    g.set(rel, out);
  }
  return g;
}

/** Strongly connected components with more than one file (Tarjan). */
function circles(g: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let n = 0;
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the shape of src/', () => {
  const g = graph();

  it('reads every source file and their imports', () => {
    expect(g.size).toBeGreaterThan(100);
    expect(g.get('server/server.ts')).toContain('server/pane.ts');
  });

  it('has no import circle', () => {
    expect(circles(g)).toEqual([]);
  });

  it('imports only downward, layer by layer', () => {
    const upward: string[] = [];
    for (const [from, tos] of g) {
      for (const to of tos) if (LAYERS.indexOf(layerOf(to)) > LAYERS.indexOf(layerOf(from))) upward.push(`${from} -> ${to}`);
    }
    expect(upward).toEqual([]);
  });

  it('would catch a circle or an upward import', () => {
    const bad = new Map([
      ['core/a.ts', ['server/b.ts']],
      ['server/b.ts', ['core/a.ts']],
    ]);
    expect(circles(bad)).toEqual([['core/a.ts', 'server/b.ts']]);
    expect(LAYERS.indexOf(layerOf('server/b.ts')) > LAYERS.indexOf(layerOf('core/a.ts'))).toBe(true);
  });
});

describe('one place where the model changes', () => {
  const text = (rel: string) => fs.readFileSync(path.join(SRC, rel), 'utf8');
  const all = sources(SRC).map((f) => path.relative(SRC, f));
  const where = (re: RegExp, files: string[]) => files.filter((f) => re.test(text(f)));

  it('raises model events only in the model, and writes checkpoints only in persistence', () => {
    expect(where(/\bevents\.emit\(/, all)).toEqual(['server/model.ts']);
    // The server's way out writes its last checkpoint through persistence itself.
    expect(where(/\bpersistence\??\.write\(/, all).filter((f) => !f.startsWith('persist/'))).toEqual(['server/server.ts']);
  });

  it('marks clients dirty for model changes only in the fan-out (a client may redraw its own view)', () => {
    // The files of modes open over a client's screen: each redraws its own view.
    const CLIENT_MODES = ['server/client/modes.ts', 'server/client/tree-view.ts', 'server/client/choose-tree-view.ts', 'server/client/menu.ts', 'server/client/popup.ts'];
    const outside = all.filter((f) => !f.startsWith('server/client/'));
    expect(where(/\.redraw(Status)?\(\)/, outside)).toEqual([]);
    expect(where(/\bc\.redraw(Status)?\(\)/, all.filter((f) => f.startsWith('server/client/') && f !== 'server/client/fanout.ts' && !CLIENT_MODES.includes(f)))).toEqual([]);
  });

  it('leaves Claude out of the model: no Claude import or Claude field below the claude layer', () => {
    const below = all.filter((f) => ['core', 'protocol', 'render', 'config', 'server'].includes(layerOf(f)));
    expect(where(/\.claude\?*\.(sessionId|dir|method|profile|uuid)\b|\bpane\.claude\b|\bp\.claude\b/, below)).toEqual([]);
  });
});
