import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken, SignInRefusedError } from '#infra/local/dev-issuer';
import { buildDemoWorld, type DemoYouth } from '#infra/local/seed/demo-world';
import { createPseudonymiser } from '#people/domain/pseudonym';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';

/**
 * Issue 18, class 6 (complete erasure) and the sign-in side of class 1, as an attacker holding an
 * erased young person's or a removed contact's old token would try them, through the gateway
 * over HTTP on the production settings.
 */

const ROSKILDE = '265';

const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { youthId } errors { code } }
}`;
const YOUTH = `query ($id: ID!) { youth(id: $id) { id name } }`;
const EVALUATION_EXPORT = `mutation ($input: ExportEvaluationDatasetInput!) {
  exportEvaluationDataset(input: $input) { dataset { youthFile placementFile } errors { code } }
}`;
const COMPANY = `query ($id: ID!) { company(id: $id) { id name version } }`;
const REMOVE_CONTACT = `mutation ($input: RemoveCompanyContactInput!) {
  removeCompanyContact(input: $input) { removedContactId errors { code } }
}`;

/** Roskilde's consenting young people whose placements are over: erasable, and in the export. */
function erasableConsenting(): DemoYouth[] {
  const world = buildDemoWorld();
  const busy = new Set(
    world.placements
      .filter((p) => ['PLANNED', 'ACTIVE', 'EXTENDED'].includes(p.status))
      .map((p) => p.youthId),
  );
  return world.youth.filter(
    (p) => p.municipalityCode === ROSKILDE && p.researchConsent.given && !busy.has(p.id),
  );
}

describe('attacks on an erasure and a removal (#18, classes 6 and 1)', () => {
  let test: TestStack;

  beforeAll(async () => {
    test = await startTestStack('prod');
  });

  afterAll(async () => {
    await test?.stack.stop();
  });

  async function exportedFiles(): Promise<string> {
    const programme = await test.token('PROGRAMME');
    const { body } = await test.query<{
      exportEvaluationDataset: { dataset: { youthFile: string; placementFile: string } };
      // One municipality: the whole country's export is not what this test is about.
    }>(EVALUATION_EXPORT, {
      token: programme,
      variables: { input: { municipalityCodes: [ROSKILDE] } },
    });
    expect(body.errors).toBeUndefined();
    const dataset = body.data?.exportEvaluationDataset.dataset;
    return [
      await readFile(dataset?.youthFile ?? '', 'utf8'),
      await readFile(dataset?.placementFile ?? '', 'utf8'),
    ].join('');
  }

  it('leaves an erased young person no sign-in, no subject in the audit trail and no export row', async () => {
    // Prepare: the young person's token, used (one refused look at another's profile, one own read)
    const dpo = await test.token('DATA_PROTECTION_OFFICER', { municipalityCode: ROSKILDE });
    const candidates = erasableConsenting();
    const pseudonymOf = createPseudonymiser(test.stack.keys.pseudonymKey);
    let erased: DemoYouth | undefined;
    let oldToken = '';
    for (const person of candidates.slice(0, 10)) {
      const token = await test.token('YOUTH', { youthId: person.id, municipalityCode: ROSKILDE });
      await test.query(YOUTH, { token, variables: { id: person.id } });
      const other = candidates.find((p) => p.id !== person.id) as DemoYouth;
      await test.query(YOUTH, { token, variables: { id: other.id } });
      // Act
      const { body } = await test.query<{ eraseYouth: { erasure: unknown } }>(ERASE, {
        token: dpo,
        variables: { input: { youthId: person.id, reason: 'CONSENT_WITHDRAWN' } },
      });
      if (body.data?.eraseYouth.erasure) {
        erased = person;
        oldToken = token;
        break;
      }
    }
    // Assess
    const person = erased as DemoYouth;
    expect(person).toBeDefined();
    const newToken = mintDevToken(
      test.stack.keys,
      { role: 'YOUTH', youthId: person.id, municipalityCode: ROSKILDE },
      '1h',
      test.stack.signIn,
    );
    await expect(newToken).rejects.toThrow(SignInRefusedError);
    const withOldToken = await test.query(YOUTH, {
      token: oldToken,
      variables: { id: person.id },
    });
    expect(withOldToken.status).toBe(401);
    expect(withOldToken.body.data ?? null).toBeNull();
    const audit = (await scanWholeTable(test.stack.table)).filter((item) =>
      item.pk.startsWith('AUDIT#'),
    );
    // A development token's subject is the person's id; Cognito's is a UUID: either is theirs.
    expect(audit.filter((item) => item.subject === person.id)).toEqual([]);
    expect(audit.filter((item) => item.subject === 'erased').length).toBeGreaterThanOrEqual(1);
    // Last, as it is the slowest: the next evaluation export holds no row under their pseudonym.
    const after = await exportedFiles();
    expect(after).not.toContain(pseudonymOf(person.id));
  });

  it('refuses a removed company contact’s token, and the issuer signs them in no more', async () => {
    // Prepare: a Roskilde company with two contacts; the second one's token works
    const world = buildDemoWorld();
    const company = world.companies.find(
      (c) => c.municipalityCode === ROSKILDE && c.contacts.length >= 2,
    );
    expect(company).toBeDefined();
    const { id: companyId, contacts } = company as NonNullable<typeof company>;
    const removed = contacts[1] as NonNullable<(typeof contacts)[number]>;
    const contactToken = await test.token('COMPANY_CONTACT', {
      companyId,
      contactId: removed.id,
    });
    const leader = await test.token('TEAM_LEADER', { municipalityCode: ROSKILDE });
    const whileCurrent = await test.query(COMPANY, {
      token: contactToken,
      variables: { id: companyId },
    });
    expect(whileCurrent.body.errors).toBeUndefined();
    const asLeader = await test.query<{ company: { version: number } }>(COMPANY, {
      token: leader,
      variables: { id: companyId },
    });
    // Act
    const removal = await test.query(REMOVE_CONTACT, {
      token: leader,
      variables: {
        input: {
          contactId: removed.id,
          expectedVersion: asLeader.body.data?.company.version,
        },
      },
    });
    const afterRemoval = await test.query(COMPANY, {
      token: contactToken,
      variables: { id: companyId },
    });
    // Assess
    expect(removal.body.data).toEqual({
      removeCompanyContact: { removedContactId: removed.id, errors: [] },
    });
    expect(afterRemoval.status).toBe(401);
    expect(afterRemoval.body.errors?.map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    const newToken = mintDevToken(
      test.stack.keys,
      { role: 'COMPANY_CONTACT', companyId, contactId: removed.id },
      '1h',
      test.stack.signIn,
    );
    await expect(newToken).rejects.toThrow(SignInRefusedError);
  });
});
