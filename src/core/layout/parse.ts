/*
 * Reading a layout tree back from untrusted JSON (a checkpoint file, possibly hand-edited).
 * Every problem is reported as a LayoutError naming the path of the offending field, e.g.
 * "children[1].weights: expected 2 positive numbers". A valid tree is normalised on the way in:
 * single-child splits collapse and same-direction nesting is merged.
 */

import { LayoutError, normalizeLayout, type LayoutNode } from './tree.js';

/**
 * Deeper than any terminal can show (each level costs at least a border cell); the bound keeps
 * a malicious file from overflowing the stack.
 */
const MAX_DEPTH = 128;

/**
 * Weights are rescaled when their largest is outside this range, so that products of weights
 * and cell counts can neither overflow nor lose all precision.
 */
const WEIGHT_RANGE = { min: 1e-9, max: 1e9 };

function fail(path: string, message: string): never {
  throw new LayoutError(`${path || 'layout'}: ${message}`);
}

function field(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseWeights(value: unknown, count: number, path: string): number[] {
  const valid =
    Array.isArray(value) &&
    value.length === count &&
    value.every((w) => typeof w === 'number' && Number.isFinite(w) && w > 0);
  if (!valid) fail(path, `expected ${count} positive number${count === 1 ? '' : 's'}`);
  const weights = value as number[];
  const largest = Math.max(...weights);
  if (largest >= WEIGHT_RANGE.min && largest <= WEIGHT_RANGE.max) return weights.slice();
  return weights.map((w) => Math.max(w / largest, Number.MIN_VALUE));
}

function parseNode(value: unknown, path: string, depth: number, seen: Set<number>): LayoutNode {
  if (depth > MAX_DEPTH) fail(path, `nested more than ${MAX_DEPTH} levels deep`);
  if (!isRecord(value)) fail(path, 'expected an object with type "pane" or "split"');
  if (value.type === 'pane') {
    const pane = value.pane;
    if (typeof pane !== 'number' || !Number.isSafeInteger(pane) || pane < 0) {
      fail(field(path, 'pane'), 'expected a non-negative integer pane id');
    }
    if (seen.has(pane)) fail(field(path, 'pane'), `duplicate pane id ${pane}`);
    seen.add(pane);
    return { type: 'pane', pane: pane + 0 }; // -0 (JSON "-0") is pane 0, written back as 0
  }
  if (value.type !== 'split') fail(field(path, 'type'), 'expected "pane" or "split"');
  const dir = value.dir;
  if (dir !== 'h' && dir !== 'v') fail(field(path, 'dir'), 'expected "h" or "v"');
  const children = value.children;
  if (!Array.isArray(children) || children.length === 0) fail(field(path, 'children'), 'expected a non-empty array');
  const weights = parseWeights(value.weights, children.length, field(path, 'weights'));
  return {
    type: 'split',
    dir,
    children: children.map((child, i) => parseNode(child, `${field(path, 'children')}[${i}]`, depth + 1, seen)),
    weights,
  };
}

/**
 * Validate untrusted JSON into a normalised LayoutNode. Throws LayoutError naming the path of
 * the first problem; rejects duplicate pane ids, empty splits and non-finite or non-positive
 * weights.
 */
export function parseLayout(json: unknown): LayoutNode {
  return normalizeLayout(parseNode(json, '', 0, new Set()));
}
