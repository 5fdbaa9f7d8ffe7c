/*
 * #[…] style directives in status text (config/styled-text.ts), as tmux 3.3a draws
 * `status-left "#[fg=green]#S #[default]…"`: each directive styles what follows on top of
 * the one before; default returns to the status line's style; layout directives and
 * unknown words are ignored; ##[ is a literal #[.
 */
import { describe, expect, it } from 'vitest';
import { styledRuns } from '../../src/config/styled-text.js';
import { parseColour, parseStyle } from '../../src/config/option-values.js';

const bold = parseStyle('bold').flags;
const italics = parseStyle('italics').flags;

describe('styledRuns', () => {
  it('plain text is one run with no style', () => {
    expect(styledRuns('[main] ')).toEqual([{ text: '[main] ' }]);
    expect(styledRuns('')).toEqual([]);
  });

  it('each directive styles what follows, over the one before; default resets', () => {
    expect(styledRuns('#[fg=green][main] #[bold]x#[default]y')).toEqual([
      { text: '[main] ', style: { fg: parseColour('green') } },
      { text: 'x', style: { fg: parseColour('green'), flags: bold } },
      { text: 'y' },
    ]);
    expect(styledRuns('#[fg=colour235,bg=#102030 bold,italics]a#[nobold]b#[none]c')).toEqual([
      { text: 'a', style: { fg: 235, bg: parseColour('#102030'), flags: bold | italics } },
      { text: 'b', style: { fg: 235, bg: parseColour('#102030'), flags: italics } },
      { text: 'c', style: { fg: 235, bg: parseColour('#102030'), flags: 0 } },
    ]);
  });

  it('notes align=, ignores the other layout directives and unknown words; ##[ is literal; an unclosed #[ stays text', () => {
    expect(styledRuns('#[align=right,list=on,range=window|1,push-default,fg=red]w')).toEqual([{ text: 'w', style: { fg: parseColour('red') }, align: 'right' }]);
    expect(styledRuns('a#[align=centre]b#[default]c#[align=absolute-centre bold]d#[align=nosuch]e')).toEqual([
      { text: 'a' }, { text: 'b', align: 'centre' }, { text: 'c', align: 'centre' },
      { text: 'd', style: { flags: 1 }, align: 'absolute-centre' }, { text: 'e', style: { flags: 1 }, align: 'absolute-centre' },
    ]);
    expect(styledRuns('#[fg=nosuchcolour]w')).toEqual([{ text: 'w' }]);
    expect(styledRuns('a##[b]')).toEqual([{ text: 'a#[b]' }]);
    expect(styledRuns('a#[fg=red')).toEqual([{ text: 'a#[fg=red' }]);
  });
});
