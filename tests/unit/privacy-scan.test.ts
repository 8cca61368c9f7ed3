import { describe, expect, it } from 'vitest';
import type { Item } from '#kernel/table/table';
import { itemsHolding } from '../support/privacy-scan.ts';

/** The erasure tests trust this search: a miss would pass an erasure that left data behind. */
function item(pk: string, attributes: Record<string, unknown> = {}): Item {
  return { pk, sk: pk, ...attributes } as Item;
}

describe('the search for what an erasure left behind', () => {
  it('finds an id in keys, in values and built into other ids', () => {
    // Prepare
    const items = [
      item('YOUTH#y-7'),
      item('PLACEMENT#p-1', { youthId: 'y-7' }),
      item('LIFECYCLE#p-1', { executionName: 'placement-y-7' }),
      item('NOTE#1', { id: 'y-7-note-1' }),
      item('GROUP#g-1', { members: new Set(['y-3', 'y-7']) }),
    ];
    // Act
    const found = itemsHolding(items, { ids: ['y-7'] });
    // Assess
    expect(found).toEqual(items);
  });

  it('does not take a longer id or random text around the id for the id', () => {
    // Prepare
    const items = [
      item('YOUTH#y-70'),
      item('YOUTH#y-1', { cprCiphertext: 'v1.aesgcm.bpmFIjoYHZ_Mwc2K_Q46IM8rGpuby-7rg' }),
      item('YOUTH#xy-7'),
    ];
    // Act
    const found = itemsHolding(items, { ids: ['y-7'] });
    // Assess
    expect(found).toEqual([]);
  });

  it('finds texts anywhere, and leaves out the audit trail only when asked', () => {
    // Prepare
    const profile = item('YOUTH#y-2', { phone: '+4599887766' });
    const audit = item('AUDIT#YOUTH#y-2', { name: 'Erik Slettes' });
    // Act
    const everywhere = itemsHolding([profile, audit], { texts: ['99887766', 'Erik Slettes'] });
    const exceptAudit = itemsHolding(
      [profile, audit],
      { texts: ['99887766', 'Erik Slettes'] },
      { exceptAudit: true },
    );
    // Assess
    expect(everywhere).toEqual([profile, audit]);
    expect(exceptAudit).toEqual([profile]);
  });
});
