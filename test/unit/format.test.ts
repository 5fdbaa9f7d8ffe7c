/*
 * Tests of format strings: #{var}, the one-letter short forms, ## for a literal #,
 * conditionals (nested and with formats as conditions), #{=N:...} truncation from
 * either end, unknown variables, unterminated braces, and the strftime fields used by
 * status-left/right with the checks that decide how often the status line ticks.
 */
import { describe, expect, it } from 'vitest';
import { expandFormat, showsSeconds, showsTime, strftime } from '../../src/core/format.js';

const VARS: Record<string, string> = {
  host: 'box.example.com',
  host_short: 'box',
  session_name: 'work',
  window_name: 'logs',
  window_index: '2',
  pane_index: '1',
  pane_id: '%5',
  pane_title: 'vim main.ts',
  window_flags: '*Z',
  window_zoomed_flag: '1',
  pane_dead: '0',
  empty: '',
  pane_current_path: '/home/u/projects/ccmux',
  wide: '日本語テキスト',
};
const lookup = (name: string) => VARS[name];

describe('expandFormat', () => {
  it('expands #{name}', () => {
    expect(expandFormat('#{session_name}:#{window_index}.#{pane_index}', lookup)).toBe('work:2.1');
  });

  it.each([
    ['#S', 'work'], ['#W', 'logs'], ['#I', '2'], ['#P', '1'], ['#D', '%5'],
    ['#T', 'vim main.ts'], ['#F', '*Z'], ['#H', 'box.example.com'], ['#h', 'box'],
  ])('short form %s → %j', (fmt, want) => {
    expect(expandFormat(fmt, lookup)).toBe(want);
  });

  it('keeps # before anything that is not a format, and a # at the end', () => {
    expect(expandFormat('a#xb', lookup)).toBe('a#xb');
    expect(expandFormat('end#', lookup)).toBe('end#');
    expect(expandFormat('#', lookup)).toBe('#');
  });

  it('turns ## into a literal # that starts nothing', () => {
    expect(expandFormat('##', lookup)).toBe('#');
    expect(expandFormat('##S', lookup)).toBe('#S');
    expect(expandFormat('###S', lookup)).toBe('#work');
    expect(expandFormat('##{session_name}', lookup)).toBe('#{session_name}');
  });

  it('expands unknown variables to nothing', () => {
    expect(expandFormat('[#{no_such_var}]', lookup)).toBe('[]');
  });

  // tmux 3.3a: an unterminated #{ ends the output there.
  it('ends the output at an unterminated #{', () => {
    expect(expandFormat('x #{session_name', lookup)).toBe('x ');
  });

  it.each([
    ['#{?window_zoomed_flag,Z,-}', 'Z'],
    ['#{?pane_dead,dead,alive}', 'alive'], // "0" is false
    ['#{?empty,yes,no}', 'no'], // "" is false
    ['#{?no_such_var,yes,no}', 'no'],
    // tmux 3.3a: a conditional with no else branch fails, ending the output there.
    ['a#{?session_name,yes}b', 'a'],
    ['#{?1,yes,no}', 'no'], // "1" is no variable and expands to itself: false
    ['#{?window_zoomed_flag,#{window_name},#S}', 'logs'],
    ['#{?pane_dead,#{window_name},#S}', 'work'],
    ['#{?window_zoomed_flag,#{?pane_dead,a,b},c}', 'b'],
    ['#{?#{session_name},has,none}', 'has'],
    ['#{?#{empty},has,none}', 'none'],
    ['<#{?window_zoomed_flag,[#{pane_id}],}>', '<[%5]>'],
  ])('conditional %s → %j', (fmt, want) => {
    expect(expandFormat(fmt, lookup)).toBe(want);
  });

  it.each([
    ['#{=4:pane_current_path}', '/hom'],
    ['#{=-5:pane_current_path}', 'ccmux'],
    ['#{=100:session_name}', 'work'],
    ['#{=0:session_name}', 'work'], // tmux 3.3a: 0 is no limit
    ['#{=3:wide}', '日本語'],
    ['#{=-2:wide}', 'スト'],
    ['#{=2:no_such_var}', ''],
  ])('truncation %s → %j', (fmt, want) => {
    expect(expandFormat(fmt, lookup)).toBe(want);
  });

  it('does not cut a surrogate pair in half when truncating', () => {
    expect(expandFormat('#{=2:e}', (n) => (n === 'e' ? '😀😁😂' : undefined))).toBe('😀😁');
  });

  it('asks the lookup only for names the format uses', () => {
    const asked: string[] = [];
    expandFormat('#S #{pane_id} ## #x', (n) => {
      asked.push(n);
      return 'v';
    });
    expect(asked).toEqual(['session_name', 'pane_id']);
  });
});

describe('strftime', () => {
  // Local time, so both sides are built from the same local fields.
  const d = new Date(2024, 2, 5, 7, 4, 9); // Tue 5 Mar 2024 07:04:09
  const pm = new Date(2024, 11, 31, 23, 59, 58); // Tue 31 Dec 2024 23:59:58

  it.each([
    ['%H:%M:%S', '07:04:09'],
    ['%R', '07:04'],
    ['%T', '07:04:09'],
    ['%d/%m/%y', '05/03/24'],
    ['%Y', '2024'],
    ['%e', ' 5'],
    ['%a %b', 'Tue Mar'],
    ['%I%p', '07AM'],
    ['100%%', '100%'],
    ['%Q stays', '%Q stays'],
    ['no fields', 'no fields'],
  ])('%s → %j', (fmt, want) => {
    expect(strftime(fmt, d)).toBe(want);
  });

  it('handles the afternoon, midnight and noon in 12-hour form', () => {
    expect(strftime('%I:%M %p', pm)).toBe('11:59 PM');
    expect(strftime('%I %p', new Date(2024, 0, 1, 0, 0, 0))).toBe('12 AM');
    expect(strftime('%I %p', new Date(2024, 0, 1, 12, 0, 0))).toBe('12 PM');
    expect(strftime('%a %d %b', pm)).toBe('Tue 31 Dec');
  });

  it('leaves # formats alone, so expandFormat can run after it', () => {
    expect(expandFormat(strftime('#S %H:%M', d), lookup)).toBe('work 07:04');
  });
});

describe('showsSeconds / showsTime', () => {
  it.each([
    ['%H:%M:%S', true, true],
    ['%T', true, true],
    ['%H:%M', false, true],
    ['%R', false, true],
    ['#S', false, false],
    ['100%%', false, false],
    ['%%H', false, false],
    ['100%%S', false, false],
  ])('%j: seconds %s, time %s', (fmt, seconds, time) => {
    expect(showsTime(fmt)).toBe(time);
    expect(showsSeconds(fmt)).toBe(seconds);
  });
});
