/*
 * command-prompt's templates, as tmux 3.3a fills them (cmd_template_replace): for the
 * Nth answer, every `%N` and the first `%%` not yet filled become the answer; a third
 * `%` (`%%%`, `%1%`) puts a backslash before each of `"\$;~` in it. Answers are applied
 * in order, so successive `%%` take successive answers.
 *
 * One ccmux addition keeps any answer safe where a template wants it as one word: a
 * placeholder that is the whole of a single-quoted string (`'%%'`, `'%1'`) becomes the
 * answer quoted as one argument (tmux would put it in as it stands, and an answer with a
 * quote in it would not parse). ccmux's own bindings use that form.
 */
import { quoteArg } from './parse-command.js';

/** `template` with answer `s` as the `idx`th (1-based). */
export function replaceTemplate(template: string, s: string, idx: number): string {
  if (!template.includes('%')) return template;
  let out = '';
  let replaced = false;
  let i = 0;
  while (i < template.length) {
    const ch = template[i++]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const next = template[i];
    const isIdx = next !== undefined && next >= '1' && next <= '9' && Number(next) === idx;
    if (!isIdx && (next !== '%' || replaced)) {
      out += ch;
      continue;
    }
    if (!isIdx) replaced = true;
    i++;
    const quoted = template[i] === '%';
    if (quoted) i++;
    // ccmux: '%%' or '%N' alone inside single quotes is the answer as one word.
    if (!quoted && out.endsWith("'") && template[i] === "'" && !isInsideWord(out)) {
      out = out.slice(0, -1) + quoteArg(s);
      i++;
      continue;
    }
    for (const c of s) out += quoted && '"\\$;~'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** Whether the `'` that `out` ends with continues a word (x'%%'), rather than starting one. */
function isInsideWord(out: string): boolean {
  const before = out[out.length - 2];
  return before !== undefined && !/[\s=;{]/.test(before);
}

/** The template with each answer applied in order (args_make_commands). */
export function fillTemplate(template: string, answers: readonly string[]): string {
  let t = template;
  answers.forEach((s, i) => (t = replaceTemplate(t, s, i + 1)));
  return t;
}
