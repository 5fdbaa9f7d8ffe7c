/*
 * ClientStdin (server/client-stdin.ts): a CLI's stdin as a command reads it — asked for
 * once, pieces handed on as they come, ended by READ_DONE, the client going, or the sink
 * wanting no more; READ frames not asked for, or too large, are protocol errors.
 */
import { describe, expect, it } from 'vitest';
import { ClientStdin } from '../../src/server/client-stdin.js';
import { ProtocolError, READ_FRAME_BYTES } from '../../src/protocol/frames.js';

function setup() {
  let asked = 0;
  const stdin = new ClientStdin(() => asked++);
  return { stdin, asked: () => asked };
}

describe('ClientStdin', () => {
  it('asks once, hands each piece on in order, and resolves at READ_DONE', async () => {
    const { stdin, asked } = setup();
    const got: string[] = [];
    let done = false;
    const p = stdin.read((b) => (got.push(b.toString()), true)).then(() => (done = true));
    expect(asked()).toBe(1);
    expect(stdin.reading).toBe(true);
    stdin.piece(Buffer.from('a\n'));
    stdin.piece(Buffer.from('b'));
    await Promise.resolve();
    expect(done).toBe(false);
    stdin.end();
    await p;
    expect(got).toEqual(['a\n', 'b']);
    expect(stdin.reading).toBe(false);
  });

  it('a second read gets the end at once without asking the client again', async () => {
    const { stdin, asked } = setup();
    const p = stdin.read(() => true);
    stdin.end();
    await p;
    let called = false;
    await stdin.read(() => (called = true));
    expect(asked()).toBe(1);
    expect(called).toBe(false);
  });

  it('stops when the sink wants no more, and drops pieces still on their way', async () => {
    const { stdin } = setup();
    const got: string[] = [];
    const p = stdin.read((b) => (got.push(b.toString()), false));
    stdin.piece(Buffer.from('one'));
    await p;
    stdin.piece(Buffer.from('two'));
    stdin.end();
    expect(got).toEqual(['one']);
  });

  it('ends when the client goes, keeping what came', async () => {
    const { stdin } = setup();
    const got: string[] = [];
    const p = stdin.read((b) => (got.push(b.toString()), true));
    stdin.piece(Buffer.from('x'));
    stdin.closed();
    await p;
    expect(got).toEqual(['x']);
  });

  it('a read asked for after the client has gone ends at once, asking nothing', async () => {
    const { stdin, asked } = setup();
    stdin.closed();
    await stdin.read(() => true);
    expect(asked()).toBe(0);
  });

  it('keeps the error READ_DONE carries', async () => {
    const { stdin } = setup();
    const p = stdin.read(() => true);
    stdin.end('Is a directory');
    await p;
    expect(stdin.error).toBe('Is a directory');
  });

  it('refuses READ and READ_DONE not asked for, and a READ over the limit', () => {
    const { stdin } = setup();
    expect(() => stdin.piece(Buffer.from('x'))).toThrow(ProtocolError);
    expect(() => stdin.end()).toThrow(/READ_DONE before the server asked/);
    void stdin.read(() => true);
    expect(() => stdin.piece(Buffer.alloc(READ_FRAME_BYTES + 1))).toThrow(/larger than 65536/);
    expect(() => stdin.piece(Buffer.alloc(READ_FRAME_BYTES))).not.toThrow();
  });
});
