/*
 * Fuzzing the key/mouse input decoder with what a hostile or broken terminal could send:
 * arbitrary bytes in arbitrary chunks, turned into text the way the server does it (one
 * StringDecoder per client), then decoded. It must never throw, must hand back every
 * character it was given (the raws of its events, in order, are the text), must decide the
 * same whatever the chunking (a paste's pieces joined), must name keys canonically and give
 * mouse positions that are cells, and must stay linear on long garbage.
 */
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputDecoder, type InputEvent } from '../../src/core/input-decoder.js';
import { parseKey } from '../../src/core/keys.js';
import { joinPastes } from './paste-pieces.js';

/** Feed byte chunks as the server does (StringDecoder → InputDecoder), then flush. */
function decodeBytes(chunks: Uint8Array[]): { text: string; events: InputEvent[] } {
  const text = new StringDecoder('utf8');
  const d = new InputDecoder();
  const events: InputEvent[] = [];
  let all = '';
  for (const c of chunks) {
    const s = text.write(Buffer.from(c));
    all += s;
    for (const e of d.feed(s)) events.push(e);
  }
  const rest = text.end();
  all += rest;
  for (const e of [...d.feed(rest), ...d.flush()]) events.push(e);
  expect(d.hasPending()).toBe(false);
  return { text: all, events };
}

/** Bytes biased towards escape sequences: ESC, CSI/SS3/OSC introducers, digits, separators, finals. */
const escapeHeavy = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0x1b, 0x5b, 0x4f, 0x5d, 0x3c, 0x3b, 0x3a, 0x7e, 0x4d, 0x6d, 0x75, 0x07, 0x5c, 0x30, 0x31, 0x32, 0x39, 0x02, 0x0d, 0x7f, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    ),
    { maxLength: 80 },
  )
  .map((xs) => Uint8Array.from(xs));

const chunked = (bytes: fc.Arbitrary<Uint8Array>) =>
  bytes.chain((b) =>
    fc.tuple(fc.constant(b), fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, b.length - 1) }), { maxLength: 8 })).map(([whole, cuts]) => {
      const points = [0, ...cuts.filter((c) => c < whole.length).sort((x, y) => x - y), whole.length];
      return { whole, chunks: points.slice(1).map((end, i) => whole.subarray(points[i], end)) };
    }),
  );

describe('fuzz: input decoder on arbitrary bytes', () => {
  it('never throws and its events carry back exactly the text it was given', () => {
    fc.assert(
      fc.property(chunked(fc.oneof(escapeHeavy, fc.uint8Array({ maxLength: 120 }))), ({ chunks }) => {
        const { text, events } = decodeBytes(chunks);
        expect(events.map((e) => e.raw).join('')).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips raw bytes: valid UTF-8 input comes back byte for byte', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom('\x1b', '\x1b[', '\x1b[<0;', '\x1b]11;rgb:', '\x1b[200~', '\x1b[201~', '\x07', '\x1bO')), { maxLength: 20 }), fc.nat(), (parts, cut) => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        const at = bytes.length ? cut % bytes.length : 0;
        const { events } = decodeBytes([bytes.subarray(0, at), bytes.subarray(at)]);
        expect(Buffer.from(events.map((e) => e.raw).join(''), 'utf8').equals(bytes)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('decides the same whatever the chunking of the bytes', () => {
    fc.assert(
      fc.property(chunked(escapeHeavy), ({ whole, chunks }) => {
        expect(joinPastes(decodeBytes(chunks).events)).toEqual(joinPastes(decodeBytes([whole]).events));
      }),
      { numRuns: 2000 },
    );
  });

  it('names every key canonically and puts every mouse event on a cell', () => {
    fc.assert(
      fc.property(escapeHeavy, (bytes) => {
        for (const e of decodeBytes([bytes]).events) {
          if (e.type === 'key') expect(parseKey(e.key), JSON.stringify(e)).toBe(e.key);
          if (e.type === 'mouse') {
            for (const v of [e.x, e.y]) expect(Number.isSafeInteger(v) && v >= 0, JSON.stringify(e)).toBe(true);
            expect(e.button >= -1 && e.button <= 10, JSON.stringify(e)).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('copes with absurd sequences: huge numbers, endless parameters, unterminated OSC and paste', () => {
    const cases = [
      '\x1b[<99999999999999999999999;99999999999999999999;1M',
      '\x1b[<0;-5;-7M',
      `\x1b[${'1;'.repeat(10_000)}A`,
      `\x1b]52;c;${'A'.repeat(200_000)}`,
      `\x1b[200~${'\x1b[20'.repeat(20_000)}`,
      '\x1b[M\xff\xff\xff',
      `${'\x1b'.repeat(10_000)}[`,
    ];
    for (const input of cases) {
      const started = Date.now();
      const { text, events } = decodeBytes([Buffer.from(input, 'utf8')]);
      expect(events.map((e) => e.raw).join('')).toBe(text);
      for (const e of events) if (e.type === 'mouse') expect(Number.isSafeInteger(e.x) && e.x >= 0 && Number.isSafeInteger(e.y) && e.y >= 0).toBe(true);
      expect(Date.now() - started, JSON.stringify(input.slice(0, 20))).toBeLessThan(2000);
    }
  });

  it('stays linear on a megabyte of escape-heavy garbage fed in small chunks', () => {
    const rnd = fc.sample(escapeHeavy, { numRuns: 15_000, seed: 42 });
    const bytes = Buffer.concat(rnd.map((b) => Buffer.from(b)));
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 97) chunks.push(bytes.subarray(i, i + 97));
    const started = Date.now();
    const { text, events } = decodeBytes(chunks);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(events.map((e) => e.raw).join('')).toBe(text);
  });
});
