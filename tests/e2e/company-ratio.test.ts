import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { addDays } from '#kernel/calendar';
import { joinNetworkInput } from '../support/companies-factories.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';

/** Two Roskilde young people enrolled with no placement at all. */
function twoUnplaced(): [string, string] {
  const placed = new Set(world.placements.map((p) => p.youthId));
  const [a, b] = world.youth.filter(
    (y) => y.municipalityCode === ROSKILDE && y.status === 'ENROLLED' && !placed.has(y.id),
  );
  if (!a || !b) throw new Error('The demo world has too few unplaced young people in Roskilde');
  return [a.id, b.id];
}

type Errors = Array<{ code: string; message: string }>;

describe('rimelighedskravet through the gateway', () => {
  let test: TestStack;
  let token: string;

  beforeAll(async () => {
    test = await startTestStack();
    token = await test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE });
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('lets a company of four employees take one young person at once and refuses the second', async () => {
    // Prepare: a company of four ordinary employees joins, with an opportunity of two places
    const joined = await test.query<{
      joinNetwork: { company: { id: string; employees: number; contacts: Array<{ id: string }> } };
    }>(
      `mutation ($input: JoinNetworkInput!) { joinNetwork(input: $input) {
        company { id employees contacts { id } } errors { code } } }`,
      { token, variables: { input: joinNetworkInput(ROSKILDE, { employees: 4 }) } },
    );
    const company = joined.body.data?.joinNetwork.company;
    if (!company) throw new Error(`the company did not join: ${JSON.stringify(joined.body)}`);
    const added = await test.query<{ addOpportunity: { opportunity: { id: string } } }>(
      `mutation ($input: AddOpportunityInput!) { addOpportunity(input: $input) {
        opportunity { id } errors { code } } }`,
      {
        token,
        variables: {
          input: {
            companyId: company.id,
            title: 'Tømrerlærling',
            description: 'Hjælpe på værkstedet',
            trade: 'Tømrer',
            weeklyHours: 25,
            places: 2,
          },
        },
      },
    );
    const opportunityId = added.body.data?.addOpportunity.opportunity.id;
    const [first, second] = twoUnplaced();
    const place = (youthId: string) =>
      test.query<{ createPlacement: { placement: { id: string } | null; errors: Errors } }>(
        `mutation ($input: CreatePlacementInput!) { createPlacement(input: $input) {
          placement { id } errors { code message } } }`,
        {
          token,
          variables: {
            input: {
              youthId,
              opportunityId,
              mentorContactId: company.contacts[0]?.id,
              startDate: world.today,
              // Three weeks: within every benefit category's length without an assessment.
              endDate: addDays(world.today, 20),
              weeklyHours: 25,
              plan: { goals: ['Lære faget'], tasks: ['Værkstedet'], support: ['Mentor'] },
            },
          },
        },
      );
    // Act
    const accepted = await place(first);
    const refused = await place(second);
    // Assess
    expect(company.employees).toBe(4);
    expect(accepted.body.data?.createPlacement.errors).toEqual([]);
    expect(refused.body.data?.createPlacement.placement).toBeNull();
    const [error] = refused.body.data?.createPlacement.errors ?? [];
    expect(error?.code).toBe('COMPANY_RATIO_EXCEEDED');
    expect(error?.message).toContain('§ 65');
  });
});
