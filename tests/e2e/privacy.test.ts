import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld, type DemoYouth } from '#infra/local/seed/demo-world';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { itemsHolding, scanWholeTable, type Traces } from '../support/privacy-scan.ts';

const ROSKILDE = '265';

const FIGURES = `{
  municipality(code: "265") {
    code
    youthStats { total enrolled inPlacement inEducation inJob paused exited }
    placementStats { planned active completed interrupted }
    networkStats { youthGroups companyGroups sessionsHeld }
  }
}`;

const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { youthId document } errors { code } }
}`;

const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) {
    erasure { youthId alreadyErased itemsDeleted itemsAnonymised } errors { code }
  }
}`;

const YOUTH = `query ($id: ID!) { youth(id: $id) { id name } }`;

const EVALUATION_EXPORT = `mutation ($input: ExportEvaluationDatasetInput!) {
  exportEvaluationDataset(input: $input) {
    dataset { youthFile placementFile youthRows placementRows }
    errors { code }
  }
}`;

/** What identifies a demo young person: full name, phone and e-mail, and the id. */
function tracesOf(person: DemoYouth): Required<Traces> {
  return {
    texts: [`${person.firstName} ${person.lastName}`, person.phone, person.email],
    ids: [person.id],
  };
}

function identifiersOf(person: DemoYouth): string[] {
  const traces = tracesOf(person);
  return [...traces.texts, ...traces.ids];
}

/**
 * Roskilde's young people without a placement planned or under way, whose name, phone and e-mail
 * no other demo young person shares (so that finding none of them after erasure means something).
 */
function erasableCandidates(): DemoYouth[] {
  const world = buildDemoWorld();
  const count = new Map<string, number>();
  for (const person of world.youth) {
    for (const value of identifiersOf(person)) count.set(value, (count.get(value) ?? 0) + 1);
  }
  const busy = new Set(
    world.placements
      .filter((p) => ['PLANNED', 'ACTIVE', 'EXTENDED'].includes(p.status))
      .map((p) => p.youthId),
  );
  const placed = new Set(world.placements.map((p) => p.youthId));
  return world.youth
    .filter((p) => p.municipalityCode === ROSKILDE && !busy.has(p.id) && placed.has(p.id))
    .filter((p) => identifiersOf(p).every((value) => count.get(value) === 1));
}

describe('the rights of the young people through the gateway', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack();
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  it('erases a demo young person: no trace in the table, the figures unchanged', async () => {
    // Prepare
    const leader = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    const dpo = await test.token('DATA_PROTECTION_OFFICER', { municipalityCode: ROSKILDE });
    const before = await test.query(FIGURES, { token: leader });
    expect(before.body.errors).toBeUndefined();
    const candidates = erasableCandidates();
    expect(candidates.length).toBeGreaterThan(0);
    // Act: the first young person whose placements are over (a running lifecycle blocks)
    let erased: DemoYouth | undefined;
    let erasure: unknown;
    for (const person of candidates.slice(0, 10)) {
      const { body } = await test.query<{ eraseYouth: { erasure: unknown; errors: unknown[] } }>(
        ERASE,
        { token: dpo, variables: { input: { youthId: person.id, reason: 'CONSENT_WITHDRAWN' } } },
      );
      expect(body.errors).toBeUndefined();
      if (body.data?.eraseYouth.erasure) {
        erased = person;
        erasure = body.data.eraseYouth.erasure;
        break;
      }
      expect(body.data?.eraseYouth.errors).toEqual([{ code: 'ERASURE_BLOCKED' }]);
    }
    // Assess
    expect(erased).toBeDefined();
    const person = erased as DemoYouth;
    expect(erasure).toMatchObject({ youthId: person.id, alreadyErased: false });
    const items = await scanWholeTable(test.stack.table);
    expect(itemsHolding(items, tracesOf(person), { exceptAudit: true })).toEqual([]);
    const auditItems = items.filter((item) => item.pk.startsWith('AUDIT#'));
    expect(itemsHolding(auditItems, { texts: tracesOf(person).texts })).toEqual([]);
    expect(
      auditItems.filter((item) => item.youthId === person.id && item.action === 'ERASURE'),
    ).toHaveLength(1);
    const after = await test.query(FIGURES, { token: leader });
    expect(after.body).toEqual(before.body);
    const again = await test.query<{ eraseYouth: { erasure: { alreadyErased: boolean } } }>(ERASE, {
      token: dpo,
      variables: { input: { youthId: person.id, reason: 'CONSENT_WITHDRAWN' } },
    });
    expect(again.body.data?.eraseYouth.erasure.alreadyErased).toBe(true);
    const lookup = await test.query<{ youth: unknown }>(YOUTH, {
      token: leader,
      variables: { id: person.id },
    });
    expect(lookup.body.data?.youth ?? null).toBeNull();
  });

  it('gives a young person their data, and refuses it to the programme office and a company', async () => {
    // Prepare
    const person = erasableCandidates().at(-1) as DemoYouth;
    const self = await test.token('YOUTH', { youthId: person.id, municipalityCode: ROSKILDE });
    const programme = await test.token('PROGRAMME');
    const company = await test.token('COMPANY_CONTACT');
    const variables = { input: { youthId: person.id } };
    // Act
    const own = await test.query<{ exportYouthData: { export: { document: string } } }>(EXPORT, {
      token: self,
      variables,
    });
    const refused = [
      await test.query(EXPORT, { token: programme, variables }),
      await test.query(EXPORT, { token: company, variables }),
    ];
    // Assess
    expect(own.body.errors).toBeUndefined();
    const document = JSON.parse(own.body.data?.exportYouthData.export.document ?? '{}');
    expect(document.sections.people.profile.name).toBe(`${person.firstName} ${person.lastName}`);
    expect(document.sections.placements.placements.length).toBeGreaterThan(0);
    for (const { body } of refused) {
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(body)).not.toContain(person.lastName);
    }
  });

  it('exports the pseudonymised evaluation dataset to the programme office only', async () => {
    // Prepare
    const world = buildDemoWorld();
    const consenting = world.youth.filter((person) => person.researchConsent.given);
    const programme = await test.token('PROGRAMME');
    const leader = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    type Result = {
      exportEvaluationDataset: {
        dataset: { youthFile: string; placementFile: string; youthRows: number } | null;
      };
    };
    // Act
    const exported = await test.query<Result>(EVALUATION_EXPORT, {
      token: programme,
      variables: { input: {} },
    });
    const refused = await test.query<Result>(EVALUATION_EXPORT, {
      token: leader,
      variables: { input: {} },
    });
    // Assess: every consenting young person but the one erased above; no identifier anywhere.
    expect(exported.body.errors).toBeUndefined();
    const dataset = exported.body.data?.exportEvaluationDataset.dataset;
    expect(dataset?.youthRows).toBeGreaterThanOrEqual(consenting.length - 1);
    expect(dataset?.youthRows).toBeLessThanOrEqual(consenting.length);
    const files = [
      await readFile(dataset?.youthFile ?? '', 'utf8'),
      await readFile(dataset?.placementFile ?? '', 'utf8'),
    ].join('');
    const identifiers = world.youth.flatMap((person) => [
      ...identifiersOf(person),
      person.birthDate,
    ]);
    expect(identifiers.filter((identifier) => files.includes(identifier))).toEqual([]);
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
