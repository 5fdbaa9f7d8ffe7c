/*
 * `#{e|op|flags|precision:a,b}`: arithmetic and numeric comparison, as tmux 3.3a
 * computes it — both sides read by strtod(3) (leading blanks, hex, inf, nan; anything
 * left over makes the whole expression empty), truncated to integers unless the `f`
 * flag is given, and printed with printf's `%.*f` (precision 0, or 2 with `f`, or the
 * third argument). Integer results go through a C `long long`: a division by zero or a
 * value out of range prints as -9223372036854775808, as it does in tmux on x86-64.
 */

/** Digits of precision printed at most: tmux would print any number; a format should not make megabytes. */
export const MAX_PRECISION = 1000;

const OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => fmod(a, b),
  m: (a, b) => fmod(a, b),
  '==': (a, b) => Number(Math.abs(a - b) < 1e-9),
  '!=': (a, b) => Number(Math.abs(a - b) > 1e-9),
  '>': (a, b) => Number(a > b),
  '<': (a, b) => Number(a < b),
  '>=': (a, b) => Number(a >= b),
  '<=': (a, b) => Number(a <= b),
};

function fmod(a: number, b: number): number {
  // C's fmod: NaN for a zero divisor, the sign of a.
  return b === 0 ? NaN : a % b;
}

/** strtod over the whole string: the number, or undefined if anything is left unread. */
export function strtodWhole(s: string): number | undefined {
  if (s === '') return 0; // nothing read, and nothing left over
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))$/i.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  if (m[2]) return sign * hexFloat(m[2]);
  if (m[3]) return sign * Number(m[3]);
  return m[4]!.toLowerCase().startsWith('inf') ? sign * Infinity : NaN;
}

function hexFloat(s: string): number {
  const m = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/i.exec(s)!;
  const digits = m[1]! + m[2]!;
  let v = 0;
  for (const d of digits) v = v * 16 + parseInt(d, 16);
  return v * 2 ** (Number(m[3] ?? 0) - 4 * m[2]!.length);
}

/** C's conversion of a double to long long on x86-64 (cvttsd2si): out of range or NaN is INT64_MIN. */
function toLongLong(x: number): bigint {
  if (!Number.isFinite(x) || x >= 2 ** 63 || x < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(x));
}

/** printf("%.*f", prec, x), exactly (the double's exact value, rounded half to even). */
export function printfFixed(x: number, prec: number): string {
  if (prec < 0) prec = 6;
  prec = Math.min(prec, MAX_PRECISION);
  if (Number.isNaN(x)) return Object.is(x, NaN) && !negativeNaN(x) ? 'nan' : '-nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  const neg = x < 0 || Object.is(x, -0);
  const [mant, exp] = decompose(Math.abs(x));
  // value = mant * 2^exp; scaled = value * 10^prec, rounded half to even.
  let num = mant * 10n ** BigInt(prec);
  let scaled: bigint;
  if (exp >= 0) scaled = num << BigInt(exp);
  else {
    const den = 1n << BigInt(-exp);
    scaled = num / den;
    const rem = num % den;
    if (rem * 2n > den || (rem * 2n === den && scaled % 2n === 1n)) scaled += 1n;
  }
  num = scaled;
  let digits = num.toString();
  if (prec > 0) {
    digits = digits.padStart(prec + 1, '0');
    digits = `${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
  }
  return (neg ? '-' : '') + digits;
}

// JS has one NaN as far as arithmetic shows; glibc prints the sign bit, which x86's
// default NaN (from 0/0, fmod(x, 0), inf - inf) has set.
function negativeNaN(x: number): boolean {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return (b.getUint8(0) & 0x80) !== 0;
}

function decompose(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const hi = b.getUint32(0);
  const lo = b.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return [mant, -1074];
  mant |= 1n << 52n;
  return [mant, e - 1075];
}

/**
 * Evaluate `e|…:` given its arguments (operator, flags, precision) and the two sides,
 * already expanded. Undefined when tmux's would fail (the format then shows nothing).
 */
export function evaluate(args: string[], left: string, right: string): string | undefined {
  const op = OPS[args[0] ?? ''];
  if (!op) return undefined;
  let fp = false;
  let prec = 0;
  if (args.length >= 2 && args[1]!.includes('f')) {
    fp = true;
    prec = 2;
  }
  if (args.length >= 3) {
    const p = strtonum(args[2]!, -(2 ** 31), 2 ** 31 - 1);
    if (p === undefined) return undefined;
    prec = p;
  }
  let a = strtodWhole(left);
  let b = strtodWhole(right);
  if (a === undefined || b === undefined) return undefined;
  if (!fp) {
    a = Number(toLongLong(a));
    b = Number(toLongLong(b));
  }
  const r = op(a, b);
  if (fp) return printfFixed(r, prec);
  return printfFixed(Number(toLongLong(r)), prec);
}

/** What OpenBSD strtonum says of `s` ("invalid", "too small", "too large"), or its number. */
export function strtonumCause(s: string, min: number, max: number): number | 'invalid' | 'too small' | 'too large' {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(s);
  if (!m) return 'invalid';
  const n = Number(m[1]);
  return n < min ? 'too small' : n > max ? 'too large' : n;
}

/** OpenBSD strtonum: a whole decimal integer (leading blanks and a sign allowed) within [min, max]. */
export function strtonum(s: string, min: number, max: number): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n < min || n > max ? undefined : n;
}
