import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_CELL_MAX } from '#kernel/small-cells';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 18, class 2: small cells by differencing. The programme office asks, through the gateway
 * of the production-configured stack, for the figures of every period from January 2025 through
 * the end of each month and of each month alone, for every municipality and the total, as an
 * attacker differencing them would. The municipalities' own teams, who see their counts exactly,
 * show that the demo world holds months of 1 to 4 (two periods a month apart differ by a small
 * count); no difference or sum of the programme office's figures may equal one.
 */

const CODES = ['101', '265', '540', '615', '630'];
const FIRST_MONTH = '2025-01';
const LAST_MONTH = '2026-10';

const FIGURES = `
  youthStats(from: $from, to: $to) {
    enrolled inPlacement inEducation inJob paused exited enrolledInPeriod
    statusChangesInPeriod { total toEnrolled toInPlacement toInEducation toInJob toPaused toExited }
    leftForEducationOrJob fellBack followUps { youthFollowedUp inEducationOrJob }
  }
  placementStats(from: $from, to: $to) {
    planned active extended startedInPeriod extendedInPeriod completedInPeriod
    interruptedInPeriod endedInPeriod outcomesInPeriod { kind count } leftForEducationOrJob
    retention { followedUp kept lost } firstPlacements
  }
  networkStats(from: $from, to: $to) { attendance { present absent excused } }`;

const PROGRAMME_QUERY = `query Figures($from: Date!, $to: Date!) {
  municipalities { code ${FIGURES} }
  programmeStats(from: $from, to: $to) {
    ${FIGURES.replaceAll('(from: $from, to: $to)', '')}
  }
}`;

const TEAM_QUERY = `query Own($code: ID!, $from: Date!, $to: Date!) {
  municipality(code: $code) { ${FIGURES} }
}`;

/** Every count of an answer, by path (`101.youthStats.enrolled`, `total.placementStats…`). */
function countsOf(value: unknown, path: string, into = new Map<string, number>()) {
  if (typeof value === 'number') into.set(path, value);
  else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const key = (item as { kind?: string }).kind ?? String(index);
      countsOf(item, `${path}.${key}`, into);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'code' && key !== 'kind') countsOf(child, `${path}.${key}`, into);
    }
  }
  return into;
}

const lastDay = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};

function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; ) {
    months.push(month);
    const next = new Date(`${lastDay(month)}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    month = next.toISOString().slice(0, 7);
  }
  return months;
}

const isSmall = (n: number) => n >= 1 && n <= SMALL_CELL_MAX;

describe('attack: small cells by differencing, over HTTP', () => {
  let test: TestStack;
  const months = monthsFrom(FIRST_MONTH, LAST_MONTH);
  /** The programme office's counts through the end of each month and of each month alone. */
  const through = new Map<string, Map<string, number>>();
  const single = new Map<string, Map<string, number>>();
  /** The teams' exact counts of each month alone. */
  const exactSingle = new Map<string, Map<string, number>>();

  const programme = async (token: string, from: string, to: string) => {
    const { status, body } = await test.query<{
      municipalities: Array<Record<string, unknown> & { code: string }>;
      programmeStats: Record<string, unknown>;
    }>(PROGRAMME_QUERY, { token, variables: { from, to } });
    expect([status, body.errors]).toEqual([200, undefined]);
    const counts = new Map<string, number>();
    for (const municipality of body.data?.municipalities ?? []) {
      countsOf(municipality, municipality.code, counts);
    }
    return countsOf(body.data?.programmeStats, 'total', counts);
  };

  beforeAll(async () => {
    test = await startTestStack('prod');
    const token = await test.token('PROGRAMME');
    const teams = await Promise.all(
      CODES.map((code) => test.token('NETWORK_CONSULTANT', { municipalityCode: code })),
    );
    const team = async (code: string, index: number, month: string) => {
      const { body } = await test.query<{ municipality: Record<string, unknown> }>(TEAM_QUERY, {
        token: teams[index],
        variables: { code, from: `${month}-01`, to: lastDay(month) },
      });
      expect(body.errors).toBeUndefined();
      return countsOf(body.data?.municipality, code);
    };
    for (const month of months) {
      const [toEnd, alone, ...own] = await Promise.all([
        programme(token, `${FIRST_MONTH}-01`, lastDay(month)),
        programme(token, `${month}-01`, lastDay(month)),
        ...CODES.map((code, index) => team(code, index, month)),
      ]);
      through.set(month, toEnd as Map<string, number>);
      single.set(month, alone as Map<string, number>);
      exactSingle.set(month, new Map(own.flatMap((counts) => [...counts])));
    }
  }, 600_000);

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('is a world where two periods a month apart differ by 1 to 4 people', () => {
    // Assess: the teams' exact counts hold months of 1 to 4 (the programme's attack target)
    const small = [...exactSingle.values()].flatMap((exact) =>
      [...exact].filter(([path, n]) => /InPeriod|enrolledInPeriod/.test(path) && isSmall(n)),
    );
    expect(small.length).toBeGreaterThan(0);
  });

  it('never answers two periods a month apart with figures that differ by 1 to 4', () => {
    // Assess: (January to m) − (January to m − 1), and (January to m) − (m alone), for every count
    const pinned: string[] = [];
    months.slice(1).forEach((month, index) => {
      const now = through.get(month) as Map<string, number>;
      const before = through.get(months[index] as string) as Map<string, number>;
      const alone = single.get(month) as Map<string, number>;
      for (const [path, n] of now) {
        const earlier = before.get(path);
        const own = alone.get(path);
        if (earlier !== undefined && isSmall(Math.abs(n - earlier))) {
          pinned.push(`${month} ${path}: ${n} − ${earlier}`);
        }
        if (own !== undefined && isSmall(Math.abs(n - own))) {
          pinned.push(`${month} ${path}: ${n} − ${own} (the month alone)`);
        }
      }
    });
    expect(pinned).toEqual([]);
  });

  it('never answers a small count, or a sum or difference of two counts that is one, in any answer', () => {
    // Assess: every pair of counts of one answer (the same population counted by two
    // subgraphs, a total and a municipality, a part and a total) differs and adds up to no
    // count of 1 to 4; so does every count alone
    const pinned: string[] = [];
    for (const answers of [through, single]) {
      for (const [month, counts] of answers) {
        const values = [...counts];
        for (const [path, n] of values) {
          if (isSmall(n)) pinned.push(`${month} ${path}: ${n}`);
        }
        for (let i = 0; i < values.length; i++) {
          for (let j = i + 1; j < values.length; j++) {
            const [pathA, a] = values[i] as [string, number];
            const [pathB, b] = values[j] as [string, number];
            if (isSmall(Math.abs(a - b)) || isSmall(a + b)) {
              pinned.push(`${month} ${pathA} ${a} / ${pathB} ${b}`);
            }
          }
        }
      }
    }
    expect(pinned.slice(0, 10)).toEqual([]);
  });

  it('counts young people in a placement in the people and placements subgraphs alike, to a multiple of 5', () => {
    // Assess: youthStats.inPlacement against placementStats.active, for every answer
    for (const counts of through.values()) {
      for (const who of [...CODES, 'total']) {
        const inPlacement = counts.get(`${who}.youthStats.inPlacement`) as number;
        const active = counts.get(`${who}.placementStats.active`) as number;
        expect(isSmall(Math.abs(inPlacement - active))).toBe(false);
      }
    }
  });

  it('answers a programme total that is the sum of the municipalities as answered', () => {
    // Assess: total − the other municipalities gives a municipality its own answer, no more
    for (const counts of single.values()) {
      for (const [path, n] of counts) {
        if (!path.startsWith('total.')) continue;
        const rest = path.slice('total'.length);
        const sum = CODES.reduce((s, code) => s + (counts.get(`${code}${rest}`) ?? 0), 0);
        expect([path, n]).toEqual([path, sum]);
      }
    }
  });
});
