/*
 * The checkpoint format: encode → decode gives the body back; a damaged or edited file is
 * recognised (bad JSON, checksum mismatch) and a newer format is told apart; every
 * validation failure names the field that is wrong; checkpointDirs lists the pane dirs.
 */
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FORMAT,
  CheckpointError,
  checkpointDirs,
  decodeCheckpoint,
  encodeCheckpoint,
  type CheckpointBody,
} from '../../src/persist/checkpoint.js';

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';
const U1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const U2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const U3 = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

/** Two sessions; window 0 of "work" split three ways with shell, command and Claude panes of every method. */
function body(): CheckpointBody {
  return {
    sessions: [
      {
        name: 'work',
        current: 2,
        last: 0,
        windows: [
          {
            index: 0,
            name: 'editor',
            layout: { type: 'split', dir: 'h', weights: [2, 1], children: [{ type: 'pane', pane: 0 }, { type: 'split', dir: 'v', weights: [1, 1], children: [{ type: 'pane', pane: 1 }, { type: 'pane', pane: 4 }] }] },
            active: 1,
            zoomed: false,
            cols: 120,
            rows: 40,
            panes: [
              { id: 0, cwd: '/src/a', title: 'shell' },
              { id: 1, cwd: '/src/b', claude: { method: 'config_dir', dir: '/s/claude-configs/pane-' + U1, root: '/s/claude-configs', profile: 'work', sessionId: S1, uuid: U1, cwd: '/src/b' } },
              { id: 4, cwd: '/src/c', command: ['htop', '-d', '10'] },
            ],
          },
          {
            index: 2,
            layout: { type: 'split', dir: 'v', weights: [1, 1], children: [{ type: 'pane', pane: 2 }, { type: 'pane', pane: 3 }] },
            active: 3,
            zoomed: true,
            cols: 80,
            rows: 24,
            panes: [
              { id: 2, cwd: '/src/d', claude: { method: 'home', dir: '/s/claude-homes/pane-' + U2, root: '/s/claude-homes', sessionId: S2, uuid: U2, cwd: '/src/d' } },
              { id: 3, cwd: '/src/e', claude: { method: 'none', sessionId: S1.replace(/1/g, '3'), uuid: U3, cwd: '/src/e' } },
            ],
          },
        ],
      },
      { name: 'ops', current: 0, windows: [{ index: 0, layout: { type: 'pane', pane: 5 }, active: 5, zoomed: false, cols: 80, rows: 24, panes: [{ id: 5, cwd: '/' }] }] },
    ],
  };
}

/** Decode a file whose body is `b` (with a correct checksum), returning the error message or null. */
function errorOf(b: unknown): string | null {
  try {
    decodeCheckpoint(encodeCheckpoint(b as CheckpointBody, '0.1.0', false));
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as CheckpointError).kind).toBe('corrupt');
    return (err as Error).message;
  }
}

/** A copy of body() changed by `edit` (which works on plain JSON). */
function edited(edit: (b: any) => void): unknown {
  const b = JSON.parse(JSON.stringify(body()));
  edit(b);
  return b;
}

describe('checkpoint encode/decode', () => {
  it('round-trips the body, version, time and clean flag', () => {
    const now = new Date('2026-03-04T05:06:07.000Z');
    const text = encodeCheckpoint(body(), '0.1.0', true, now);
    expect(text.endsWith('\n')).toBe(true);
    const raw = JSON.parse(text);
    expect(raw.format).toBe(CHECKPOINT_FORMAT);
    expect(raw.checksum).toMatch(/^[0-9a-f]{64}$/);
    const cp = decodeCheckpoint(text);
    expect(cp).toEqual({ format: CHECKPOINT_FORMAT, ccmux: '0.1.0', savedAt: now.toISOString(), clean: true, body: body() });
    expect(decodeCheckpoint(encodeCheckpoint(body(), '0.1.0', false)).clean).toBe(false);
  });

  it('stores no environment: only the fields of the model', () => {
    const b = edited((x) => {
      x.sessions[0].windows[0].panes[0].env = { ANTHROPIC_API_KEY: 'secret' };
      x.sessions[0].env = { TOKEN: 'secret' };
    });
    const cp = decodeCheckpoint(encodeCheckpoint(b as CheckpointBody, '0.1.0', false));
    expect(JSON.stringify(cp.body)).not.toContain('secret');
  });

  it('drops a `last` that names no window', () => {
    const cp = decodeCheckpoint(encodeCheckpoint(edited((x) => (x.sessions[0].last = 7)) as CheckpointBody, '0.1.0', false));
    expect(cp.body.sessions[0]!.last).toBeUndefined();
  });

  it('recognises a file that is cut short, edited, or not a checkpoint', () => {
    const text = encodeCheckpoint(body(), '0.1.0', false);
    const cases: Array<[string, RegExp]> = [
      [text.slice(0, Math.floor(text.length / 2)), /not valid JSON/],
      ['', /not valid JSON/],
      ['[1,2]', /not a JSON object/],
      ['null', /not a JSON object/],
      [JSON.stringify({ ...JSON.parse(text), format: '1' }), /no format number/],
      [JSON.stringify({ ...JSON.parse(text), body: undefined }), /no body/],
      [text.replace('/src/a', '/src/X'), /checksum mismatch/],
      [JSON.stringify({ ...JSON.parse(text), checksum: undefined }), /checksum mismatch/],
    ];
    for (const [t, re] of cases) {
      let err: unknown;
      try {
        decodeCheckpoint(t);
      } catch (e) {
        err = e;
      }
      expect(err, t.slice(0, 40)).toBeInstanceOf(CheckpointError);
      expect((err as CheckpointError).kind).toBe('corrupt');
      expect((err as Error).message).toMatch(re);
    }
  });

  it('tells a newer format apart (kind "newer"), whatever its body', () => {
    const text = JSON.stringify({ format: CHECKPOINT_FORMAT + 98, ccmux: '9.0.0', body: 'anything', checksum: 'x' });
    try {
      decodeCheckpoint(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CheckpointError);
      expect((err as CheckpointError).kind).toBe('newer');
      expect((err as Error).message).toContain('9.0.0, format 99');
    }
  });
});

describe('checkpoint validation names the field', () => {
  const W = 'sessions[0].windows[0]';
  const P = `${W}.panes[1]`;
  const C = `${P}.claude`;
  const cases: Array<[string, (b: any) => void, string, RegExp?]> = [
    ['body without sessions', (b) => delete b.sessions, 'body'],
    ['sessions not an array', (b) => (b.sessions = {}), 'body'],
    ['a session not an object', (b) => (b.sessions[0] = 'work'), 'sessions[0]'],
    ['session name not a string', (b) => (b.sessions[0].name = 3), 'sessions[0].name'],
    ['session name with ":"', (b) => (b.sessions[0].name = 'a:b'), 'sessions[0].name', /":" or "."/],
    ['session name empty', (b) => (b.sessions[0].name = ''), 'sessions[0].name', /empty/],
    ['session name with NUL', (b) => (b.sessions[0].name = 'a\0b'), 'sessions[0].name'],
    ['duplicate session', (b) => (b.sessions[1].name = 'work'), 'sessions[1].name', /duplicate session work/],
    ['no windows', (b) => (b.sessions[0].windows = []), 'sessions[0].windows', /non-empty/],
    ['a window not an object', (b) => (b.sessions[0].windows[0] = null), W],
    ['bad layout', (b) => (b.sessions[0].windows[0].layout = { type: 'split', dir: 'x', children: [], weights: [] }), `${W}.layout`, /dir/],
    ['layout weights', (b) => (b.sessions[0].windows[0].layout.weights = [1, -1]), `${W}.layout`, /weights/],
    ['panes not an array', (b) => (b.sessions[0].windows[0].panes = {}), `${W}.panes`],
    ['panes not matching the layout', (b) => b.sessions[0].windows[0].panes.pop(), `${W}.panes`, /do not match the layout/],
    ['duplicate pane ids', (b) => (b.sessions[0].windows[0].panes[2].id = 0), `${W}.panes`, /do not match the layout/],
    ['window index', (b) => (b.sessions[0].windows[0].index = -1), `${W}.index`],
    ['active not a pane of the window', (b) => (b.sessions[0].windows[0].active = 2), `${W}.active`, /names no pane/],
    ['active not a number', (b) => (b.sessions[0].windows[0].active = '1'), `${W}.active`],
    ['cols', (b) => (b.sessions[0].windows[0].cols = 0), `${W}.cols`],
    ['rows', (b) => (b.sessions[0].windows[0].rows = 1.5), `${W}.rows`],
    ['window name with a control character', (b) => (b.sessions[0].windows[0].name = 'a\x1bb'), `${W}.name`, /control/],
    ['window name not a string', (b) => (b.sessions[0].windows[0].name = 5), `${W}.name`],
    ['duplicate window index', (b) => (b.sessions[0].windows[1].index = 0), 'sessions[0].windows', /duplicate window index/],
    ['current names no window', (b) => (b.sessions[0].current = 1), 'sessions[0].current', /names no window/],
    ['current not a number', (b) => (b.sessions[0].current = null), 'sessions[0].current'],
    ['a pane not an object', (b) => (b.sessions[0].windows[0].panes[1] = 1), P],
    ['pane id', (b) => (b.sessions[0].windows[0].panes[1].id = 'x'), `${P}.id`],
    ['pane cwd', (b) => delete b.sessions[0].windows[0].panes[1].cwd, `${P}.cwd`],
    ['pane cwd with NUL', (b) => (b.sessions[0].windows[0].panes[1].cwd = '/a\0b'), `${P}.cwd`],
    ['pane cwd too long', (b) => (b.sessions[0].windows[0].panes[1].cwd = '/' + 'x'.repeat(5000)), `${P}.cwd`],
    ['pane command empty', (b) => (b.sessions[0].windows[0].panes[2].command = []), `${W}.panes[2].command`],
    ['pane command not an array', (b) => (b.sessions[0].windows[0].panes[2].command = 'htop'), `${W}.panes[2].command`],
    ['pane command element', (b) => (b.sessions[0].windows[0].panes[2].command[1] = 2), `${W}.panes[2].command[1]`],
    ['pane title', (b) => (b.sessions[0].windows[0].panes[1].title = 'x'.repeat(2000)), `${P}.title`],
    ['claude not an object', (b) => (b.sessions[0].windows[0].panes[1].claude = 'yes'), C],
    ['claude method', (b) => (b.sessions[0].windows[0].panes[1].claude.method = 'docker'), `${C}.method`],
    ['claude sessionId not a UUID', (b) => (b.sessions[0].windows[0].panes[1].claude.sessionId = '../../x'), `${C}.sessionId`, /not a UUID/],
    ['claude sessionId missing', (b) => delete b.sessions[0].windows[0].panes[1].claude.sessionId, `${C}.sessionId`],
    ['claude uuid', (b) => (b.sessions[0].windows[0].panes[1].claude.uuid = 'pane-1'), `${C}.uuid`, /not a UUID/],
    ['claude cwd', (b) => delete b.sessions[0].windows[0].panes[1].claude.cwd, `${C}.cwd`],
    ['claude dir missing', (b) => delete b.sessions[0].windows[0].panes[1].claude.dir, `${C}.dir`, /missing/],
    ['claude dir not a string', (b) => (b.sessions[0].windows[0].panes[1].claude.dir = ['/x']), `${C}.dir`],
    ['claude root', (b) => (b.sessions[0].windows[0].panes[1].claude.root = 1), `${C}.root`],
    ['claude profile', (b) => (b.sessions[0].windows[0].panes[1].claude.profile = 'p'.repeat(200)), `${C}.profile`],
    ['claude dir for method none', (b) => (b.sessions[0].windows[1].panes[1].claude.dir = '/x'), 'sessions[0].windows[1].panes[1].claude.dir', /unexpected for method none/],
  ];
  for (const [what, edit, field, detail] of cases) {
    it(what, () => {
      const msg = errorOf(edited(edit));
      expect(msg).not.toBeNull();
      expect(msg!.startsWith(`${field}: `), `${msg} should start with "${field}: "`).toBe(true);
      if (detail) expect(msg).toMatch(detail);
    });
  }

  it('accepts the unchanged body', () => {
    expect(errorOf(body())).toBeNull();
  });
});

describe('checkpointDirs', () => {
  it('lists the dir of every isolated Claude pane (none for method none or shells)', () => {
    expect(checkpointDirs(body())).toEqual(['/s/claude-configs/pane-' + U1, '/s/claude-homes/pane-' + U2]);
    expect(checkpointDirs({ sessions: [] })).toEqual([]);
  });
});
