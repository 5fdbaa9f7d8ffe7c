/*
 * Hyperlinks (OSC 8) as grids carry them: a number per link, the same across every pane,
 * client and the history, so a Grid cell holds one Int32 (grid.ts `link`) and the
 * ScreenWriter and capture-pane look the link up when they write it out.
 *
 * Each pane terminal numbers its links itself (xterm's urlId; a link printed with an id=
 * parameter keeps one number wherever it is printed, a link without one gets a new number
 * each time it is opened, as in tmux). `linkOf(term, urlId)` gives the shared number.
 * The table keeps the newest MAX_LINKS links, as tmux's (hyperlinks.c, 5000): a cell of a
 * link dropped since is drawn without it. Links xterm would keep but no terminal should be
 * sent — a URI over VTE's 2083 bytes or an id over 250, control characters anywhere —
 * are not kept at all (the text shows, unlinked).
 */
import { linkData, type HeadlessTerminal } from './xterm.js';

/** A hyperlink: where it points, and the id= parameter the program gave it ('' if none). */
export interface Hyperlink {
  uri: string;
  id: string;
}

export const MAX_LINKS = 5000;
export const MAX_URI = 2083;
export const MAX_LINK_ID = 250;

const links = new Map<number, Hyperlink>();
let next = 1;
/** Each terminal's links by its own number (xterm's urlId), once seen. */
const byTerminal = new WeakMap<HeadlessTerminal, Map<number, number>>();

/** The link numbered `n` (undefined: none, or dropped). */
export function hyperlink(n: number): Hyperlink | undefined {
  return n ? links.get(n) : undefined;
}

/** Number a link; 0 when it is not fit to be sent on. */
export function addLink(uri: string, id = ''): number {
  if (!uri || uri.length > MAX_URI || id.length > MAX_LINK_ID || /[\x00-\x1f\x7f-\x9f]/.test(uri + id)) return 0;
  const n = next++;
  links.set(n, { uri, id });
  if (links.size > MAX_LINKS) links.delete(links.keys().next().value!);
  return n;
}

/** The shared number of link `urlId` of `term` (0 for none, or a link not fit to be sent). */
export function linkOf(term: HeadlessTerminal, urlId: number): number {
  if (!urlId) return 0;
  let own = byTerminal.get(term);
  if (!own) byTerminal.set(term, (own = new Map()));
  const known = own.get(urlId);
  if (known !== undefined && (known === 0 || links.has(known))) return known;
  const data = linkData(term, urlId);
  const n = data ? addLink(data.uri, data.id ?? '') : 0;
  if (own.size >= MAX_LINKS) own.clear();
  own.set(urlId, n);
  return n;
}
