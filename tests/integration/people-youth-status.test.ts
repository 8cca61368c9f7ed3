import { beforeAll, describe, expect, it } from 'vitest';
import { commitSystemWork } from '#kernel/command';
import { ConflictError, DomainRuleError } from '#kernel/errors';
import { logger } from '#kernel/logger';
import { sharedKeys } from '#kernel/shared-keys';
import { itemMustNotExist } from '#kernel/table/expressions';
import type { Table } from '#kernel/table/table';
import { UnitOfWork } from '#kernel/unit-of-work';
import { YouthEntity, youthKey } from '#people/repository/youth-entity';
import { listStatusHistory, listYouthOfMunicipality } from '#people/repository/youth-repository';
import { youthStatsKey } from '#people/repository/youth-stats-entity';
import { prepareYouthStatusChange } from '#people/repository/youth-status-transition';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenMunicipalities, givenYouth, ROSKILDE } from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/** An item another subgraph might write in the same transaction (a placement, say). */
function placementLikeItem(id: string) {
  return { pk: `PLACEMENT#${id}`, sk: `PLACEMENT#${id}`, entity: 'Placement', id };
}

describe('people repository: status changes inside another subgraph’s transaction', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
  });

  it('changes status, history, listing and counters together with the caller’s own items', async () => {
    // Prepare
    const person = await givenYouth(table);
    const before = await table.get(youthStatsKey(ROSKILDE));
    // Act
    const actions = await prepareYouthStatusChange(table, {
      youthId: person.id,
      status: 'IN_PLACEMENT',
      date: '2026-02-01',
      reason: 'Praktik startet',
    });
    await table.transact([
      { put: placementLikeItem(`p-${person.id}`), condition: itemMustNotExist },
      ...actions,
    ]);
    // Assess
    expect(await YouthEntity.read(table, youthKey(person.id))).toMatchObject({
      status: 'IN_PLACEMENT',
      statusChangedAt: '2026-02-01',
      statusChanges: 2,
      version: 2,
    });
    expect((await listStatusHistory(table, person.id)).map((change) => change.status)).toEqual([
      'ENROLLED',
      'IN_PLACEMENT',
    ]);
    const after = await table.get(youthStatsKey(ROSKILDE));
    expect(after?.ENROLLED).toBe(Number(before?.ENROLLED) - 1);
    expect(after?.IN_PLACEMENT).toBe(Number(before?.IN_PLACEMENT ?? 0) + 1);
    const context = testContext(table, staffIdentity(ROSKILDE));
    const listed = await listYouthOfMunicipality(context, ROSKILDE, 'IN_PLACEMENT', { first: 50 });
    expect(listed.edges.map((edge) => edge.node.id)).toContain(person.id);
  });

  it('writes nothing of the status change when the caller’s part of the transaction fails', async () => {
    // Prepare
    const person = await givenYouth(table);
    await table.put(placementLikeItem('p-taken'));
    const before = {
      youth: await table.get(sharedKeys.youth(person.id)),
      counts: await table.get(youthStatsKey(ROSKILDE)),
    };
    const actions = await prepareYouthStatusChange(table, {
      youthId: person.id,
      status: 'IN_PLACEMENT',
      date: '2026-02-01',
      reason: 'Praktik startet',
    });
    // Act
    const attempt = table.transact([
      { put: placementLikeItem('p-taken'), condition: itemMustNotExist },
      ...actions,
    ]);
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect({
      youth: await table.get(sharedKeys.youth(person.id)),
      counts: await table.get(youthStatsKey(ROSKILDE)),
    }).toEqual(before);
    expect(await listStatusHistory(table, person.id)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent status changes win; the other gets CONFLICT', async () => {
    // Prepare
    const person = await givenYouth(table);
    const [paused, exited] = await Promise.all([
      prepareYouthStatusChange(table, {
        youthId: person.id,
        status: 'PAUSED',
        date: '2026-03-01',
        reason: 'Pause',
      }),
      prepareYouthStatusChange(table, {
        youthId: person.id,
        status: 'EXITED',
        date: '2026-03-01',
        reason: 'Flyttet',
      }),
    ]);
    // Act
    const results = await Promise.allSettled([table.transact(paused), table.transact(exited)]);
    // Assess
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failure?.reason).toBeInstanceOf(ConflictError);
    expect(failure?.reason.extensions.code).toBe('CONFLICT');
    expect(await listStatusHistory(table, person.id)).toHaveLength(2);
    expect((await YouthEntity.read(table, youthKey(person.id)))?.version).toBe(2);
  });

  it('lets exactly one of two concurrent profile updates win; the other gets CONFLICT', async () => {
    // Prepare
    const person = await givenYouth(table);
    const read = await YouthEntity.read(table, youthKey(person.id));
    if (!read) throw new Error('young person not stored');
    const change = (interests: string[]) => {
      const work = new UnitOfWork();
      work.change(YouthEntity, read, { interests });
      return commitSystemWork(table, work, { logger });
    };
    // Act
    const results = await Promise.allSettled([change(['Dyr']), change(['Natur'])]);
    // Assess
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failure?.reason).toBeInstanceOf(ConflictError);
    expect((await YouthEntity.read(table, youthKey(person.id)))?.version).toBe(2);
  });

  it('refuses a move the transition table does not allow, and an unknown young person', async () => {
    // Prepare
    const person = await givenYouth(table, {}, ['IN_JOB']);
    // Act: settled together, so neither refusal is left unobserved while the other is awaited
    const [toPlacement, unknown] = await Promise.allSettled([
      prepareYouthStatusChange(table, {
        youthId: person.id,
        status: 'IN_PLACEMENT',
        date: '2026-03-01',
        reason: 'Praktik startet',
      }),
      prepareYouthStatusChange(table, {
        youthId: 'y-nobody',
        status: 'PAUSED',
        date: '2026-03-01',
        reason: 'Pause',
      }),
    ]);
    // Assess
    expect(toPlacement).toMatchObject({
      status: 'rejected',
      reason: { userError: { code: 'STATUS_TRANSITION_NOT_ALLOWED' } },
    });
    expect(unknown.status).toBe('rejected');
    const refusal = (unknown as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(DomainRuleError);
    expect(refusal).toMatchObject({ userError: { code: 'YOUTH_NOT_FOUND' } });
  });

  it('changes a profile item holding only the attributes sharedKeys promises', async () => {
    // Prepare
    await table.put({
      ...sharedKeys.youth('y-minimal'),
      entity: 'Youth',
      municipalityCode: ROSKILDE,
      status: 'ENROLLED',
      benefitCategory: 'ACTIVITY_READY',
      version: 1,
    });
    // Act
    await table.transact(
      await prepareYouthStatusChange(table, {
        youthId: 'y-minimal',
        status: 'IN_PLACEMENT',
        date: '2026-03-01',
        reason: 'Praktik startet',
      }),
    );
    // Assess
    const item = await table.get(sharedKeys.youth('y-minimal'));
    expect(item).toMatchObject({ status: 'IN_PLACEMENT', version: 2, statusChanges: 1 });
    expect(item?.gsi1sk).toBeUndefined();
  });
});
