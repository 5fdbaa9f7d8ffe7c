/*
 * Times in formats: strftime(3) fields (local time, the C locale) for status-left/right,
 * `display-message`, `T:` and `t/f/FMT:`; ctime(3) for `t:`; tmux's short "pretty"
 * time for `t/p:`. An unknown field is kept as written, as glibc does.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

function dayOfYear(d: Date): number {
  return Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() - new Date(d.getFullYear(), 0, 1).getTime()) / 86_400_000) + 1;
}

function zone(d: Date): string {
  const off = -d.getTimezoneOffset();
  return `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}${pad(Math.abs(off) % 60)}`;
}

function zoneName(d: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** One strftime field, or undefined if glibc has no such field. */
function field(f: string, d: Date): string | undefined {
  const h = d.getHours();
  switch (f) {
    case 'H': return pad(h);
    case 'k': return pad(h, 2, ' ');
    case 'I': return pad(h % 12 || 12);
    case 'l': return pad(h % 12 || 12, 2, ' ');
    case 'M': return pad(d.getMinutes());
    case 'S': return pad(d.getSeconds());
    case 'p': return h < 12 ? 'AM' : 'PM';
    case 'P': return h < 12 ? 'am' : 'pm';
    case 'd': return pad(d.getDate());
    case 'e': return pad(d.getDate(), 2, ' ');
    case 'j': return pad(dayOfYear(d), 3);
    case 'm': return pad(d.getMonth() + 1);
    case 'y': return pad(d.getFullYear() % 100);
    case 'Y': return String(d.getFullYear());
    case 'C': return pad(Math.floor(d.getFullYear() / 100));
    case 'a': return DAYS[d.getDay()]!.slice(0, 3);
    case 'A': return DAYS[d.getDay()]!;
    case 'b': case 'h': return MONTHS[d.getMonth()]!.slice(0, 3);
    case 'B': return MONTHS[d.getMonth()]!;
    case 'u': return String(d.getDay() || 7);
    case 'w': return String(d.getDay());
    case 's': return String(Math.floor(d.getTime() / 1000));
    case 'z': return zone(d);
    case 'Z': return zoneName(d);
    case 'n': return '\n';
    case 't': return '\t';
    case '%': return '%';
    case 'R': return strftime('%H:%M', d);
    case 'T': case 'X': return strftime('%H:%M:%S', d);
    case 'r': return strftime('%I:%M:%S %p', d);
    case 'D': case 'x': return strftime('%m/%d/%y', d);
    case 'F': return strftime('%Y-%m-%d', d);
    case 'c': return strftime('%a %b %e %H:%M:%S %Y', d);
    default: return undefined;
  }
}

/** strftime's fields (local time). Unknown fields are kept as written. */
export function strftime(fmt: string, d: Date): string {
  return fmt.replace(/%([a-zA-Z%])/g, (m, f: string) => field(f, d) ?? m);
}

/** ctime(3) without its newline: `Thu Dec  3 17:27:49 2026`. */
export function ctime(d: Date): string {
  return strftime('%a %b %e %H:%M:%S %Y', d);
}

/** tmux's pretty time (`t/p:`): the time today, the day this month, the date this year, else month and year. */
export function prettyTime(t: Date, now: Date): string {
  const n = now < t ? t : now;
  const age = (n.getTime() - t.getTime()) / 1000;
  if (age < 24 * 3600) return strftime('%H:%M', t);
  const sameYear = t.getFullYear() === n.getFullYear();
  if ((sameYear && t.getMonth() === n.getMonth()) || age < 28 * 24 * 3600) return strftime('%a%d', t);
  if ((sameYear && t.getMonth() < n.getMonth()) || (t.getFullYear() === n.getFullYear() - 1 && t.getMonth() > n.getMonth())) return strftime('%d%b', t);
  return strftime('%h%y', t);
}

/** Does the format show the time at a resolution of seconds (so the status line must tick each second)? */
export function showsSeconds(fmt: string): boolean {
  return /%[STsrcX]/.test(fmt.replace(/%%/g, ''));
}

/** Does the format show the time at all? */
export function showsTime(fmt: string): boolean {
  return /%[a-zA-Z]/.test(fmt.replace(/%%/g, ''));
}
