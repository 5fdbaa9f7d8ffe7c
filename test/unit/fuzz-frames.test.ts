/*
 * Fuzzing the socket protocol's decoder with what a hostile peer could send: garbage,
 * truncated frames, oversized and zero lengths, unknown types, wrong-version HELLOs, JSON
 * that is not an object, all in arbitrary chunks. FrameDecoder and parseJson may only ever
 * throw ProtocolError (which drops the peer); whole frames before the damage are decoded
 * intact; a truncated stream just waits; the decoder never buffers more than one frame's
 * worth of bytes.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, MsgType, parseJson, ProtocolError, PROTOCOL_VERSION, type Frame } from '../../src/protocol/frames.js';

const TYPES = Object.values(MsgType).filter((v): v is MsgType => typeof v === 'number');

/** Push `chunks` into one decoder; returns the frames and the error (if any). */
function pushAll(chunks: Uint8Array[]): { frames: Frame[]; error?: unknown } {
  const d = new FrameDecoder();
  const frames: Frame[] = [];
  try {
    for (const c of chunks) frames.push(...d.push(Buffer.from(c)));
  } catch (error) {
    return { frames, error };
  }
  return { frames };
}

/** A byte stream split at arbitrary points. */
const chunksOf = (bytes: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(bytes, fc.array(fc.nat(), { maxLength: 8 })).map(([b, cuts]) => {
    const points = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
    const out: Uint8Array[] = [];
    let prev = 0;
    for (const p of [...points, b.length]) {
      out.push(b.subarray(prev, p));
      prev = p;
    }
    return out;
  });

const header = (len: number, type: number) => {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(len >>> 0, 0);
  h.writeUInt8(type & 0xff, 4);
  return h;
};

/** Valid frames, damaged ones and plain garbage, concatenated. */
const hostileStream = fc
  .array(
    fc.oneof(
      fc.record({ type: fc.constantFrom(...TYPES), payload: fc.uint8Array({ maxLength: 40 }) }).map((f) => encodeFrame(f.type, Buffer.from(f.payload))),
      fc.record({ len: fc.oneof(fc.constant(0), fc.constant(MAX_FRAME_BYTES + 2), fc.constant(0xffffffff), fc.nat()), type: fc.nat({ max: 255 }) }).map((h) => header(h.len, h.type)),
      fc.uint8Array({ maxLength: 30 }).map((b) => Buffer.from(b)),
      fc.constantFrom(Buffer.from('GET / HTTP/1.1\r\n\r\n'), Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'), Buffer.from('{"protocol":1}\n')),
    ),
    { maxLength: 8 },
  )
  .map((parts) => Uint8Array.from(Buffer.concat(parts)));

describe('fuzz: frame decoder on hostile bytes', () => {
  it('throws nothing but ProtocolError, however the bytes are chunked', () => {
    fc.assert(
      fc.property(chunksOf(fc.oneof(hostileStream, fc.uint8Array({ maxLength: 200 }))), (chunks) => {
        const { error } = pushAll(chunks);
        if (error !== undefined) expect(error).toBeInstanceOf(ProtocolError);
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes the good frames ahead of the damage intact, and the rest only as ProtocolError', () => {
    const good = fc.array(fc.record({ type: fc.constantFrom(...TYPES), payload: fc.uint8Array({ maxLength: 40 }) }), { maxLength: 5 });
    fc.assert(
      fc.property(good, hostileStream, fc.nat(), (frames, tail, cut) => {
        const goodBytes = Buffer.concat(frames.map((f) => encodeFrame(f.type, Buffer.from(f.payload))));
        const all = Buffer.concat([goodBytes, Buffer.from(tail)]);
        const at = cut % (all.length + 1);
        // Fed frame by frame up to the damage, then the rest in two pieces.
        const d = new FrameDecoder();
        const got: Frame[] = [];
        let error: unknown;
        try {
          got.push(...d.push(goodBytes));
          got.push(...d.push(all.subarray(goodBytes.length, Math.max(goodBytes.length, at))));
          got.push(...d.push(all.subarray(Math.max(goodBytes.length, at))));
        } catch (err) {
          error = err;
        }
        if (error !== undefined) expect(error).toBeInstanceOf(ProtocolError);
        expect(got.slice(0, frames.length).map((f) => [f.type, [...f.payload]])).toEqual(frames.map((f) => [f.type, [...f.payload]]));
      }),
      { numRuns: 2000 },
    );
  });

  it('waits on any truncation of valid frames, and never holds more than one frame of bytes', () => {
    const frame = fc.record({ type: fc.constantFrom(...TYPES), payload: fc.uint8Array({ maxLength: 300 }) });
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 5 }), fc.nat(), (frames, cut) => {
        const bytes = Buffer.concat(frames.map((f) => encodeFrame(f.type, Buffer.from(f.payload))));
        const at = cut % bytes.length; // strictly short of the end
        const d = new FrameDecoder();
        const got = d.push(bytes.subarray(0, at));
        expect(got.length).toBeLessThan(frames.length);
        const held = (d as unknown as { buffered: number }).buffered;
        const whole = got.reduce((n, f) => n + 5 + f.payload.length, 0);
        expect(held).toBe(at - whole);
        expect(held).toBeLessThan(5 + 300 + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an announced oversized frame at once, before any of its body is buffered', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_FRAME_BYTES + 2, max: 0xffffffff }), fc.constantFrom(...TYPES), (len, type) => {
        expect(() => new FrameDecoder().push(header(len, type))).toThrow(ProtocolError);
      }),
    );
  });

  it('parseJson gives an object or throws ProtocolError for any payload', () => {
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b)),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.string().map((s) => Buffer.from(s)),
    );
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), payload, (type, p) => {
        let v: unknown;
        try {
          v = parseJson({ type, payload: p });
        } catch (err) {
          expect(err).toBeInstanceOf(ProtocolError);
          return;
        }
        expect(typeof v === 'object' && v !== null && !Array.isArray(v)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a HELLO of any other protocol version still decodes, so the server can say why it refuses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.double()), (protocol) => {
        fc.pre(protocol !== PROTOCOL_VERSION);
        const [f] = new FrameDecoder().push(encodeFrame(MsgType.Hello, { protocol, version: 'x' }));
        expect(f!.type).toBe(MsgType.Hello);
        expect(parseJson(f!).protocol).toEqual(JSON.parse(JSON.stringify({ p: protocol })).p);
      }),
    );
  });
});

describe('a large frame in many chunks (issue 13.12)', () => {
  it('is gathered without copying what came so far on every chunk, and arrives whole', () => {
    const payload = Buffer.alloc(15 * 1024 * 1024, 0x61);
    const bytes = encodeFrame(MsgType.Stdout, payload);
    const d = new FrameDecoder();
    const concat = vi.spyOn(Buffer, 'concat');
    let frames: Frame[] = [];
    try {
      for (let at = 0; at < bytes.length; at += 65536) frames = frames.concat(d.push(bytes.subarray(at, at + 65536)));
      expect(concat.mock.calls.length).toBeLessThanOrEqual(3); // once when the header is whole, once when the frame is
    } finally {
      concat.mockRestore();
    }
    expect(frames).toHaveLength(1);
    expect(frames[0]!.payload.equals(payload)).toBe(true);
    expect(d.buffered).toBe(0);
  });
});
