/*
 * Claude Code's encoding of a cwd into a dir name under `projects/`, where it keeps that
 * cwd's transcripts: every character outside [A-Za-z0-9] becomes "-", and a name longer
 * than 200 characters is cut to 200 and suffixed with "-<base36 hash>". The encoding is
 * lossy: "/a/b-c" and "/a/b/c" share one dir. The fake claude in test/fixtures carries a
 * copy of this function; test/unit/claude-encode-path.test.ts keeps the two equal.
 */

/** Longest encoded name Claude Code keeps unhashed. */
export const MAX_ENCODED_LENGTH = 200;

/**
 * Deterministic 32-bit string hash (djb2) in base 36. The real claude hashes the path with
 * a function we have not identified (the native build likely uses Bun.hash), so names over
 * 200 characters match claude's only in their first 200 characters.
 */
export function pathHash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return Math.abs(h).toString(36);
}

/**
 * The name of `cwd`'s dir under `<config dir>/projects/`. Works on UTF-16 code units, as
 * claude's regex does, so a character outside the BMP becomes "--".
 */
export function encodeProjectPath(cwd: string): string {
  const encoded = cwd.replace(/[^A-Za-z0-9]/g, '-');
  if (encoded.length <= MAX_ENCODED_LENGTH) return encoded;
  return `${encoded.slice(0, MAX_ENCODED_LENGTH)}-${pathHash(cwd)}`;
}
