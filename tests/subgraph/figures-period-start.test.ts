import type { ApolloServer } from '@apollo/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { server as companies } from '#companies/server';
import type { SubgraphContext } from '#kernel/context';
import type { Table } from '#kernel/table/table';
import { server as learningCommunity } from '#learning-community/server';
import { server as people } from '#people/server';
import { server as placements } from '#placements/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { givenMunicipalities, ROSKILDE } from '../support/people-factories.ts';
import { entitiesQuery } from '../support/placements-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 24 (from #18's list): a figures period may not begin before the programme did
 * (`PROGRAMME_START`, 2024-01-01): no month before it is counted, so a period reaching back
 * would name months it does not count. Every subgraph's figures of a municipality refuse such a
 * `from` with `DATE_OUT_OF_RANGE` on `from`, the code every other date out of its range gets,
 * and answer a period from the programme's first day.
 */

const FIGURES: ReadonlyArray<[string, ApolloServer<SubgraphContext>, string]> = [
  ['people', people, 'youthStats'],
  ['companies', companies, 'companyStats'],
  ['placements', placements, 'placementStats'],
  ['learning community', learningCommunity, 'networkStats'],
];

const roskilde = { representations: [{ __typename: 'Municipality', code: ROSKILDE }] };

describe('a figures period begins no earlier than the programme', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
  });

  it.each(FIGURES)(
    '%s: refuses a from before 2024-01-01 with DATE_OUT_OF_RANGE',
    async (_name, server, field) => {
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity(ROSKILDE)),
        entitiesQuery(
          'Municipality',
          `${field}(from: "2023-12-31", to: "2024-06-30") { period { from } }`,
        ),
        roskilde,
      );
      // Assess
      expect(result.errors?.map((error) => error.extensions)).toEqual([
        {
          code: 'DATE_OUT_OF_RANGE',
          issues: [{ path: 'from', message: expect.stringContaining('2024-01-01') }],
        },
      ]);
    },
  );

  it.each(FIGURES)(
    '%s: answers a period from the programme’s first day',
    async (_name, server, field) => {
      // Act
      const result = await execute(
        server,
        testContext(table, staffIdentity(ROSKILDE)),
        entitiesQuery(
          'Municipality',
          `${field}(from: "2024-01-01", to: "2024-06-30") { period { from } }`,
        ),
        roskilde,
      );
      // Assess
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ _entities: [{ [field]: { period: { from: '2024-01-01' } } }] });
    },
  );
});
