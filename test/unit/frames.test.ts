/*
 * Tests of the socket wire format: encodeFrame's layout, FrameDecoder reassembling frames
 * however the stream is cut (every byte boundary, and random cuts by fast-check), and the
 * ProtocolErrors that make the server drop a bad peer instead of waiting for it:
 * zero-length, oversized and unknown-type frames, and JSON payloads that are not objects.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, MsgType, parseJson, ProtocolError, PROTOCOL_VERSION, type Frame } from '../../src/protocol/frames.js';

const types = Object.values(MsgType).filter((v): v is MsgType => typeof v === 'number');

function header(len: number, type: number): Buffer {
  const b = Buffer.alloc(5);
  b.writeUInt32BE(len, 0);
  b.writeUInt8(type, 4);
  return b;
}

const simple = (frames: Frame[]) => frames.map((f) => ({ type: f.type, payload: f.payload.toString('latin1') }));

describe('encodeFrame', () => {
  it('writes length (type + payload), type, payload', () => {
    const f = encodeFrame(MsgType.Input, Buffer.from('ab'));
    expect([...f]).toEqual([0, 0, 0, 3, MsgType.Input, 0x61, 0x62]);
  });

  it('encodes strings as UTF-8 and objects as JSON', () => {
    const s = encodeFrame(MsgType.Stdout, 'é');
    expect(s.readUInt32BE(0)).toBe(3);
    expect(s.subarray(5).toString('utf8')).toBe('é');
    const o = encodeFrame(MsgType.Hello, { protocol: PROTOCOL_VERSION });
    expect(JSON.parse(o.subarray(5).toString())).toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('encodes an empty payload as a one-byte body', () => {
    expect([...encodeFrame(MsgType.Exit)]).toEqual([0, 0, 0, 1, MsgType.Exit]);
  });
});

describe('FrameDecoder', () => {
  const stream = Buffer.concat([
    encodeFrame(MsgType.Hello, { protocol: 1, env: { A: 'ü' } }),
    encodeFrame(MsgType.Input, Buffer.from([0, 1, 2, 255, 0x1b])),
    encodeFrame(MsgType.Exit),
    encodeFrame(MsgType.Output, 'x'.repeat(300)),
  ]);
  const whole = simple(new FrameDecoder().push(stream));

  it('decodes a whole stream at once', () => {
    expect(whole.map((f) => f.type)).toEqual([MsgType.Hello, MsgType.Input, MsgType.Exit, MsgType.Output]);
    expect(JSON.parse(Buffer.from(whole[0]!.payload, 'latin1').toString('utf8'))).toEqual({ protocol: 1, env: { A: 'ü' } });
    expect([...Buffer.from(whole[1]!.payload, 'latin1')]).toEqual([0, 1, 2, 255, 0x1b]);
    expect(whole[2]!.payload).toBe('');
    expect(whole[3]!.payload).toBe('x'.repeat(300));
  });

  it('gives the same frames when the stream is split at any byte boundary', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(simple(got), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('gives the same frames when fed one byte at a time', () => {
    const d = new FrameDecoder();
    const got: Frame[] = [];
    for (let i = 0; i < stream.length; i++) got.push(...d.push(stream.subarray(i, i + 1)));
    expect(simple(got)).toEqual(whole);
  });

  it('round-trips any frames however the stream is chunked (property)', () => {
    const frame = fc.record({ type: fc.constantFrom(...types), payload: fc.uint8Array({ maxLength: 64 }) });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (frames, cuts) => {
        const bytes = Buffer.concat(frames.map((f) => encodeFrame(f.type, Buffer.from(f.payload))));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const d = new FrameDecoder();
        const got: Frame[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          got.push(...d.push(bytes.subarray(prev, p)));
          prev = p;
        }
        expect(got.map((f) => f.type)).toEqual(frames.map((f) => f.type));
        expect(got.map((f) => [...f.payload])).toEqual(frames.map((f) => [...f.payload]));
      }),
    );
  });

  it('waits for the rest of a partial frame', () => {
    const d = new FrameDecoder();
    expect(d.push(header(10, MsgType.Input))).toEqual([]);
    expect(d.push(Buffer.from('abc'))).toEqual([]);
    const got = d.push(Buffer.from('defghi'));
    expect(simple(got)).toEqual([{ type: MsgType.Input, payload: 'abcdefghi' }]);
  });

  it('throws ProtocolError on a zero length', () => {
    expect(() => new FrameDecoder().push(header(0, MsgType.Input))).toThrow(ProtocolError);
    expect(() => new FrameDecoder().push(header(0, MsgType.Input))).toThrow(/bad frame length 0/);
  });

  it('throws ProtocolError on an oversized length as soon as the header arrives', () => {
    expect(() => new FrameDecoder().push(header(MAX_FRAME_BYTES + 2, MsgType.Input))).toThrow(ProtocolError);
    expect(() => new FrameDecoder().push(header(0xffffffff, MsgType.Input))).toThrow(ProtocolError);
    // The largest allowed body is fine (still waiting for it).
    expect(new FrameDecoder().push(header(MAX_FRAME_BYTES + 1, MsgType.Input))).toEqual([]);
  });

  it('throws ProtocolError on an unknown message type', () => {
    expect(() => new FrameDecoder().push(Buffer.concat([header(1, 0)]))).toThrow(/unknown message type 0/);
    expect(() => new FrameDecoder().push(Buffer.concat([header(2, 200), Buffer.from('x')]))).toThrow(ProtocolError);
  });

  it('throws ProtocolError on text that is not the protocol (an HTTP request)', () => {
    expect(() => new FrameDecoder().push(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(ProtocolError);
  });

  it('throws on a bad frame that follows good ones in a later chunk', () => {
    const d = new FrameDecoder();
    expect(d.push(encodeFrame(MsgType.Exit)).length).toBe(1);
    expect(() => d.push(header(0, 1))).toThrow(ProtocolError);
  });
});

describe('parseJson', () => {
  it('parses an object payload', () => {
    expect(parseJson({ type: MsgType.Resize, payload: Buffer.from('{"cols":80,"rows":24}') })).toEqual({ cols: 80, rows: 24 });
  });

  it.each(['not json', '[1,2]', 'null', '42', '"s"', ''])('refuses %j with a ProtocolError naming the message', (text) => {
    const f = { type: MsgType.Resize, payload: Buffer.from(text) };
    expect(() => parseJson(f)).toThrow(ProtocolError);
    expect(() => parseJson(f)).toThrow(/Resize/);
  });
});
