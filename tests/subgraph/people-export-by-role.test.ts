import { beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenSupportNote,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The art. 15 export shows each role only what that role may see: that support notes exist,
 * and how many, is for the psychologist alone (`YOUTH_FIELD_ACCESS.supportNotes`); their text
 * for the data protection officer, who hands it over.
 */

const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { document } errors { code } }
}`;

const NOTE = 'Samtale om angst';

describe('people subgraph: the art. 15 export by role', () => {
  let table: Table;
  let youthId: string;

  /** The people section of the document one caller is handed. */
  const peopleSectionFor = async (identity: Identity) => {
    const result = await execute<{ exportYouthData: { export: { document: string } } }>(
      server,
      testContext(table, identity),
      EXPORT,
      { input: { youthId } },
    );
    expect(result.errors).toBeUndefined();
    const document = JSON.parse(result.data?.exportYouthData.export.document ?? 'null');
    return document.sections.people as Record<string, unknown>;
  };

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    const person = await givenYouth(table, { municipalityCode: ROSKILDE });
    youthId = person.id;
    await givenSupportNote(table, youthId, { text: NOTE });
    await givenSupportNote(table, youthId);
  });

  it.each([
    ['a network consultant', staffIdentity(ROSKILDE)],
    ['the team leader', staffIdentity(ROSKILDE, 'TEAM_LEADER', 'leader-265')],
    ['the entrepreneur', staffIdentity(ROSKILDE, 'ENTREPRENEUR', 'entrepreneur-265')],
  ])('tells %s nothing of the support notes', async (_who, identity) => {
    // Act
    const section = await peopleSectionFor(identity);
    // Assess
    expect(section).not.toHaveProperty('supportNotes');
    expect(JSON.stringify(section)).not.toContain(NOTE);
    expect(section.profile).toMatchObject({ id: youthId });
  });

  it('tells the young person nothing of the support notes either', async () => {
    // Act
    const section = await peopleSectionFor(youthIdentity(ROSKILDE, youthId));
    // Assess
    expect(section).not.toHaveProperty('supportNotes');
  });

  it('tells the psychologist how many there are, not their text', async () => {
    // Act
    const section = await peopleSectionFor(
      staffIdentity(ROSKILDE, 'PSYCHOLOGIST', 'psychologist-265'),
    );
    // Assess
    expect(section.supportNotes).toMatchObject({ count: 2 });
    expect(JSON.stringify(section)).not.toContain(NOTE);
  });

  it('gives the data protection officer the text, to decide what to hand over', async () => {
    // Act
    const section = await peopleSectionFor(dataProtectionOfficerIdentity(ROSKILDE));
    // Assess
    expect(JSON.stringify(section.supportNotes)).toContain(NOTE);
  });
});
