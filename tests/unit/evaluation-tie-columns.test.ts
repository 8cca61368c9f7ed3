import { describe, expect, it } from 'vitest';
import { type TieFacts, tieColumnsOf } from '#people/domain/evaluation-tie-columns';

/** A tie's research facts; a meeting unless told otherwise. */
function aTie(overrides: Partial<TieFacts> = {}): TieFacts {
  return { firstContact: '2026-03-01', strength: 'MET', firstPlacementDay: null, ...overrides };
}

describe('evaluation export: tie columns', () => {
  it('counts the companies, those met before the first placement, and the strongest tie', () => {
    // Prepare
    const ties = [
      aTie({ firstContact: '2026-02-01' }),
      aTie({ firstContact: '2026-03-01', strength: 'MUTUAL_INTEREST' }),
      aTie({ firstContact: '2026-03-10', strength: 'PLACEMENT', firstPlacementDay: '2026-04-01' }),
      aTie({ firstContact: '2026-05-01', strength: 'CHOSEN' }),
    ];
    // Act
    const columns = tieColumnsOf(ties, '2026-06-30');
    // Assess
    expect(columns).toEqual({
      companyTies: 4,
      companyTiesBeforeFirstPlacement: 3,
      strongestTie: 'PLACEMENT',
    });
  });

  it('leaves out what happened after the last day observed', () => {
    // Prepare
    const ties = [
      aTie({ firstContact: '2026-02-01', strength: 'CHOSEN' }),
      aTie({ firstContact: '2026-07-01', strength: 'PLACEMENT', firstPlacementDay: '2026-07-01' }),
    ];
    // Act
    const columns = tieColumnsOf(ties, '2026-06-30');
    // Assess
    expect(columns).toEqual({
      companyTies: 1,
      companyTiesBeforeFirstPlacement: null,
      strongestTie: 'CHOSEN',
    });
  });

  it('has no strongest tie and no count before a placement without ties', () => {
    // Act
    const columns = tieColumnsOf([], '2026-06-30');
    // Assess
    expect(columns).toEqual({
      companyTies: 0,
      companyTiesBeforeFirstPlacement: null,
      strongestTie: null,
    });
  });
});
