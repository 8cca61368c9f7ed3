import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '#infra/local/seed/demo-world';
import { addCompanyProspectInput, joinNetworkInput } from '../support/companies-factories.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

const world = buildDemoWorld();
const ROSKILDE = '265';
const company = world.companies.find((c) => c.municipalityCode === ROSKILDE);

const ADD = `mutation ($input: AddCompanyProspectInput!) { addCompanyProspect(input: $input) {
  prospect { id status version addedOn contactName } errors { code message } } }`;
const OUTREACH = `mutation ($input: RecordCompanyOutreachInput!) {
  recordCompanyOutreach(input: $input) {
    prospect { id status version addedOn steps { kind on } } errors { code message } } }`;
const JOIN = `mutation ($input: JoinNetworkInput!) { joinNetwork(input: $input) {
  company { id name } errors { code message } } }`;
const PIPELINE = `query ($code: ID!) { municipality(code: $code) {
  companyProspects(status: JOINED, first: 5) {
    edges { node { id status companyId contactName contactPhone steps { kind } } } } } }`;

type Errors = Array<{ code: string; message: string }>;
interface Prospect {
  id: string;
  addedOn: string;
  status: string;
  version: number;
}

describe("the entrepreneur's company pipeline through the gateway (issue #21)", () => {
  let test: TestStack;
  let entrepreneur: string;

  beforeAll(async () => {
    test = await startTestStack();
    entrepreneur = await test.token('ENTREPRENEUR', { municipalityCode: ROSKILDE });
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('takes a prospect from added through contact and a meeting to a company that joined', async () => {
    // Prepare
    const added = await test.query<{ addCompanyProspect: { prospect: Prospect } }>(ADD, {
      token: entrepreneur,
      variables: { input: addCompanyProspectInput(ROSKILDE, { name: 'Pipeline Bageri ApS' }) },
    });
    let prospect = added.body.data?.addCompanyProspect.prospect as Prospect;
    // The stack runs on today's clock; the steps are dated the day the prospect was added.
    const today = prospect.addedOn;
    expect(prospect).toMatchObject({ status: 'PROSPECT', version: 1, contactName: 'Lone Bager' });
    // Act
    for (const kind of ['FIRST_CONTACT', 'MEETING']) {
      const step = await test.query<{
        recordCompanyOutreach: { prospect: Prospect | null; errors: Errors };
      }>(OUTREACH, {
        token: entrepreneur,
        variables: {
          input: {
            prospectId: prospect.id,
            kind,
            on: today,
            expectedVersion: prospect.version,
          },
        },
      });
      expect(step.body.data?.recordCompanyOutreach.errors).toEqual([]);
      prospect = step.body.data?.recordCompanyOutreach.prospect as Prospect;
    }
    const joined = await test.query<{
      joinNetwork: { company: { id: string } | null; errors: Errors };
    }>(JOIN, {
      token: entrepreneur,
      variables: {
        input: joinNetworkInput(ROSKILDE, { name: 'Pipeline Bageri ApS', prospectId: prospect.id }),
      },
    });
    const again = await test.query<{ joinNetwork: { errors: Errors } }>(JOIN, {
      token: entrepreneur,
      variables: { input: joinNetworkInput(ROSKILDE, { prospectId: prospect.id }) },
    });
    // Assess
    expect(joined.body.data?.joinNetwork.errors).toEqual([]);
    const companyId = joined.body.data?.joinNetwork.company?.id;
    const pipeline = await test.query<{
      municipality: { companyProspects: { edges: Array<{ node: Record<string, unknown> }> } };
    }>(PIPELINE, { token: entrepreneur, variables: { code: ROSKILDE } });
    expect(pipeline.body.errors).toBeUndefined();
    const nodes = pipeline.body.data?.municipality.companyProspects.edges.map((e) => e.node);
    expect(nodes?.find((node) => node.id === prospect.id)).toEqual({
      id: prospect.id,
      status: 'JOINED',
      companyId,
      contactName: null,
      contactPhone: null,
      steps: [{ kind: 'FIRST_CONTACT' }, { kind: 'MEETING' }, { kind: 'JOINED' }],
    });
    expect(again.body.data?.joinNetwork.errors.map((e) => e.code)).toEqual([
      'PROSPECT_ALREADY_CLOSED',
    ]);
  });

  it("refuses the pipeline to a company contact, a young person, the programme office and another municipality's team", async () => {
    // Prepare
    const youth = world.youth.find((y) => y.municipalityCode === ROSKILDE);
    if (!company || !youth) throw new Error('The demo world has no Roskilde company or youth');
    const tokens = await Promise.all([
      test.token('COMPANY_CONTACT', {
        companyId: company.id,
        contactId: company.contacts[0]?.id ?? '',
      }),
      test.token('YOUTH', { youthId: youth.id, municipalityCode: ROSKILDE }),
      test.token('PROGRAMME'),
      test.token('ENTREPRENEUR', { municipalityCode: '101' }),
      test.token('NETWORK_CONSULTANT', { municipalityCode: ROSKILDE }),
    ]);
    // Act
    const adds = await Promise.all(
      tokens.map((token) =>
        test.query(ADD, { token, variables: { input: addCompanyProspectInput(ROSKILDE) } }),
      ),
    );
    const lists = await Promise.all(
      tokens.map((token) => test.query(PIPELINE, { token, variables: { code: ROSKILDE } })),
    );
    // Assess
    for (const result of [...adds, ...lists]) {
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});
