/*
 * "Did you mean ...?" for misspelt option names, table names, colours and the like: the
 * nearest candidate by Damerau-Levenshtein distance (optimal string alignment: insert,
 * delete, substitute, swap two neighbours), or one the word is a prefix of.
 */

/** Largest edit distance still suggested. */
const MAX_DISTANCE = 3;

/** Shortest word that may be completed by a prefix match ("hist" → "history-limit"). */
const MIN_PREFIX = 3;

/** The optimal-string-alignment distance between a and b. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate `word` most likely stands for, or undefined. A candidate one edit away (a
 * typo) wins; then the shortest candidate that starts with the word ("status-pos" is
 * status-position, not status-keys three edits away); then the nearest within distance 3
 * (and closer than the word's own length, so "x" does not become "mouse"). Case is ignored.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let prefixed: string | undefined;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    const distance = editDistance(lower, other);
    if (distance <= MAX_DISTANCE && distance < lower.length && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    if (lower.length >= MIN_PREFIX && other.startsWith(lower) && (prefixed === undefined || candidate.length < prefixed.length)) {
      prefixed = candidate;
    }
  }
  return bestDistance <= 1 ? best : (prefixed ?? best);
}

/** ` (did you mean "x"?)` for the nearest candidate, or "" when nothing is near. */
export function didYouMean(word: string, candidates: Iterable<string>, quote: (s: string) => string = JSON.stringify): string {
  const match = suggest(word, candidates);
  return match === undefined ? '' : ` (did you mean ${quote(match)}?)`;
}
