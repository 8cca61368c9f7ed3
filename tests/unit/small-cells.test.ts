import { describe, expect, it } from 'vitest';
import { isSmallCell, shareOf, suppressFigures, suppressProgramme } from '#kernel/small-cells';

type Cell = 'total' | 'a' | 'b' | 'c';
const RELATION = [{ total: 'total' as const, parts: ['a', 'b', 'c'] as const }];

function cells(a: number, b: number, c: number): Record<Cell, number> {
  return { total: a + b + c, a, b, c };
}

/** Every value a hidden cell could take, given what is shown and that total = a + b + c. */
function recoverable(shown: Record<Cell, number | null>): Cell[] {
  const hidden = (Object.keys(shown) as Cell[]).filter((k) => shown[k] === null);
  return hidden.length === 1 ? hidden : [];
}

describe('small cells: one figures object', () => {
  it('hides counts of 1 to 4 and shows 0 and 5', () => {
    // Act and assess
    expect([0, 1, 4, 5].map(isSmallCell)).toEqual([false, true, true, false]);
  });

  it('hides the next smallest part when one part alone is hidden', () => {
    // Act
    const shown = suppressFigures(cells(3, 10, 20), RELATION);
    // Assess
    expect(shown).toEqual({ cells: { total: 33, a: null, b: null, c: 20 }, suppressed: true });
    expect(recoverable(shown.cells)).toEqual([]);
  });

  it('hides the total when no other part can hide a lone small part', () => {
    // Act
    const shown = suppressFigures(cells(3, 0, 0), RELATION);
    // Assess
    expect(shown.cells).toEqual({ total: null, a: null, b: 0, c: 0 });
  });

  it('hides a part when only the total is small', () => {
    // Act
    const shown = suppressFigures({ total: 4, a: 2, b: 2, c: 0 }, RELATION);
    // Assess
    expect(shown.cells).toEqual({ total: null, a: null, b: null, c: 0 });
  });

  it('shows everything when nothing is small', () => {
    // Act
    const shown = suppressFigures(cells(5, 10, 0), RELATION);
    // Assess
    expect(shown).toEqual({ cells: { total: 15, a: 5, b: 10, c: 0 }, suppressed: false });
  });

  it('hides a share made of a hidden count', () => {
    // Act and assess
    expect(shareOf(null, 10)).toBeNull();
    expect(shareOf(5, null)).toBeNull();
    expect(shareOf(5, 0)).toBeNull();
    expect(shareOf(5, 10)).toBe(0.5);
  });
});

describe('small cells: municipalities and the programme total', () => {
  it('hides the same cell of the next smallest municipality when one alone is hidden', () => {
    // Prepare
    const byMunicipality = new Map([
      ['101', cells(2, 10, 10)],
      ['265', cells(7, 10, 10)],
      ['630', cells(9, 10, 10)],
    ]);
    // Act
    const { municipalities, total } = suppressProgramme(byMunicipality, RELATION);
    // Assess: 101's a is hidden, within 101 also b; across, 265's a, then within 265 its b too
    expect(municipalities.get('101')?.cells).toMatchObject({ a: null, b: null });
    expect(municipalities.get('265')?.cells).toMatchObject({ a: null, b: null });
    expect(municipalities.get('630')?.cells).toMatchObject({ a: 9, b: 10 });
    expect(total.cells).toEqual({ total: 78, a: 18, b: 30, c: 30 });
  });

  it('leaves no hidden cell that the total minus the other municipalities gives away', () => {
    // Prepare: many random programmes
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 200; run++) {
      const byMunicipality = new Map(
        ['101', '265', '540', '615', '630'].map((code) => [
          code,
          cells(random(8), random(12), random(30)),
        ]),
      );
      // Act
      const { municipalities, total } = suppressProgramme(byMunicipality, RELATION);
      // Assess: in every relation, never exactly one hidden cell
      for (const shown of [...municipalities.values(), total]) {
        expect(recoverable(shown.cells)).toEqual([]);
        for (const k of ['total', 'a', 'b', 'c'] as const) {
          const value = shown.cells[k];
          if (value !== null) expect(isSmallCell(value)).toBe(false);
        }
      }
      for (const k of ['total', 'a', 'b', 'c'] as const) {
        const column = [...municipalities.values(), total].filter((s) => s.cells[k] === null);
        expect(column.length).not.toBe(1);
      }
    }
  });
});
