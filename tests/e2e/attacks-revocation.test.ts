import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

/**
 * Issue 18, class 1 — access that outlives its reason — through real HTTP against the local
 * stack with the production settings: a contact person removed from their company still holds
 * a live token, and with it asks for their former company's placements.
 */

const world = buildDemoWorld();
const ROSKILDE = '265';

const placed = world.placements.filter((p) => p.municipalityCode === ROSKILDE);
const company = world.companies.find(
  (c) =>
    c.municipalityCode === ROSKILDE &&
    c.contacts.length >= 2 &&
    placed.some((p) => p.companyId === c.id && p.status === 'ACTIVE'),
);
if (!company) throw new Error('The demo world lacks a Roskilde company with two contacts');
const [removedContact, keptContact] = company.contacts;
if (!removedContact || !keptContact) throw new Error('The company lacks its two contacts');
const placementIds = placed
  .filter((p) => p.companyId === company.id)
  .map((p) => p.id)
  .slice(0, 5);

/** Each of the company's placements by id, as a contact who had seen them would ask. */
const COMPANY_PLACEMENTS = `{ ${placementIds
  .map((id, i) => `p${i}: placement(id: "${id}") { id status startDate weeklyHours }`)
  .join(' ')} }`;

describe('attack: a removed contact reads their former company’s placements', () => {
  let test: TestStack;

  /** The audit records of one request, found by its correlation id (a test's own table). */
  const auditOf = async (correlationId: string) => {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await test.stack.table.client.send(
        new ScanCommand({
          TableName: test.stack.table.name,
          FilterExpression: 'correlationId = :id',
          ExpressionAttributeValues: { ':id': { S: correlationId } },
          ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
        }),
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };

  beforeAll(async () => {
    test = await startTestStack('prod');
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('answers them nothing, as any stranger, and audits the refusal', async () => {
    // Prepare: their token, issued while they were a contact, and the team removing them
    const token = await test.token('COMPANY_CONTACT', {
      companyId: company.id,
      contactId: removedContact.id,
    });
    const before = await test.query(COMPANY_PLACEMENTS, { token });
    const team = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
    const read = await test.query<{ company: { version: number } }>(
      `query ($id: ID!) { company(id: $id) { version } }`,
      { token: team, variables: { id: company.id } },
    );
    const removal = await test.query(
      `mutation ($input: RemoveCompanyContactInput!) {
        removeCompanyContact(input: $input) { removedContactId errors { code } }
      }`,
      {
        token: team,
        variables: {
          input: { contactId: removedContact.id, expectedVersion: read.body.data?.company.version },
        },
      },
    );
    const correlationId = `attack-removed-contact-${randomUUID().slice(0, 8)}`;
    // Act
    const after = await test.query(COMPANY_PLACEMENTS, {
      token,
      headers: { 'x-correlation-id': correlationId },
    });
    const kept = await test.query(COMPANY_PLACEMENTS, {
      token: await test.token('COMPANY_CONTACT', {
        companyId: company.id,
        contactId: keptContact.id,
      }),
    });
    // Assess: while a contact they saw the placements; removed, nothing of the company
    expect(JSON.stringify(before.body.data)).toContain(placementIds[0]);
    expect(removal.body).toEqual({
      data: { removeCompanyContact: { removedContactId: removedContact.id, errors: [] } },
    });
    const text = JSON.stringify(after.body);
    for (const id of placementIds) expect(text).not.toContain(id);
    const nothing = Object.fromEntries(placementIds.map((_id, i) => [`p${i}`, null]));
    expect(after.body.data ?? nothing).toEqual(nothing);
    const codes = (after.body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    // Refused by the subgraphs (`FORBIDDEN`), or — once sign-in refuses removed contacts — at
    // the gateway (`UNAUTHENTICATED`): either way, nothing.
    expect(codes.every((code) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED')).toBe(true);
    expect((await auditOf(correlationId)).map((record) => record.action)).toContain('REFUSED');
    expect(JSON.stringify(kept.body.data)).toContain(placementIds[0]);
  });
});
