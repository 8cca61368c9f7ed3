import { beforeAll, describe, expect, it } from 'vitest';
import { server } from '#companies/server';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import {
  addCompanyProspectInput,
  everyItem,
  joinNetworkInput,
  recordCompanyOutreachInput,
} from '../support/companies-factories.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

const PROSPECT_FIELDS = `id name cvr sector status addedOn steps { kind on } companyId
  contactName contactPhone version`;
const ADD = `mutation ($input: AddCompanyProspectInput!) {
  addCompanyProspect(input: $input) { prospect { ${PROSPECT_FIELDS} } errors { code path } }
}`;
const OUTREACH = `mutation ($input: RecordCompanyOutreachInput!) {
  recordCompanyOutreach(input: $input) { prospect { ${PROSPECT_FIELDS} } errors { code path } }
}`;
const JOIN = `mutation ($input: JoinNetworkInput!) {
  joinNetwork(input: $input) { company { id name } errors { code path } }
}`;
const PIPELINE = `query ($code: ID!, $status: CompanyProspectStatus, $first: Int, $after: String) {
  _entities(representations: [{ __typename: "Municipality", code: $code }]) {
    ... on Municipality {
      companyProspects(status: $status, first: $first, after: $after) {
        edges { node { id name status } } pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

/** Every item but the audit trail (a refusal is audited; it changes nothing else). */
async function dataItems(table: Table) {
  return (await everyItem(table)).filter((item) => !String(item.pk).startsWith('AUDIT#'));
}

interface PipelinePage {
  edges: Array<{ node: { id: string; name: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The pipeline page of a `PIPELINE` query's answer. */
function pipelineOf(result: { data?: Record<string, unknown> | null }): PipelinePage {
  const entities = result.data?._entities as Array<{ companyProspects: PipelinePage }>;
  return (
    entities[0]?.companyProspects ?? {
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    }
  );
}

interface Prospect {
  id: string;
  status: string;
  version: number;
  steps: Array<{ kind: string; on: string }>;
  companyId: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

const ADDED = new Date('2026-11-02T10:00:00Z');
const LATER = new Date('2026-11-20T10:00:00Z');
const entrepreneur = staffIdentity('265', 'ENTREPRENEUR', 'staff-265-e');
const teamLeader = staffIdentity('265', 'TEAM_LEADER', 'staff-265-t');

describe("companies subgraph: the entrepreneur's company pipeline (issue #21)", () => {
  let table: Table;
  const run = (
    identity: Identity,
    query: string,
    variables: Record<string, unknown>,
    now: Date = LATER,
  ) =>
    execute<Record<string, unknown>>(server, testContext(table, identity, now), query, variables);

  async function added(
    overrides: Partial<Record<string, unknown>> = {},
    municipalityCode = '265',
  ): Promise<Prospect> {
    const caller =
      municipalityCode === '265' ? entrepreneur : staffIdentity(municipalityCode, 'ENTREPRENEUR');
    const result = await run(
      caller,
      ADD,
      { input: addCompanyProspectInput(municipalityCode, overrides) },
      ADDED,
    );
    expect(result.errors).toBeUndefined();
    const answer = result.data?.addCompanyProspect as { prospect: Prospect };
    return answer.prospect;
  }

  async function outreach(
    prospect: Prospect,
    kind: 'FIRST_CONTACT' | 'MEETING' | 'DECLINED',
    on: string,
    identity: Identity = entrepreneur,
  ) {
    const result = await run(identity, OUTREACH, {
      input: recordCompanyOutreachInput(prospect, kind, on),
    });
    return result.data?.recordCompanyOutreach as {
      prospect: Prospect | null;
      errors: Array<{ code: string }>;
    };
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('adds a prospect with its contact person, the phone normalised', async () => {
    // Act
    const prospect = await added();
    // Assess
    expect(prospect).toMatchObject({
      status: 'PROSPECT',
      addedOn: '2026-11-02',
      steps: [],
      companyId: null,
      contactName: 'Lone Bager',
      contactPhone: '+4520304051',
      version: 1,
    });
  });

  it('moves a prospect through first contact and two meetings, each a new version', async () => {
    // Prepare
    let prospect = await added();
    // Act
    for (const [kind, on] of [
      ['FIRST_CONTACT', '2026-11-03'],
      ['MEETING', '2026-11-10'],
      ['MEETING', '2026-11-17'],
    ] as const) {
      const answer = await outreach(prospect, kind, on, teamLeader);
      expect(answer.errors).toEqual([]);
      prospect = answer.prospect as Prospect;
    }
    // Assess
    expect(prospect).toMatchObject({ status: 'MEETING', version: 4 });
    expect(prospect.steps.map((step) => step.kind)).toEqual([
      'FIRST_CONTACT',
      'MEETING',
      'MEETING',
    ]);
  });

  it('clears the contact person when the prospect declines, and takes no more steps', async () => {
    // Prepare
    const prospect = await added();
    // Act
    const declined = await outreach(prospect, 'DECLINED', '2026-11-05');
    const after = await outreach(declined.prospect as Prospect, 'MEETING', '2026-11-06');
    // Assess
    expect(declined.prospect).toMatchObject({
      status: 'DECLINED',
      contactName: null,
      contactPhone: null,
    });
    expect(after).toMatchObject({ prospect: null, errors: [{ code: 'PROSPECT_ALREADY_CLOSED' }] });
  });

  it.each([
    ['a step backwards', 'FIRST_CONTACT', '2026-11-10', 'OUTREACH_NOT_ALLOWED'],
    ['a day in the future', 'MEETING', '2026-11-21', 'DATE_OUT_OF_RANGE'],
    ['a day before the last step', 'MEETING', '2026-11-03', 'DATE_OUT_OF_RANGE'],
  ])('refuses %s and writes nothing', async (_what, kind, on, code) => {
    // Prepare
    const prospect = await added();
    const met = (await outreach(prospect, 'MEETING', '2026-11-04')).prospect as Prospect;
    const before = await everyItem(table);
    // Act
    const answer = await outreach(met, kind as 'MEETING', on);
    // Assess
    expect(answer).toMatchObject({ prospect: null, errors: [{ code }] });
    expect(await everyItem(table)).toEqual(before);
  });

  it('refuses a step on a version read before another change (CONFLICT)', async () => {
    // Prepare
    const prospect = await added();
    await outreach(prospect, 'FIRST_CONTACT', '2026-11-03');
    // Act
    const result = await run(entrepreneur, OUTREACH, {
      input: recordCompanyOutreachInput(prospect, 'MEETING', '2026-11-04'),
    });
    // Assess
    expect(errorCodes(result)).toEqual(['CONFLICT']);
  });

  it('records a step once for a repeat with the same idempotency key', async () => {
    // Prepare
    const prospect = await added();
    const input = recordCompanyOutreachInput(prospect, 'MEETING', '2026-11-04', {
      idempotencyKey: 'pipeline-repeat-1',
    });
    // Act
    const first = await run(entrepreneur, OUTREACH, { input });
    const repeat = await run(entrepreneur, OUTREACH, { input });
    // Assess
    expect(repeat.data).toEqual(first.data);
    expect(repeat.data?.recordCompanyOutreach).toMatchObject({
      prospect: { version: 2, steps: [{ kind: 'MEETING' }] },
    });
  });

  it('converts a prospect as its company joins, in the same change, and only once', async () => {
    // Prepare
    const prospect = await added();
    await outreach(prospect, 'MEETING', '2026-11-04');
    // Act
    const joined = await run(entrepreneur, JOIN, {
      input: joinNetworkInput('265', { prospectId: prospect.id, name: 'Bageriet Ved Domen' }),
    });
    const again = await run(entrepreneur, JOIN, {
      input: joinNetworkInput('265', { prospectId: prospect.id }),
    });
    // Assess
    const answer = joined.data?.joinNetwork as { company: { id: string } };
    const list = await run(entrepreneur, PIPELINE, { code: '265', status: 'JOINED' });
    const entities = list.data?._entities as Array<{
      companyProspects: { edges: Array<{ node: { id: string } }> };
    }>;
    expect(entities[0]?.companyProspects.edges.map((edge) => edge.node.id)).toContain(prospect.id);
    const stored = await table.get({ pk: `PROSPECT#${prospect.id}`, sk: 'PROSPECT' });
    expect(stored).toMatchObject({ status: 'JOINED', companyId: answer.company.id, version: 3 });
    expect(stored?.contactName).toBeUndefined();
    expect(stored?.contactPhone).toBeUndefined();
    expect(again.data?.joinNetwork).toMatchObject({
      company: null,
      errors: [{ code: 'PROSPECT_ALREADY_CLOSED' }],
    });
  });

  it("refuses to convert another municipality's prospect as if there were none, writing nothing", async () => {
    // Prepare
    const theirs = await added({}, '101');
    const before = await dataItems(table);
    // Act
    const result = await run(entrepreneur, JOIN, {
      input: joinNetworkInput('265', { prospectId: theirs.id }),
    });
    // Assess
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(await dataItems(table)).toEqual(before);
  });

  it('lists the pipeline newest first, by status, page by page', async () => {
    // Prepare
    const fresh = await createTestTable();
    const list = (identity: Identity, variables: Record<string, unknown>) =>
      execute<Record<string, unknown>>(
        server,
        testContext(fresh, identity, LATER),
        PIPELINE,
        variables,
      );
    for (const [minute, name] of ['Første', 'Anden', 'Tredje'].entries()) {
      const result = await execute(
        server,
        testContext(fresh, entrepreneur, new Date(ADDED.getTime() + minute * 60_000)),
        ADD,
        { input: addCompanyProspectInput('265', { name }) },
      );
      expect(result.errors).toBeUndefined();
    }
    // Act
    const first = await list(entrepreneur, { code: '265', first: 2 });
    const page = pipelineOf(first);
    const second = await list(entrepreneur, {
      code: '265',
      first: 2,
      after: page.pageInfo.endCursor,
    });
    const declinedOnly = await list(teamLeader, { code: '265', status: 'DECLINED' });
    // Assess
    const names = (result: typeof first) => pipelineOf(result).edges.map((edge) => edge.node.name);
    expect(names(first)).toEqual(['Tredje', 'Anden']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(names(second)).toEqual(['Første']);
    expect(names(declinedOnly)).toEqual([]);
  });

  describe('who may work the pipeline', () => {
    // The refusal of a step on a prospect it cannot see tells the caller no more than an id of
    // nothing would: another municipality's pipeline people hear NOT_FOUND, as for none.
    const strangers: Array<[string, Identity, string]> = [
      [
        "the municipality's network consultant",
        staffIdentity('265', 'NETWORK_CONSULTANT'),
        'FORBIDDEN',
      ],
      ["the municipality's psychologist", staffIdentity('265', 'PSYCHOLOGIST'), 'FORBIDDEN'],
      ["another municipality's entrepreneur", staffIdentity('101', 'ENTREPRENEUR'), 'NOT_FOUND'],
      ["another municipality's team leader", staffIdentity('101', 'TEAM_LEADER'), 'NOT_FOUND'],
      [
        'a company contact',
        companyContactIdentity('01JCOMPANY00000000000000AA', 'c-1'),
        'FORBIDDEN',
      ],
      ['a young person', youthIdentity('265', 'y-1'), 'FORBIDDEN'],
      ['the programme office', programmeIdentity(), 'FORBIDDEN'],
    ];

    it.each(strangers)(
      'refuses adding a prospect to %s, writing nothing',
      async (_who, identity) => {
        // Prepare
        const before = await dataItems(table);
        // Act
        const result = await run(identity, ADD, { input: addCompanyProspectInput('265') });
        // Assess
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
        expect(await dataItems(table)).toEqual(before);
      },
    );

    it.each(strangers)(
      'refuses recording a step to %s, writing nothing',
      async (_who, identity, code) => {
        // Prepare
        const prospect = await added();
        const before = await dataItems(table);
        // Act
        const result = await run(identity, OUTREACH, {
          input: recordCompanyOutreachInput(prospect, 'MEETING', '2026-11-04'),
        });
        // Assess
        expect(errorCodes(result)).toEqual([code]);
        expect(await dataItems(table)).toEqual(before);
      },
    );

    it.each(strangers)('refuses the pipeline list to %s', async (_who, identity) => {
      // Act
      const result = await run(identity, PIPELINE, { code: '265' });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it("refuses converting a prospect to the municipality's network consultant", async () => {
      // Prepare
      const prospect = await added();
      // Act
      const result = await run(staffIdentity('265', 'NETWORK_CONSULTANT'), JOIN, {
        input: joinNetworkInput('265', { prospectId: prospect.id }),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('lets the entrepreneur and the team leader list the pipeline', async () => {
      // Act
      const results = await Promise.all(
        [entrepreneur, teamLeader].map((identity) => run(identity, PIPELINE, { code: '265' })),
      );
      // Assess
      expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    });

    it('answers NOT_FOUND to the entrepreneur for a prospect id naming nothing', async () => {
      // Act
      const result = await run(entrepreneur, OUTREACH, {
        input: recordCompanyOutreachInput(
          { id: '01JNOPROSPECT0000000000000', version: 1 },
          'MEETING',
          '2026-11-04',
        ),
      });
      // Assess
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    });
  });
});
