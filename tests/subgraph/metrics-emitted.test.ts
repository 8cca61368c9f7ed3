import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { server } from '#companies/server';
import type { Table } from '#kernel/table/table';
import { givenCompany, updateCompanyInput } from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { captureEmf } from '../support/emf.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/**
 * What operators see of a subgraph's requests (#17): a refused attempt, a conflict and an
 * idempotent replay each reach CloudWatch as an embedded-metric-format line on standard output,
 * in the NEXTWORK namespace, with names and codes as dimensions and no id among them.
 */

const UPDATE = `mutation ($input: UpdateCompanyInput!) {
  updateCompany(input: $input) { company { id version } errors { code } }
}`;

describe('subgraph metrics', () => {
  let table: Table;
  const emf = captureEmf();

  beforeAll(async () => {
    table = await createTestTable();
  });
  afterEach(() => emf.clear());
  afterAll(() => emf.restore());

  it('counts a change on a stale version as a Conflict of its command', async () => {
    // Prepare
    const { company } = await givenCompany(table, { version: 3 });
    // Act
    const result = await execute(server, testContext(table, staffIdentity('265')), UPDATE, {
      input: updateCompanyInput({ ...company, version: 1 }),
    });
    // Assess
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(emf.metric('Conflicts')).toEqual([
      {
        namespace: 'NEXTWORK',
        service: 'nextwork',
        stage: 'local',
        command: 'updateCompany',
        value: 1,
      },
    ]);
  });

  it('counts a repeat answered from its idempotency record as an IdempotentReplay', async () => {
    // Prepare
    const { company } = await givenCompany(table);
    const input = { ...updateCompanyInput(company), idempotencyKey: 'metrics-replay' };
    await execute(server, testContext(table, staffIdentity('265')), UPDATE, { input });
    expect(emf.metric('IdempotentReplays')).toEqual([]);
    // Act
    const again = await execute(server, testContext(table, staffIdentity('265')), UPDATE, {
      input,
    });
    // Assess
    expect(again.errors).toBeUndefined();
    expect(emf.metric('IdempotentReplays')).toEqual([
      expect.objectContaining({ command: 'updateCompany', stage: 'local', value: 1 }),
    ]);
  });

  it("counts a refused attempt on another municipality's company as a Refusal by its code", async () => {
    // Prepare
    const { company } = await givenCompany(table);
    // Act
    const result = await execute(server, testContext(table, staffIdentity('101')), UPDATE, {
      input: updateCompanyInput(company),
    });
    // Assess
    const [code] = errorCodes(result);
    expect(emf.metric('Refusals')).toEqual([
      expect.objectContaining({ code, stage: 'local', value: 1 }),
    ]);
    expect(JSON.stringify(emf.lines)).not.toContain(company.id);
  });
});
