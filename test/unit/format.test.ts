/*
 * Tests of format strings: #{var}, the one-letter short forms, ## for a literal #,
 * conditionals (nested and with formats as conditions), #{=N:...} truncation from
 * either end, unknown variables, unterminated braces, and the strftime fields used by
 * status-left/right with the checks that decide how often the status line ticks.
 */
import { describe, expect, it } from 'vitest';
import { expandFormat, showsSeconds, showsTime, strftime, type FormatContext } from '../../src/core/format.js';

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

/*
 * The modifiers of tmux 3.3a. Every expected value below was read from tmux 3.3a itself
 * (`tmux -L probe display -p '<format>'` with the same values set as user options); the
 * side-by-side e2e test (tmux-compat.test.ts) runs most of them against tmux again.
 */
describe('modifiers (values verified against tmux 3.3a)', () => {
  const M: Record<string, string> = {
    session_name: 'keep', pane_current_path: '/tmp', pane_title: 'vm', n: '1700000000', s: '##[fg=red]abcdef',
    j: '日本語', e: 'a#b', sp: "it's a $x", f: '#{session_name}-%Y', p: '/usr/local/bin/', abc: 'abc',
  };
  const wide = (cp: number) => (cp >= 0x1100 ? 2 : 1);
  const ctx: FormatContext = { lookup: (k) => M[k], charWidth: wide, now: () => new Date(2026, 11, 3, 17, 27, 49) };
  const x = (f: string, time = false) => expandFormat(f, ctx, time);

  it.each([
    ['#{s/ee/EE/:session_name}', 'kEEp'], ['#{s/k(e+)/[\\1]/:session_name}', '[ee]p'], ['#{s/E/x/i:session_name}', 'kxxp'],
    ['#{s/^/>/:session_name}', 'eep'], ['#{s/x*/-/:session_name}', 'k-e-e-p-'], ['#{s/0*/Z/:n}', '1Z7Z'], ['#{s/0+/Z/:n}', '17Z'],
    ['#{s/(/x/:n}', '1700000000'], ['#{s/a/b/:}', ''], ['#{s|7|X|:n}', '1X00000000'], ['#{s/(a)|(b)/[\\2]/:e}', '[2]#[b]'],
    ['#{s/b$/B/:e}', 'a#B'], ['#{s/[[:alpha:]]/L/:e}', ''], ['#{s/[[#:alpha#:]]/L/:e}', 'a#b'],
  ])('s/re/with/: %s → %j', (f, want) => expect(x(f)).toBe(want));

  it('s/// matches POSIX-style, the longest of the leftmost matches', () => {
    expect(x('#{s/a|ab/X/:abc}')).toBe('Xc');
    expect(x('#{s/(a|ab)(c|bcd)/[\\1,\\2]/:abc}')).toBe('[ab,c]');
  });

  it.each([
    ['#{m:k*,keep}', '1'], ['#{m:K*,keep}', '0'], ['#{m/i:K*,keep}', '1'], ['#{m/r:^k.e,keep}', '1'], ['#{m/ri:^K,keep}', '1'],
    ['#{m/r:(,x}', '0'], ['#{m:[a-c]x,bx}', '1'], ['#{m:*,}', '1'], ['#{m:k?ep,#{session_name}}', '1'],
  ])('m: %s → %j', (f, want) => expect(x(f)).toBe(want));

  it.each([
    ['#{=2:session_name}', 'ke'], ['#{=-2:session_name}', 'ep'], ['#{=/2/...:session_name}', 'ke...'], ['#{=/-2/...:session_name}', '...ep'],
    ['#{=/10/...:session_name}', 'keep'], ['#{=x:session_name}', 'keep'], ['#{=3:s}', '##[f'], ['#{=-3:s}', 'def'], ['#{=1:j}', ''],
    ['#{=-1:j}', ''], ['#{=/2/>:j}', '日>'], ['#{=1:e}', 'a'],
    ['#{n:s}', '16'], ['#{w:s}', '15'], ['#{w:j}', '6'], ['#{n:j}', '9'], ['#{w:e}', '3'],
    ['#{p10:session_name}', 'keep      '], ['#{p-10:session_name}', '      keep'], ['#{p5:j}', '日本語'], ['#{p-8:j}', '  日本語'],
  ])('=, n, w, p: %s → %j', (f, want) => expect(x(f)).toBe(want));

  it.each([
    ['#{e|+:1,2}', '3'], ['#{e|-:1,5}', '-4'], ['#{e|*:3,4}', '12'], ['#{e|/:7,2}', '3'], ['#{e|m:7,3}', '1'], ['#{e|%:7,3}', '1'],
    ['#{e|/:1,0}', '-9223372036854775808'], ['#{e|+|f:1,2}', '3.00'], ['#{e|/|f|4:1,3}', '0.3333'], ['#{e|/|f|0:7,2}', '4'],
    ['#{e|==:1,1.0}', '1'], ['#{e|!=:1,2}', '1'], ['#{e|<:1,2}', '1'], ['#{e|>=:1,2}', '0'], ['#{e|+:1.9,2.9}', '3'],
    ['#{e|+:a,2}', ''], ['#{e|+:1}', ''], ['#{e|x:1,2}', ''], ['#{e|+:0x10,1}', '17'], ['#{e|+: 1,2}', '3'], ['#{e|+:1 ,2}', ''],
    ['#{e|+:,1}', '1'], ['#{e|+|f|-1:1,2}', '3.000000'], ['#{e|+|f|x:1,2}', ''], ['#{e|-:-0.5,0}', '0'], ['#{e|+:inf,1}', '-9223372036854775808'],
    ['#{e|/|f:1,0}', 'inf'], ['#{e|*|f:1e20,1e5}', '10000000000000000905969664.00'], ['#{e|+:#{e|+:1,2},3}', '6'],
  ])('e|: %s → %j', (f, want) => expect(x(f)).toBe(want));

  it.each([
    ['#{b:pane_current_path}', 'tmp'], ['#{d:pane_current_path}', '/'], ['#{b:#{pane_current_path}}', '/tmp'], ['#{b:p}', 'bin'],
    ['#{d:p}', '/usr/local'], ['#{b:sp}', "it's a $x"], ['#{d:sp}', '.'], ['#{b:}', ''],
    ['#{q:sp}', "it\\'s\\ a\\ \\$x"], ['#{q/h:s}', '####[fg=red]abcdef'], ['#{q/e:s}', '####[fg=red]abcdef'], ['#{q/x:sp}', "it's a $x"],
    ['#{l:#{session_name}}', '#{session_name}'], ['#{l:a,b}', 'a,b'], ['#{a:65}', 'A'], ['#{a:31}', ''], ['#{a:127}', ''], ['#{a:#{e|+:60,5}}', 'A'],
    ['#{c:red}', '800000'], ['#{c:colour200}', 'ff00d7'], ['#{c:#ff00aa}', 'ff00aa'], ['#{c:default}', ''], ['#{c:brightred}', 'ff0000'],
    ['#{c:nosuch}', ''], ['#{c:10}', ''], ['#{c:aliceblue}', 'f0f8ff'], ['#{c:DarkSlateGray4}', '528b8b'], ['#{c:dark slate gray}', '2f4f4f'],
    ['#{x:#{session_name}}', 'x:keep'], ['#{!:session_name}', ''], ['#{!!:session_name}', ''], ['#{S/x:#{session_name}}', 'S/x:keep'],
  ])('b d q l a c, unknown modifiers: %s → %j', (f, want) => expect(x(f)).toBe(want));

  it('E: expands a value again, T: with the time too; l: is not expanded but strftime is (display-message)', () => {
    expect(x('#{f}|#{E:f}|#{E:#{l:#{session_name}}}')).toBe('#{session_name}-%Y|keep-%Y|keep');
    expect(x('#{E:f}|#{T:f}|#{l:%Y}', true)).toBe('keep-2026|keep-2026|2026');
  });

  it('t: shows a time in seconds as ctime, t/p: as tmux\'s short form, t/f/FMT: with strftime (local time)', () => {
    const t = new Date(Number(M.n) * 1000);
    const p2 = (v: number) => String(v).padStart(2, '0');
    expect(x('#{t:abc}|#{t:pane_title}|#{t:nope}')).toBe('||');
    expect(x('#{t/p:n}')).toBe('Nov23');
    expect(x('#{t/f/%H#:%M:n}')).toBe(`${p2(t.getHours())}:${p2(t.getMinutes())}`);
    expect(x('#{t:n}')).toMatch(/^Tue Nov 1[45] \d\d:\d\d:20 2023$/);
    // In display-message the whole format goes through strftime first: %Y is this year.
    expect(x('#{t/f/%Y:n}', true)).toBe('2026');
  });

  it('chains modifiers with ;, applied in tmux\'s order (substitution, then length limit, then padding, then n/w)', () => {
    expect(x('#{s/a/b/;=3:pane_current_path}|#{=3;s/u/U/:p}|#{s/o/0/;s/l/L/:p}')).toBe('/tm|/Us|/usr/L0caL/bin/');
    expect(x('#{=2;p4:session_name}|#{n;=2:j}|#{w;p6:j}')).toBe('ke  |3|6');
  });

  it('ends the output at a failing #{…} (a comparison or conditional with no comma), as tmux does', () => {
    expect(x('#{<:a,b}|#{>:a,b}|#{m}|#{m:}|after')).toBe('1|0||');
    expect(x('#{?,a,b}|#{?}|x')).toBe('b|');
  });

  it('keeps #, #} ## and styles as tmux does', () => {
    expect(x('#{pane_title}##|#,|#}|##[fg=red]|###[x]|#{?#{==:a,a},x#,y,z}')).toBe('vm#|,|}|##[fg=red]|###[x]|x,y');
  });

  it('loops over sessions, windows and panes, the current item taking the second branch', () => {
    const item = (name: string): FormatContext => ({ lookup: (k) => (k === 'name' ? name : undefined) });
    const loops: FormatContext = {
      lookup: () => undefined,
      sessions: () => [item('a'), item('b')],
      windows: () => [{ ctx: item('w0'), current: false }, { ctx: item('w1'), current: true }],
      panes: () => undefined,
    };
    expect(expandFormat('#{S:#{name},}|#{W:#{name} ,[#{name}] }|#{S;n:#{name}}', loops)).toBe('a,b,|w0 [w1] |2');
    // No window to loop over: the expansion fails and the output ends.
    expect(expandFormat('x#{P:#{name}}y', loops)).toBe('x');
  });

  it('C: gives the first line of the pane that matches (glob or regex), N: whether a name exists', () => {
    const c: FormatContext = { lookup: () => undefined, paneLines: () => ['$ make   ', 'hello-world', 'HELLO'], windowNames: () => ['two'], sessionNames: () => ['keep'] };
    expect(expandFormat('#{C:hello}|#{C:HELLO}|#{C/i:HELLO}|#{C/r:h.l+o}|#{C:nothing}|#{C:make}|#{C/r:make$}', c)).toBe('2|3|2|2|0|1|1');
    expect(expandFormat('#{N:two}|#{N:nope}|#{N/s:keep}|#{N/s:nope}|#{N/w:two}', c)).toBe('1|0|1|0|1');
    expect(expandFormat('#{C:x}', { lookup: () => undefined })).toBe('0');
  });
});
