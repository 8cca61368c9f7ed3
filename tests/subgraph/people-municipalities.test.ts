import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '#kernel/table/table';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

describe('people subgraph: municipalities', () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await saveMunicipalities(table, [
      { code: '265', name: 'Roskilde' },
      { code: '101', name: 'København' },
    ]);
  });

  it('lists every municipality in code order for a signed-in user', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      '{ municipalities { code name } }',
    );
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      municipalities: [
        { code: '101', name: 'København' },
        { code: '265', name: 'Roskilde' },
      ],
    });
  });

  it('resolves municipality references in one batch, unknown codes as null', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Municipality { code name } }
      }`,
      {
        representations: [
          { __typename: 'Municipality', code: '265' },
          { __typename: 'Municipality', code: '999' },
          { __typename: 'Municipality', code: '101' },
        ],
      },
    );
    // Assess
    expect(result.data).toEqual({
      _entities: [{ code: '265', name: 'Roskilde' }, null, { code: '101', name: 'København' }],
    });
  });

  it('refuses the gateway anonymous probe anything but __typename', async () => {
    // Act
    const result = await execute(server, testContext(table, null), '{ municipalities { code } }');
    // Assess
    expect(result.data).toBeNull();
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects a malformed municipality code with a clear error', async () => {
    // Act
    const result = await execute(
      server,
      testContext(table, staffIdentity('265')),
      '{ municipality(code: "12") { name } }',
    );
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain('three-digit');
  });
});
