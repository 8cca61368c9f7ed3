import { beforeAll, describe, expect, it } from 'vitest';
import { server } from '#companies/server';
import type { Table } from '#kernel/table/table';
import {
  companyContactInput,
  everyItem,
  joinNetworkInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const JOIN = `mutation ($input: JoinNetworkInput!) {
  joinNetwork(input: $input) { company { id name contacts { name } } errors { code path } }
}`;

const OPEN_OPPORTUNITIES = `query ($trade: String) {
  _entities(representations: [{ __typename: "Municipality", code: "265" }]) {
    ... on Municipality { openOpportunities(trade: $trade) { edges { node { id } } } }
  }
}`;

interface Issue {
  path: string;
  message: string;
}

describe('companies subgraph: text inputs are text', () => {
  let table: Table;
  const consultant = staffIdentity('265');

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('refuses hostile strings deep in an input with BAD_USER_INPUT naming each path, echoes none of them and writes nothing', async () => {
    // Prepare
    const before = await everyItem(table);
    const input = joinNetworkInput('265', {
      address: { street: 'Algade\u0000 12', postcode: '4000', town: 'Roskilde' },
      contacts: [
        companyContactInput(),
        companyContactInput({ name: 'Mette \u202Eevil\u202C', role: '\u001b[31mChef' }),
      ],
    });
    // Act
    const result = await execute(server, testContext(table, consultant), JOIN, { input });
    // Assess
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const issues = result.errors?.[0]?.extensions?.issues as Issue[];
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'input.address.street',
      'input.contacts.1.name',
      'input.contacts.1.role',
    ]);
    expect(JSON.stringify(result)).not.toMatch(/evil|Algade|\[31m/);
    expect(result.data?.joinNetwork ?? null).toBeNull();
    expect(await everyItem(table)).toEqual(before);
  });

  it('refuses a lone surrogate and a line break in a single-line argument of a query', async () => {
    // Act
    const surrogate = await execute(server, testContext(table, consultant), OPEN_OPPORTUNITIES, {
      trade: 'T\ud800mrer',
    });
    const lines = await execute(server, testContext(table, consultant), OPEN_OPPORTUNITIES, {
      trade: 'Tømrer\nMaler',
    });
    // Assess
    expect(errorCodes(surrogate)).toEqual(['BAD_USER_INPUT']);
    expect(surrogate.errors?.[0]?.extensions?.issues).toEqual([
      { path: 'trade', message: 'must not contain lone surrogates' },
    ]);
    expect(errorCodes(lines)).toEqual(['BAD_USER_INPUT']);
  });

  it('stores text in NFC', async () => {
    // Prepare
    const input = joinNetworkInput('265', {
      name: 'Cafe\u0301 Ærø ApS',
      contacts: [companyContactInput({ name: 'Rene\u0301 Hansen' })],
    });
    // Act
    const result = await execute(server, testContext(table, consultant), JOIN, { input });
    // Assess
    expect(result.errors).toBeUndefined();
    expect(result.data?.joinNetwork).toMatchObject({
      company: { name: 'Café Ærø ApS', contacts: [{ name: 'René Hansen' }] },
    });
    const stored = (await everyItem(table)).filter((item) => item.entity === 'Company');
    expect(stored.map((item) => item.name)).toContain('Café Ærø ApS');
  });

  it('counts the limit in characters: 150 emoji fit a name of at most 150, 151 do not', async () => {
    // Prepare
    const fits = joinNetworkInput('265', { name: '🔨'.repeat(150) });
    const over = joinNetworkInput('265', { name: '🔨'.repeat(151) });
    // Act
    const accepted = await execute(server, testContext(table, consultant), JOIN, { input: fits });
    const refused = await execute(server, testContext(table, consultant), JOIN, { input: over });
    // Assess
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.joinNetwork).toMatchObject({ company: { name: '🔨'.repeat(150) } });
    expect(refused.errors?.[0]?.extensions?.issues).toEqual([
      { path: 'input.name', message: 'must be at most 150 characters' },
    ]);
  });

  it('answers a caller the field is not open to as such, whatever the text', async () => {
    // Prepare
    const input = joinNetworkInput('265', { name: 'a\u0000b' });
    // Act
    const result = await execute(server, testContext(table, youthIdentity('265', 'y-1')), JOIN, {
      input,
    });
    // Assess
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
