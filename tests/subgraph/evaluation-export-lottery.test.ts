import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import type { Youth } from '#people/domain/youth';
import { server } from '#people/server';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { programmeIdentity, staffIdentity } from '../support/identities.ts';
import {
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

const RECORD = `mutation ($input: RecordStudyAssignmentInput!) {
  recordStudyAssignment(input: $input) { studyAssignment { arm } errors { code } }
}`;

const EXPORT = `mutation ($input: ExportEvaluationDatasetInput!) {
  exportEvaluationDataset(input: $input) {
    dataset { youthFile controlFile youthRows controlRows }
    errors { code }
  }
}`;

const NOW = new Date('2026-11-26T10:00:00Z');
const CONSENTED = { given: true, givenAt: '2026-03-02', withdrawnAt: null };
const CONTROL_COLUMNS = [
  'arm',
  'assignedOn',
  'benefitCategory',
  'birthYear',
  'gender',
  'highestCompletedEducation',
  'municipalityCode',
  'pseudonym',
];

interface Dataset {
  youthFile: string;
  controlFile: string;
  youthRows: number;
  controlRows: number;
}

async function readRows(path: string): Promise<Array<Record<string, unknown>>> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('people subgraph: the evaluation export of a lottery (#21)', () => {
  let table: Table;
  let exportDir: string;
  let drawn: Youth;
  let notDrawn: Youth;
  const pseudonymKey = randomBytes(32).toString('hex');
  const saved = { key: process.env.PSEUDONYM_KEY, dir: process.env.EVALUATION_EXPORT_DIR };
  const teamLeader = staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-tl`);

  async function run<T>(identity: Identity, query: string, input: Record<string, unknown>) {
    const result = await execute<T>(server, testContext(table, identity, NOW), query, { input });
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  async function exportDataset(input: Record<string, unknown> = {}): Promise<Dataset> {
    const data = await run<{ exportEvaluationDataset: { dataset: Dataset } }>(
      programmeIdentity(),
      EXPORT,
      input,
    );
    return data.exportEvaluationDataset.dataset;
  }

  beforeAll(async () => {
    table = await createTestTable();
    exportDir = await mkdtemp(join(tmpdir(), 'evaluation-lottery-'));
    process.env.PSEUDONYM_KEY = pseudonymKey;
    process.env.EVALUATION_EXPORT_DIR = exportDir;
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    drawn = await givenYouth(table, { enrolledAt: '2026-03-02', researchConsent: CONSENTED });
    notDrawn = await givenYouth(table, { enrolledAt: '2026-03-02', researchConsent: CONSENTED });
    await run(teamLeader, RECORD, {
      municipalityCode: ROSKILDE,
      arm: 'TREATMENT',
      assignedOn: '2026-03-02',
      youthId: drawn.id,
    });
    for (const [reference, assignedOn] of [
      ['ROS-2026-017', '2026-03-02'],
      ['ROS-2026-018', '2026-06-01'],
    ] as const) {
      await run(teamLeader, RECORD, {
        municipalityCode: ROSKILDE,
        arm: 'CONTROL',
        assignedOn,
        control: {
          reference,
          birthYear: 2004,
          gender: 'FEMALE',
          highestCompletedEducation: 'GYMNASIAL',
          benefitCategory: 'EDUCATION_READY',
        },
      });
    }
  });

  afterAll(async () => {
    for (const [variable, value] of [
      ['PSEUDONYM_KEY', saved.key],
      ['EVALUATION_EXPORT_DIR', saved.dir],
    ] as const) {
      if (value === undefined) delete process.env[variable];
      else process.env[variable] = value;
    }
    await rm(exportDir, { recursive: true, force: true });
  });

  it('gives the drawn young person their arm and day, and the others none', async () => {
    // Act
    const dataset = await exportDataset();
    // Assess
    const rows = await readRows(dataset.youthFile);
    const pseudonymOf = (id: string) =>
      createHmac('sha256', pseudonymKey).update('nextwork-youth\0').update(id).digest('hex');
    expect(rows.find((row) => row.pseudonym === pseudonymOf(drawn.id))).toMatchObject({
      studyArm: 'TREATMENT',
      studyAssignedOn: '2026-03-02',
    });
    expect(rows.find((row) => row.pseudonym === pseudonymOf(notDrawn.id))).toMatchObject({
      studyArm: null,
      studyAssignedOn: null,
    });
  });

  it('writes the control group beside the other files: pseudonym and covariates only, drawn in the period', async () => {
    // Act
    const all = await exportDataset();
    const spring = await exportDataset({ from: '2026-01-01', to: '2026-04-30' });
    // Assess
    const rows = await readRows(all.controlFile);
    expect(all.controlRows).toBe(2);
    expect(all.controlFile).toMatch(/control\.jsonl$/);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(CONTROL_COLUMNS);
      expect(row).toMatchObject({
        municipalityCode: ROSKILDE,
        arm: 'CONTROL',
        birthYear: 2004,
        gender: 'FEMALE',
        highestCompletedEducation: 'GYMNASIAL',
        benefitCategory: 'EDUCATION_READY',
      });
      expect(row.pseudonym).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await readFile(all.controlFile, 'utf8')).not.toMatch(/ROS-2026/);
    expect(spring.controlRows).toBe(1);
    expect((await readRows(spring.controlFile))[0]).toMatchObject({ assignedOn: '2026-03-02' });
  });

  it('names in the codebook exactly the columns the control file carries', async () => {
    // Act
    const dataset = await exportDataset();
    const codebook = JSON.parse(
      await readFile(join(dirname(dataset.controlFile), 'codebook.json'), 'utf8'),
    ) as { files: Array<{ file: string; columns: Array<{ name: string }> }> };
    const rows = await readRows(dataset.controlFile);
    // Assess
    const control = codebook.files.find((file) => file.file === 'control.jsonl');
    const named = (control?.columns ?? []).map((column) => column.name).sort();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(named);
  });

  it('leaves out another municipality’s control group when only one is exported', async () => {
    // Act
    const dataset = await exportDataset({ municipalityCodes: [KOBENHAVN] });
    // Assess
    expect(dataset.controlRows).toBe(0);
    expect(await readFile(dataset.controlFile, 'utf8')).toBe('');
  });
});
