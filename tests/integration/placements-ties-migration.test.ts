import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, Position } from '#kernel/migrations/migration';
import type { Table } from '#kernel/table/table';
import { YouthCompanyTieEntity, youthCompanyTieKey } from '#kernel/ties';
import { tiesFromHistory } from '#placements/migrations/0007-ties-from-history';
import { server } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import { givenMunicipalities } from '../support/people-factories.ts';
import {
  aHost,
  createPlacementInput,
  givenHosts,
  givenYoungPeople,
} from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/** A checkpoint kept in memory, as the runner keeps it in the table. */
function memoryCheckpoint(): Checkpoint & { saved: Position[] } {
  const saved: Position[] = [];
  return {
    saved,
    get resumeFrom() {
      return saved.at(-1);
    },
    async save(position) {
      saved.push(position);
    },
  };
}

describe('migration 0007: ties from the records stored before ties were kept', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenYoungPeople(table, '265', ['y-m1']);
    await givenHosts(table, aHost('c-1', '265'), aHost('c-2', '265'));
    const team = testContext(table, staffIdentity('265'));
    const placed = await execute(
      server,
      team,
      'mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) { errors { code } } }',
      { input: createPlacementInput('y-m1', 'c-1') },
    );
    expect(placed.data?.createPlacement).toEqual({ errors: [] });
    const wished = await execute(
      server,
      testContext(table, youthIdentity('265', 'y-m1')),
      'mutation ($input: CreateWishInput!) { createWish(input: $input) { errors { code } } }',
      { input: { companyId: 'c-2', rank: 1, motivation: 'Jeg vil gerne prøve det' } },
    );
    expect(wished.data?.createWish).toEqual({ errors: [] });
    // As a table written before this release holds them: the records, no ties.
    for (const company of ['c-1', 'c-2']) {
      const Key = marshall(youthCompanyTieKey('y-m1', company));
      await table.client.send(new DeleteItemCommand({ TableName: table.name, Key }));
    }
  });

  it('derives each tie with its way, day and interest, listed for the company', async () => {
    // Act
    await tiesFromHistory.run(table, memoryCheckpoint());
    // Assess
    const [placedTie, wishedTie] = await Promise.all([
      table.get(youthCompanyTieKey('y-m1', 'c-1')),
      table.get(youthCompanyTieKey('y-m1', 'c-2')),
    ]);
    expect(placedTie && YouthCompanyTieEntity.fromItem(placedTie)).toMatchObject({
      ways: ['PLACEMENT'],
      contactDays: ['2026-11-26'],
      youthInterest: 'STRONG',
      companyInterest: 'STRONG',
    });
    expect(placedTie?.gsi3pk).toBe('COMPANY#c-1#TIE');
    expect(wishedTie && YouthCompanyTieEntity.fromItem(wishedTie)).toMatchObject({
      ways: ['WISH'],
      youthInterest: 'STRONG',
      companyInterest: 'NONE',
    });
  });

  it('changes nothing when it runs again', async () => {
    // Prepare
    const before = await table.get(youthCompanyTieKey('y-m1', 'c-1'));
    // Act
    await tiesFromHistory.run(table, memoryCheckpoint());
    // Assess
    expect(await table.get(youthCompanyTieKey('y-m1', 'c-1'))).toEqual(before);
  });

  it('resumes after the last municipality it finished', async () => {
    // Prepare
    const Key = marshall(youthCompanyTieKey('y-m1', 'c-2'));
    await table.client.send(new DeleteItemCommand({ TableName: table.name, Key }));
    const checkpoint = memoryCheckpoint();
    await checkpoint.save({ code: '265', after: '' }, 0);
    // Act
    await tiesFromHistory.run(table, checkpoint);
    // Assess: Roskilde was done, so its young person's tie is not made again
    expect(await table.get(youthCompanyTieKey('y-m1', 'c-2'))).toBeUndefined();
  });
});
