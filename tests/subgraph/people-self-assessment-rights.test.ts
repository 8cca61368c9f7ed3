import { beforeAll, describe, expect, it } from 'vitest';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { itemsHolding, scanWholeTable } from '../support/privacy-scan.ts';
import {
  givenParticipantTask,
  recordSelfAssessmentInput,
} from '../support/self-assessment-factories.ts';
import { createTestTable } from '../support/table.ts';

const RECORD = `mutation ($input: RecordSelfAssessmentInput!) {
  recordSelfAssessment(input: $input) { errors { code } }
}`;
const EXPORT = `mutation ($input: ExportYouthDataInput!) {
  exportYouthData(input: $input) { export { document } errors { code } }
}`;
const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { itemsDeleted itemsAnonymised } errors { code } }
}`;

describe("people subgraph: a young person's self-assessments and their rights", () => {
  let table: Table;

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
  });

  async function givenAssessedYouth(id: string): Promise<string> {
    await givenYouth(table, { id }, ['PAUSED']);
    const me = youthIdentity(ROSKILDE, id);
    const taskId = await givenParticipantTask(table, id, { placementId: 'p-rights-1' });
    for (const input of [
      recordSelfAssessmentInput(id, {}, 2),
      recordSelfAssessmentInput(id, { taskId }, 4),
    ]) {
      const result = await execute(server, testContext(table, me), RECORD, { input });
      expect(result.data?.recordSelfAssessment).toEqual({ errors: [] });
    }
    return taskId;
  }

  it('are in the art. 15 export, scores, occasions and versions', async () => {
    // Prepare
    const id = 'y-rights-export';
    const taskId = await givenAssessedYouth(id);
    // Act
    const result = await execute(server, testContext(table, youthIdentity(ROSKILDE, id)), EXPORT, {
      input: { youthId: id },
    });
    // Assess
    const data = result.data as { exportYouthData: { export: { document: string } } } | undefined;
    const document = data?.exportYouthData.export.document ?? 'null';
    const exported = JSON.parse(document).sections.people.selfAssessments as Array<
      Record<string, unknown>
    >;
    expect(
      exported.map(({ occasion, taskId: task, placementId, itemsVersion }) => ({
        occasion,
        task,
        placementId,
        itemsVersion,
      })),
    ).toEqual([
      { occasion: 'ENROLMENT', task: null, placementId: null, itemsVersion: 1 },
      { occasion: 'CHECKPOINT', task: taskId, placementId: 'p-rights-1', itemsVersion: 1 },
    ]);
    expect(Object.values(exported[1]?.scores as Record<string, number>)).toEqual([4, 4, 4, 4, 4]);
  });

  it('are gone with the erasure, leaving anonymous copies that keep the direction figures as they were', async () => {
    // Prepare
    const id = 'y-rights-erase';
    const taskId = await givenAssessedYouth(id);
    const figures = () =>
      execute(
        server,
        testContext(table, staffIdentity(ROSKILDE)),
        `{ municipality(code: "${ROSKILDE}") {
          directionStats(from: "2026-11-01", to: "2026-11-26") { overall { youthAssessedTwice improved medianChange } }
        } }`,
      );
    const before = await figures();
    // Act
    const result = await execute(
      server,
      testContext(table, dataProtectionOfficerIdentity(ROSKILDE)),
      ERASE,
      {
        input: { youthId: id, reason: 'CONSENT_WITHDRAWN' },
      },
    );
    // Assess
    expect(result.data?.eraseYouth).toMatchObject({
      erasure: { itemsAnonymised: 3 },
      errors: [],
    });
    expect(before.data).toMatchObject({
      municipality: { directionStats: { overall: { youthAssessedTwice: 2 } } },
    });
    expect((await figures()).data).toEqual(before.data);
    expect(await table.get(sharedKeys.selfAssessment(id, 'ENROLMENT'))).toBeUndefined();
    expect(await table.get(sharedKeys.selfAssessment(id, taskId))).toBeUndefined();
    const left = itemsHolding(
      await scanWholeTable(table),
      { texts: [], ids: [id] },
      { exceptAudit: true },
    );
    expect(left).toEqual([]);
  });
});
