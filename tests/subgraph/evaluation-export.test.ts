import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDataSubjectDispatcher } from '#infra/local/data-subject/in-process-dispatcher';
import type { DataSubjectDispatcher, DataSubjectSubgraph } from '#kernel/data-subject';
import type { Identity } from '#kernel/identity';
import type { Table } from '#kernel/table/table';
import { attendanceTotalsToItem } from '#learning-community/repository/attendance-entity';
import { createStory } from '#learning-community/repository/work-story-repository';
import type { Youth } from '#people/domain/youth';
import { saveMunicipalities } from '#people/repository/municipality-repository';
import { YouthEntity } from '#people/repository/youth-entity';
import { server } from '#people/server';
import { feedbackId } from '#placements/domain/placement-feedback';
import { PlacementFeedbackEntity } from '#placements/repository/placement-feedback-entity';
import { auditItemsOfDay } from '../support/audit-days.ts';
import { testContext } from '../support/context.ts';
import { errorCodes, execute } from '../support/execute.ts';
import {
  companyContactIdentity,
  programmeIdentity,
  staffIdentity,
  youthIdentity,
} from '../support/identities.ts';
import {
  aYouth,
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  KOBENHAVN,
  ROSKILDE,
} from '../support/people-factories.ts';
import { aPlacement, givenPlacements } from '../support/placements-factories.ts';
import { scanWholeTable } from '../support/privacy-scan.ts';
import { allScored, givenSelfAssessment } from '../support/self-assessment-factories.ts';
import { createTestTable } from '../support/table.ts';

const EXPORT = `mutation ($input: ExportEvaluationDatasetInput!) {
  exportEvaluationDataset(input: $input) {
    dataset {
      location youthFile placementFile codebookFile youthRows placementRows from to municipalityCodes generatedAt
    }
    errors { code message }
  }
}`;

interface Dataset {
  location: string;
  youthFile: string;
  placementFile: string;
  codebookFile: string | null;
  youthRows: number;
  placementRows: number;
  from: string;
  to: string;
  municipalityCodes: string[];
}

/** Every column a youth row may have, and every column of a placement row. */
const YOUTH_COLUMNS = [
  'ageBandAtEnrolment',
  'attendance',
  'benefitCategory',
  'benefitCategoryAtEnrolment',
  'companyTies',
  'companyTiesBeforeFirstPlacement',
  'enrolledWithAgeException',
  'enrolmentMonth',
  'fallBacks',
  'gender',
  'highestCompletedEducation',
  'inEducationOrJobAfterEnrolment',
  'municipalityCode',
  'placementCount',
  'pseudonym',
  'selfAssessment',
  'staffMinutes',
  'staffMinutesByKind',
  'statusAtEnd',
  'strongestTie',
  'studyArm',
  'studyAssignedOn',
  'weeklyStatus',
  'weeksInEducationOrJob',
  'weeksOnPassiveSupport',
  'workStories',
  'youthPeerTies',
];
const PLACEMENT_COLUMNS = [
  'companyPseudonym',
  'endDate',
  'feedbackRatings',
  'followUps',
  'fromWishAnsweredByCompany',
  'inEducationOrJobAfterEnd',
  'municipalityCode',
  'outcomeDate',
  'outcomeKind',
  'placementNumber',
  'placementOrigin',
  'pseudonym',
  'startDate',
  'status',
  'weeklyHours',
];

const CONSENTED = { given: true, givenAt: '2026-01-05', withdrawnAt: null };
const NOW = new Date('2026-11-26T10:00:00Z');

function pseudonymUnder(key: string, youthId: string): string {
  return createHmac('sha256', key).update('nextwork-youth\0').update(youthId).digest('hex');
}

function companyPseudonymUnder(key: string, companyId: string): string {
  return createHmac('sha256', key).update('nextwork-company\0').update(companyId).digest('hex');
}

async function readRows(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every key and every string value anywhere in a row (nested objects and lists included). */
function everyText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(everyText);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...everyText(inner)]);
  }
  return [];
}

describe('people subgraph: the researchers\u2019 evaluation export', () => {
  let table: Table;
  let exportDir: string;
  const pseudonymKey = randomBytes(32).toString('hex');
  const saved = {
    key: process.env.PSEUDONYM_KEY,
    dir: process.env.EVALUATION_EXPORT_DIR,
    bucket: process.env.EVALUATION_EXPORT_BUCKET,
  };
  let consenting: Youth;
  let consentingInKobenhavn: Youth;
  let neverAsked: Youth;
  let withdrawn: Youth;
  const placementIds: string[] = [];

  function run(identity: Identity, variables: Record<string, unknown>) {
    return execute<{ exportEvaluationDataset: { dataset: Dataset | null } }>(
      server,
      testContext(table, identity, NOW),
      EXPORT,
      variables,
    );
  }

  async function exportAll(input: Record<string, unknown> = {}): Promise<Dataset> {
    const result = await run(programmeIdentity(), { input });
    expect(result.errors).toBeUndefined();
    const dataset = result.data?.exportEvaluationDataset.dataset;
    if (!dataset) throw new Error('no dataset');
    return dataset;
  }

  beforeAll(async () => {
    table = await createTestTable();
    exportDir = await mkdtemp(join(tmpdir(), 'evaluation-export-'));
    process.env.PSEUDONYM_KEY = pseudonymKey;
    process.env.EVALUATION_EXPORT_DIR = exportDir;
    delete process.env.EVALUATION_EXPORT_BUCKET;
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    await givenTeam(table, KOBENHAVN);
    consenting = await givenYouth(
      table,
      {
        name: 'Freja Kristensen',
        dateOfBirth: '2003-07-21',
        phone: '+4531415926',
        email: 'freja.kristensen@example.dk',
        enrolledAt: '2026-01-05',
        researchConsent: CONSENTED,
        consultantId: `staff-${ROSKILDE}-1`,
        barriers: ['Angst for telefonsamtaler'],
        interests: ['Klatring'],
        workWishes: ['Landskabsgartner'],
      },
      ['IN_PLACEMENT', 'IN_JOB'],
    );
    consentingInKobenhavn = await givenYouth(
      table,
      { municipalityCode: KOBENHAVN, enrolledAt: '2026-03-02', researchConsent: CONSENTED },
      ['IN_PLACEMENT'],
    );
    neverAsked = await givenYouth(table, { name: 'Bo Nielsen', enrolledAt: '2026-02-02' });
    withdrawn = await givenYouth(table, {
      name: 'Asta Holm',
      enrolledAt: '2026-02-09',
      researchConsent: { given: false, givenAt: '2026-02-09', withdrawnAt: '2026-05-01' },
    });
    const placements = [
      aPlacement({
        youthId: consenting.id,
        companyId: 'c-evaluation-1',
        startDate: '2026-01-12',
        endDate: '2026-04-12',
        status: 'COMPLETED',
        outcome: { kind: 'JOB', date: '2026-01-19', details: null },
        learningReflection: null,
        weeklyHours: 30,
        origin: { kind: 'WISH', wishId: 'w-evaluation-1', invitationId: null },
      }),
      aPlacement({
        youthId: consentingInKobenhavn.id,
        municipalityCode: KOBENHAVN,
        companyId: 'c-evaluation-2',
        startDate: '2026-03-09',
        endDate: '2026-06-09',
        status: 'COMPLETED',
      }),
      aPlacement({
        youthId: neverAsked.id,
        companyId: 'c-evaluation-3',
        startDate: '2026-02-09',
        endDate: '2026-05-09',
        status: 'COMPLETED',
      }),
    ];
    placementIds.push(...placements.map((placement) => placement.id));
    await givenPlacements(table, placements);
    const rated = placements[0];
    if (rated) {
      await table.putMany([
        PlacementFeedbackEntity.toItem({
          id: feedbackId(rated.id, 'MIDWAY', 'COMPANY'),
          placementId: rated.id,
          youthId: rated.youthId,
          companyId: rated.companyId,
          municipalityCode: rated.municipalityCode,
          side: 'COMPANY',
          occasion: 'MIDWAY',
          rating: 4,
          whatWorked: 'Gode kolleger',
          whatToChange: null,
          givenAt: '2026-02-20T10:00:00.000Z',
          version: 1,
        }),
      ]);
    }
    await table.putMany([
      attendanceTotalsToItem('YOUTH', consenting.id, { present: 7, absent: 2, excused: 1 }),
    ]);
    // Two stories: one shared with the company of the placement, one kept private.
    for (const [n, companyId] of [
      [1, 'c-export'],
      [2, undefined],
    ] as const) {
      await createStory(table, {
        id: `ws-export-${n}`,
        youthId: consenting.id,
        municipalityCode: ROSKILDE,
        whatIDid: 'Jeg tog imod varer',
        whatIWasGoodAt: 'Orden',
        whatIWantNext: 'En læreplads',
        authorship: 'YOUTH',
        ...(companyId
          ? { sharedWithCompanyId: companyId, sharedThroughPlacementId: 'p-export' }
          : {}),
        createdAt: `2026-02-0${n}T10:00:00.000Z`,
        updatedAt: `2026-02-0${n}T10:00:00.000Z`,
        version: 1,
      });
    }
    await givenSelfAssessment(table, consenting.id, {
      date: '2026-01-05',
      recordedAt: '2026-01-05T09:00:00.000Z',
    });
    await givenSelfAssessment(table, consenting.id, {
      occasionKey: 'task-evaluation-1',
      occasion: 'CHECKPOINT',
      taskId: 'task-evaluation-1',
      placementId: placementIds[0] ?? null,
      scores: { ...allScored(4), WELL_BEING: 3 },
      date: '2026-02-23',
      recordedAt: '2026-02-23T09:00:00.000Z',
    });
  });

  afterAll(async () => {
    for (const [variable, value] of [
      ['PSEUDONYM_KEY', saved.key],
      ['EVALUATION_EXPORT_DIR', saved.dir],
      ['EVALUATION_EXPORT_BUCKET', saved.bucket],
    ] as const) {
      if (value === undefined) delete process.env[variable];
      else process.env[variable] = value;
    }
    await rm(exportDir, { recursive: true, force: true });
  });

  describe('who may export', () => {
    it.each([
      ['a network consultant', staffIdentity(ROSKILDE)],
      ['a team leader', staffIdentity(ROSKILDE, 'TEAM_LEADER', `staff-${ROSKILDE}-leader`)],
      ['a young person', youthIdentity(ROSKILDE, 'y-someone')],
      ['a company contact', companyContactIdentity('c-evaluation-1')],
      ['a data protection officer', dataProtectionOfficerIdentity(ROSKILDE)],
    ])('refuses %s and writes nothing', async (_who, identity) => {
      // Prepare
      const before = await readdir(exportDir);
      // Act
      const result = await run(identity, { input: {} });
      // Assess
      expect(errorCodes(result)).toContain('FORBIDDEN');
      expect(result.data?.exportEvaluationDataset ?? null).toBeNull();
      expect(await readdir(exportDir)).toEqual(before);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a period that ends before it starts', { from: '2026-06-01', to: '2026-05-01' }],
      ['a period longer than five years', { from: '2020-01-01', to: '2026-06-01' }],
      ['a municipality that does not exist', { municipalityCodes: ['999'] }],
      ['a malformed municipality code', { municipalityCodes: ['Roskilde'] }],
    ])('refuses %s with BAD_USER_INPUT', async (_what, input) => {
      // Act
      const result = await run(programmeIdentity(), { input });
      // Assess
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('dates within their plausible range', () => {
    it.each([
      ['starts before the programme began', { from: '2023-12-31' }, 'from'],
      ['ends tomorrow', { to: '2026-11-27' }, 'to'],
      ['ends in the year 9999', { to: '9999-12-31' }, 'to'],
    ])(
      'refuses a period that %s with DATE_OUT_OF_RANGE, and writes no file and no record',
      async (_what, input, field) => {
        // Prepare
        const files = await readdir(exportDir);
        const items = await scanWholeTable(table);
        // Act
        const result = await run(programmeIdentity(), { input });
        // Assess
        expect(result.data?.exportEvaluationDataset).toEqual({
          dataset: null,
          errors: [expect.objectContaining({ code: 'DATE_OUT_OF_RANGE' })],
        });
        expect(JSON.stringify(result.data)).toContain(
          field === 'from' ? '2024-01-01' : '2026-11-26',
        );
        expect(await readdir(exportDir)).toEqual(files);
        expect(await scanWholeTable(table)).toEqual(items);
      },
    );

    it('accepts the period from the programme\u2019s first day to today', async () => {
      // Act
      const dataset = await exportAll({ from: '2024-01-01', to: '2026-11-26' });
      // Assess
      expect(dataset).toMatchObject({ from: '2024-01-01', to: '2026-11-26' });
    });
  });

  describe('the dataset', () => {
    it('holds one row per consenting young person and per placement of theirs, no one else', async () => {
      // Act
      const dataset = await exportAll();
      // Assess
      const youthRows = await readRows(dataset.youthFile);
      const placementRows = await readRows(dataset.placementFile);
      const pseudonyms = youthRows.map((row) => row.pseudonym);
      expect(dataset.youthRows).toBe(2);
      expect(dataset.placementRows).toBe(2);
      expect(dataset.municipalityCodes.sort()).toEqual([KOBENHAVN, ROSKILDE]);
      expect(dataset.location).toBe(join(exportDir, dataset.location.split('/').at(-1) ?? ''));
      expect(pseudonyms.sort()).toEqual(
        [
          pseudonymUnder(pseudonymKey, consenting.id),
          pseudonymUnder(pseudonymKey, consentingInKobenhavn.id),
        ].sort(),
      );
      for (const absent of [neverAsked, withdrawn]) {
        expect(pseudonyms).not.toContain(pseudonymUnder(pseudonymKey, absent.id));
        expect(placementRows.map((row) => row.pseudonym)).not.toContain(
          pseudonymUnder(pseudonymKey, absent.id),
        );
      }
    });

    it('gives the research columns: enrolment month, age band, outcomes, attendance, weekly statuses', async () => {
      // Act
      const dataset = await exportAll({ municipalityCodes: [ROSKILDE] });
      // Assess
      const [row] = await readRows(dataset.youthFile);
      const [placement] = await readRows(dataset.placementFile);
      expect(row).toMatchObject({
        pseudonym: pseudonymUnder(pseudonymKey, consenting.id),
        municipalityCode: ROSKILDE,
        enrolmentMonth: '2026-01',
        ageBandAtEnrolment: '18-24',
        benefitCategory: 'ACTIVITY_READY',
        statusAtEnd: 'IN_JOB',
        placementCount: 1,
        inEducationOrJobAfterEnrolment: {
          after3Months: true,
          after6Months: true,
          after12Months: null,
        },
        fallBacks: 0,
        attendance: { present: 7, absent: 2, excused: 1 },
        workStories: { written: 2, sharedWithGroup: 0, sharedWithCompany: 1 },
        selfAssessment: {
          count: 2,
          first: { date: '2026-01-05', occasion: 'ENROLMENT', itemsVersion: 1, overall: 2 },
          latest: { date: '2026-02-23', occasion: 'CHECKPOINT', itemsVersion: 1, overall: 3.8 },
          items: expect.objectContaining({
            CAN_HOLD_JOB: { first: 2, latest: 4 },
            WELL_BEING: { first: 2, latest: 3 },
          }),
        },
      });
      const weeks = row?.weeklyStatus as Array<{ week: string; status: string }>;
      expect(weeks[0]).toEqual({ week: '2026-W02', status: 'UNKNOWN' });
      expect(weeks[1]).toEqual({ week: '2026-W03', status: 'IN_PLACEMENT' });
      expect(weeks.at(-1)).toEqual({ week: '2026-W48', status: 'IN_JOB' });
      expect(placement).toMatchObject({
        placementNumber: 1,
        startDate: '2026-01-12',
        endDate: '2026-04-12',
        status: 'COMPLETED',
        outcomeKind: 'JOB',
        outcomeDate: '2026-01-19',
        inEducationOrJobAfterEnd: { after3Months: true, after6Months: true, after12Months: null },
        feedbackRatings: { youthMidway: null, youthEnd: null, companyMidway: 4, companyEnd: null },
        placementOrigin: 'WISH',
        weeklyHours: 30,
        companyPseudonym: companyPseudonymUnder(pseudonymKey, 'c-evaluation-1'),
      });
    });

    it('gives a company the same pseudonym in every export, and one unlike any young person\u2019s', async () => {
      // Act
      const first = await exportAll();
      const second = await exportAll();
      // Assess
      const companiesOf = async (dataset: Dataset) =>
        (await readRows(dataset.placementFile)).map((row) => row.companyPseudonym);
      const companies = await companiesOf(first);
      expect(companies).toEqual(await companiesOf(second));
      expect(new Set(companies).size).toBe(2);
      for (const company of companies) expect(company).toMatch(/^[0-9a-f]{64}$/);
      const youth = (await readRows(first.youthFile)).map((row) => row.pseudonym);
      for (const company of companies) expect(youth).not.toContain(company);
    });

    it('writes a codebook beside the files naming exactly the columns each file carries', async () => {
      // Act
      const dataset = await exportAll();
      // Assess: JSON beside the files, one entry per column of every row, with a type and meaning.
      expect(dataset.codebookFile).toBe(join(dataset.location, 'codebook.json'));
      expect((await readdir(dataset.location)).sort()).toEqual([
        'codebook.json',
        'codebook.md',
        'control.jsonl',
        'placements.jsonl',
        'youth.jsonl',
      ]);
      const codebook = JSON.parse(await readFile(dataset.codebookFile ?? '', 'utf8')) as {
        files: Array<{ file: string; columns: Array<Record<string, unknown>> }>;
      };
      const filesAsWritten = {
        'youth.jsonl': await readRows(dataset.youthFile),
        'placements.jsonl': await readRows(dataset.placementFile),
      };
      // No lottery here: the control file's columns are checked where one is drawn
      // (evaluation-export-lottery.test.ts).
      expect(codebook.files.map((file) => file.file).sort()).toEqual(
        [...Object.keys(filesAsWritten), 'control.jsonl'].sort(),
      );
      for (const file of codebook.files.filter((each) => each.file !== 'control.jsonl')) {
        const rows = filesAsWritten[file.file as keyof typeof filesAsWritten];
        expect(rows.length, file.file).toBeGreaterThan(0);
        const named = file.columns.map((column) => column.name).sort();
        for (const row of rows) expect(Object.keys(row).sort(), file.file).toEqual(named);
        for (const column of file.columns) {
          expect(column.meaning, String(column.name)).toEqual(expect.any(String));
          expect(column.type, String(column.name)).toEqual(expect.any(String));
        }
      }
      const origin = codebook.files
        .find((file) => file.file === 'placements.jsonl')
        ?.columns.find((column) => column.name === 'placementOrigin');
      expect(origin).toMatchObject({
        type: 'code',
        nullable: true,
        values: ['WISH', 'INVITATION', 'STAFF'],
      });
      const markdown = await readFile(join(dataset.location, 'codebook.md'), 'utf8');
      expect(markdown).toContain('| placementOrigin | code or null |');
    });

    it('leaves out feedback given after the last day observed, as a follow-up not yet due', async () => {
      // Act: the company rated the placement on 2026-02-20
      const before = await exportAll({ from: '2026-01-01', to: '2026-02-19' });
      const on = await exportAll({ from: '2026-01-01', to: '2026-02-20' });
      // Assess
      const [placementBefore] = await readRows(before.placementFile);
      const [placementOn] = await readRows(on.placementFile);
      expect(placementBefore?.feedbackRatings).toMatchObject({ companyMidway: null });
      expect(placementOn?.feedbackRatings).toMatchObject({ companyMidway: 4 });
    });

    it('holds no direct identifier in any column', async () => {
      // Prepare: everything that names or identifies a person, a company or a record.
      const people = [consenting, consentingInKobenhavn, neverAsked, withdrawn];
      const forbidden = [
        ...people.flatMap((person) => [
          person.id,
          person.name,
          ...person.name.split(' '),
          person.phone,
          person.phone.slice(3),
          person.email ?? '',
          person.dateOfBirth,
          ...person.barriers,
          ...person.interests,
          ...person.workWishes,
        ]),
        ...placementIds,
        'c-evaluation-1',
        'c-evaluation-2',
        'c-evaluation-opp',
        `staff-${ROSKILDE}-1`,
        'Lære faget',
        'Mentor hver uge',
        'Test',
        'Indskrevet i NEXTWORK',
      ].filter((text) => text.length > 0);
      // Act
      const dataset = await exportAll();
      // Assess: the columns are exactly the documented ones, and no text anywhere holds an identifier.
      const youthRows = await readRows(dataset.youthFile);
      const placementRows = await readRows(dataset.placementFile);
      for (const row of youthRows) expect(Object.keys(row).sort()).toEqual(YOUTH_COLUMNS);
      for (const row of placementRows) expect(Object.keys(row).sort()).toEqual(PLACEMENT_COLUMNS);
      for (const row of [...youthRows, ...placementRows]) {
        expect(row.pseudonym, 'a pseudonym is an HMAC-SHA256 in hex').toMatch(/^[0-9a-f]{64}$/);
      }
      for (const row of placementRows) {
        expect(row.companyPseudonym, 'an HMAC-SHA256 in hex').toMatch(/^[0-9a-f]{64}$/);
      }
      // The pseudonyms are hex: a run of digits in one is no CPR number.
      const texts = [...youthRows, ...placementRows].flatMap(
        ({ pseudonym: _pseudonym, companyPseudonym: _company, ...rest }) => everyText(rest),
      );
      for (const text of texts) {
        for (const identifier of forbidden) expect(text).not.toContain(identifier);
        expect(text, 'a CPR-like number').not.toMatch(/\d{6}-?\d{4}/);
        expect(text, 'a phone number').not.toMatch(/\+45\d{8}/);
        expect(text, 'an email address').not.toMatch(/@/);
        expect(text, 'a full date of birth').not.toMatch(/^(19|20)0\d-\d{2}-\d{2}$/);
      }
    });

    it('gives the same young person the same pseudonym in two exports', async () => {
      // Act
      const first = await exportAll();
      const second = await exportAll();
      // Assess
      const pseudonymsOf = async (dataset: Dataset) =>
        (await readRows(dataset.youthFile)).map((row) => row.pseudonym);
      expect(second.location).not.toBe(first.location);
      expect(await pseudonymsOf(second)).toEqual(await pseudonymsOf(first));
    });

    it('gives different pseudonyms under a different key', async () => {
      // Prepare
      const first = await exportAll();
      process.env.PSEUDONYM_KEY = randomBytes(32).toString('hex');
      // Act
      let second: Dataset;
      try {
        second = await exportAll();
      } finally {
        process.env.PSEUDONYM_KEY = pseudonymKey;
      }
      // Assess
      const before = (await readRows(first.youthFile)).map((row) => row.pseudonym);
      const after = (await readRows(second.youthFile)).map((row) => row.pseudonym);
      expect(after).toHaveLength(before.length);
      for (const pseudonym of after) expect(before).not.toContain(pseudonym);
    });

    it('leaves out young people enrolled outside the period', async () => {
      // Act
      const dataset = await exportAll({ from: '2026-02-01', to: '2026-06-30' });
      // Assess
      const pseudonyms = (await readRows(dataset.youthFile)).map((row) => row.pseudonym);
      expect(pseudonyms).toEqual([pseudonymUnder(pseudonymKey, consentingInKobenhavn.id)]);
      expect(dataset.to).toBe('2026-06-30');
    });

    it('is audit-logged as an export, without personal data', async () => {
      // Act
      await exportAll({ municipalityCodes: [KOBENHAVN] });
      // Assess
      const items = await auditItemsOfDay(table, '2026-11-26');
      const exports = items.filter(
        (item) => item.target === 'Mutation.exportEvaluationDataset' && item.action === 'EXPORT',
      );
      expect(exports.length).toBeGreaterThan(0);
      expect(exports[0]).toMatchObject({ role: 'PROGRAMME' });
      expect(exports[0]?.youthId).toBeUndefined();
    });
  });

  describe('exactly once', () => {
    it('answers a repeated export with the same dataset and writes no more files or items', async () => {
      // Prepare
      const input = { municipalityCodes: [ROSKILDE], idempotencyKey: 'evaluation-once-1' };
      const first = await exportAll(input);
      const before = {
        files: await readdir(exportDir),
        items: await scanWholeTable(table),
      };
      // Act
      const again = await exportAll(input);
      const reused = await run(programmeIdentity(), {
        input: { ...input, municipalityCodes: [KOBENHAVN] },
      });
      // Assess
      expect(again).toEqual(first);
      expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect({
        files: await readdir(exportDir),
        items: await scanWholeTable(table),
      }).toEqual(before);
    });
  });

  describe('a large municipality', () => {
    const VEJLE = '630';
    const CONSENTING = 230;
    let large: Table;
    let counting: DataSubjectDispatcher;
    const calls: DataSubjectSubgraph[] = [];

    beforeAll(async () => {
      large = await createTestTable();
      await saveMunicipalities(large, [{ code: VEJLE, name: 'Vejle' }]);
      // Profiles as older items were written: without their own timeline (the history is read).
      await large.putMany(
        Array.from({ length: CONSENTING + 20 }, (_, n) =>
          YouthEntity.toItem(
            aYouth({
              id: `y-vejle-${n}`,
              municipalityCode: VEJLE,
              researchConsent: n < CONSENTING ? CONSENTED : { ...CONSENTED, given: false },
            }),
          ),
        ),
      );
      const local = createLocalDataSubjectDispatcher(large);
      counting = {
        send(subgraph, request) {
          calls.push(subgraph);
          return local.send(subgraph, request);
        },
      };
    });

    it('is read page by page: one call per subgraph and page of 100, every consenting row written', async () => {
      // Act
      const result = await execute<{ exportEvaluationDataset: { dataset: Dataset | null } }>(
        server,
        testContext(large, programmeIdentity(), NOW, { dataSubjects: counting }),
        EXPORT,
        { input: {} },
      );
      // Assess
      expect(result.errors).toBeUndefined();
      const dataset = result.data?.exportEvaluationDataset.dataset;
      expect(dataset?.youthRows).toBe(CONSENTING);
      expect(await readRows(dataset?.youthFile ?? '')).toHaveLength(CONSENTING);
      expect(calls.filter((subgraph) => subgraph === 'placements')).toHaveLength(3);
      expect(calls.filter((subgraph) => subgraph === 'learning-community')).toHaveLength(3);
      expect(calls).not.toContain('people');
    });
  });
});
