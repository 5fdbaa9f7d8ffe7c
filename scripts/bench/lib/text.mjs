/*
 * The text the benchmarks print: lines of 0–360 columns (8% wider than a 200-column pane,
 * so they wrap), in segments coloured with SGR 16-colour, 256-colour and truecolor
 * foregrounds (sometimes backgrounds), 15% bold, 7% of segments CJK (wide characters),
 * from a seeded PRNG, so every run prints the same. Marker characters (`~@#^|`) never
 * occur in it.
 */
import fs from 'node:fs';

const TEXT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      .,;:!?-_()[]{}<>=+*/&$\'"';

/** mulberry32: a small seeded PRNG, so every run cats the same file. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One line of text: coloured segments of ASCII words, now and then CJK. */
export function makeLine(rnd) {
  const int = (n) => Math.floor(rnd() * n);
  const width = rnd() < 0.08 ? 200 + int(160) : int(200); // some wrap
  let s = '';
  let used = 0;
  while (used < width) {
    const k = rnd();
    let sgr;
    if (k < 0.25) sgr = '0';
    else if (k < 0.45) sgr = String((rnd() < 0.5 ? 30 : 90) + int(8)) + (rnd() < 0.2 ? `;${40 + int(8)}` : '');
    else if (k < 0.7) sgr = `38;5;${int(256)}` + (rnd() < 0.15 ? `;48;5;${int(256)}` : '');
    else sgr = `38;2;${int(256)};${int(256)};${int(256)}` + (rnd() < 0.1 ? `;48;2;${int(256)};${int(256)};${int(256)}` : '');
    if (rnd() < 0.15) sgr = `1;${sgr}`;
    s += `\x1b[${sgr}m`;
    const n = Math.min(width - used, 3 + int(25));
    if (rnd() < 0.07) {
      for (let i = 0; i + 2 <= n; i += 2) s += String.fromCodePoint(0x4e00 + int(0x5000));
      used += n - (n % 2) || 1;
      if (n % 2 || n < 2) s += ' ';
    } else {
      for (let i = 0; i < n; i++) s += TEXT_CHARS[int(TEXT_CHARS.length)];
      used += n;
    }
  }
  return s + '\x1b[0m\n';
}

/** Write `bytes` (about) of generated text to `file`. */
export function generateText(file, bytes) {
  const rnd = prng(20240501);
  const fd = fs.openSync(file, 'w');
  try {
    let written = 0;
    while (written < bytes) {
      let chunk = '';
      while (chunk.length < 256 * 1024) chunk += makeLine(rnd);
      let buf = Buffer.from(chunk, 'utf8');
      if (written + buf.length > bytes) {
        // End on a whole line so the last line is complete.
        const cut = buf.lastIndexOf(0x0a, bytes - written - 1);
        buf = buf.subarray(0, cut + 1);
        if (buf.length === 0) break;
      }
      fs.writeSync(fd, buf);
      written += buf.length;
    }
    return written;
  } finally {
    fs.closeSync(fd);
  }
}

/** Write `count` generated lines to `file`; returns its size in bytes. */
export function generateLines(file, count) {
  const rnd = prng(20240501);
  let text = '';
  for (let i = 0; i < count; i++) text += makeLine(rnd);
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** Characters of pasted text: ASCII, 2-byte (Latin), 3-byte (CJK, €) and 4-byte (emoji) UTF-8. */
const PASTE_WIDE = ['é', 'ß', 'ñ', 'Ω', '€', '日', '本', '語', '😀', '🚀'];

/**
 * About `bytes` of text to paste: numbered lines of 0–300 characters (each well under the
 * tty's 4095-byte canonical line limit), mostly ASCII with 8% multi-byte characters (2, 3
 * and 4 bytes in UTF-8), no control character but the newline ending each line. Seeded:
 * the same text every run.
 */
export function pasteText(bytes) {
  const rnd = prng(20241121);
  const int = (n) => Math.floor(rnd() * n);
  const lines = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    let s = `${String(i).padStart(6, '0')} `;
    const n = int(300);
    for (let k = 0; k < n; k++) s += rnd() < 0.08 ? PASTE_WIDE[int(PASTE_WIDE.length)] : TEXT_CHARS[int(TEXT_CHARS.length)];
    s += '\n';
    lines.push(s);
    size += Buffer.byteLength(s);
  }
  return lines.join('');
}
