/*
 * terminfo's parameterised strings (terminfo(5) "Parameterized Strings", what curses'
 * tparm does): a capability such as `\E[%p1%d q` (Ss) or `\E]52;%p1%s;%p2%s\007` (Ms)
 * with its parameters put in. A stack machine over %-codes: %p1…%p9 push a parameter,
 * %d %s %c %x %X %o (with flags, width and precision) pop and print, %{n} and %'c' push a
 * constant, %P and %g store and fetch variables, %+ %- %* %/ %m %& %| %^ %= %> %< %A %O
 * %! %~ %l compute, %i adds one to the first two parameters, %? … %t … %e … %; branch.
 * A malformed string prints what it can: never throws.
 */

type Value = number | string;

/** `cap` with parameters `params` put in. */
export function tparm(cap: string, ...params: Value[]): string {
  const p: Value[] = params.slice(0, 9);
  while (p.length < 9) p.push(0);
  const stack: Value[] = [];
  const vars = new Map<string, Value>();
  const pop = (): Value => stack.pop() ?? 0;
  const popNum = (): number => {
    const v = pop();
    return typeof v === 'number' ? v : Number(v) || 0;
  };
  let out = '';
  let i = 0;
  while (i < cap.length) {
    const ch = cap[i++]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const fmt = /^:?[-+# ]*\d*(?:\.\d+)?[doxXsc]/.exec(cap.slice(i));
    // A conversion with flags, width or precision (`-` and `+` only after `:`, else they are operators).
    if (fmt && /[0-9.:# ]/.test(fmt[0][0]!)) {
      out += printf(fmt[0].replace(/^:/, ''), pop());
      i += fmt[0].length;
      continue;
    }
    const op = cap[i++];
    switch (op) {
      case '%': out += '%'; break;
      case 'd': case 'o': case 'x': case 'X': case 's': out += printf(op, op === 's' ? pop() : popNum()); break;
      case 'c': out += String.fromCharCode(popNum() & 0xff); break;
      case 'p': stack.push(p[Number(cap[i++]) - 1] ?? 0); break;
      case 'P': vars.set(cap[i++] ?? '', pop()); break;
      case 'g': stack.push(vars.get(cap[i++] ?? '') ?? 0); break;
      case "'": stack.push(cap.charCodeAt(i)); i += 2; break;
      case '{': {
        const end = cap.indexOf('}', i);
        stack.push(Number(cap.slice(i, end < 0 ? cap.length : end)) || 0);
        i = end < 0 ? cap.length : end + 1;
        break;
      }
      case 'l': stack.push(String(pop()).length); break;
      case 'i':
        if (typeof p[0] === 'number') p[0]++;
        if (typeof p[1] === 'number') p[1]++;
        break;
      case '+': case '-': case '*': case '/': case 'm': case '&': case '|': case '^':
      case '=': case '>': case '<': case 'A': case 'O': {
        const b = popNum();
        const a = popNum();
        stack.push(binary(op, a, b));
        break;
      }
      case '!': stack.push(popNum() ? 0 : 1); break;
      case '~': stack.push(~popNum()); break;
      case '?': case ';': break;
      case 't': if (!popNum()) i = skip(cap, i, true); break;
      case 'e': i = skip(cap, i, false); break;
      default: break;
    }
  }
  return out;
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? 0 : Math.trunc(a / b);
    case 'm': return b === 0 ? 0 : a % b;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '=': return a === b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case 'A': return a && b ? 1 : 0;
    default: return a || b ? 1 : 0;
  }
}

/**
 * From just after a %t whose condition failed (`toElse`: to its %e or %;) or a %e (to the
 * %; ending its %?), past nested %? … %; blocks.
 */
function skip(cap: string, i: number, toElse: boolean): number {
  let depth = 0;
  while (i < cap.length) {
    if (cap[i] !== '%') {
      i++;
      continue;
    }
    const op = cap[i + 1];
    i += 2;
    if (op === '?') depth++;
    else if (op === ';') {
      if (depth === 0) return i;
      depth--;
    } else if (op === 'e' && toElse && depth === 0) return i;
  }
  return i;
}

/** One printf conversion (`[flags][width][.precision]conv`) of `v`. */
function printf(spec: string, v: Value): string {
  const m = /^([-+# ]*)(\d*)(?:\.(\d+))?([doxXsc])$/.exec(spec)!;
  const [, flags = '', width = '', prec, conv] = m;
  let s: string;
  if (conv === 's') {
    s = String(v);
    if (prec !== undefined) s = s.slice(0, Number(prec));
  } else {
    const n = typeof v === 'number' ? Math.trunc(v) : Number(v) || 0;
    const base = conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10;
    s = Math.abs(n).toString(base);
    if (conv === 'X') s = s.toUpperCase();
    if (prec !== undefined) s = s.padStart(Number(prec), '0');
    if (flags.includes('#') && n !== 0 && base !== 10) s = (base === 8 ? '0' : conv === 'X' ? '0X' : '0x') + s;
    const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    if (!flags.includes('-') && width.startsWith('0') && prec === undefined) s = sign + s.padStart(Number(width) - sign.length, '0');
    else s = sign + s;
  }
  const w = Number(width) || 0;
  return flags.includes('-') ? s.padEnd(w) : s.padStart(w);
}
