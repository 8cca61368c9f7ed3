import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { type ActivityMinutes, noMinutes } from '#kernel/activity-log';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import type { CursorKey } from '#kernel/cursor';
import { type DataSubjectDispatcher, forEachLimited } from '#kernel/data-subject';
import {
  PROGRAMME_START,
  programmeStart,
  requireDateInRange,
  todayBound,
} from '#kernel/date-bounds';
import { BadUserInputError, DateOutOfRangeError } from '#kernel/errors';
import { parsePeriod } from '#kernel/figures-period';
import { danishToday } from '#kernel/today';
import { IsoDateSchema, MunicipalityCodeSchema } from '#kernel/validation';
import { loadStaffMinutes } from '../repository/activity-repository.ts';
import { listControlAssignments } from '../repository/control-assignment-entity.ts';
import {
  type EvaluationYouth,
  readEvaluationYouthPage,
} from '../repository/evaluation-repository.ts';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import { listMunicipalitySelfAssessments } from '../repository/self-assessment-repository.ts';
import { codebookJson, codebookMarkdown, codebookOf } from './evaluation-codebook.ts';
import {
  controlRowsOf,
  type EvaluationControlRow,
  type EvaluationPlacementRow,
  type EvaluationYouthRow,
  evaluationRowsOf,
  LearningColumnsSchema,
  PlacementsColumnsSchema,
} from './evaluation-export-rows.ts';
import { type Pseudonymiser, pseudonymisersFromEnvironment } from './pseudonym.ts';
import type { SelfAssessment } from './self-assessment.ts';
import { byYouth } from './self-assessment-export-columns.ts';

/**
 * The researchers' evaluation export: a pseudonymised dataset of the young people who consent
 * to research, gathered through the one `DataSubjectDispatcher` — people reads its own
 * profiles (a municipality's gsi1 listing, page by page, never a scan), each other subgraph
 * returns its own facts for the page's young people by id, and people replaces the ids by
 * pseudonyms before anything is written. The programme office only; audit-logged as an export.
 */

/** The input of `exportEvaluationDataset`. */
export const ExportEvaluationDatasetInputSchema = z.object({
  from: IsoDateSchema.nullish(),
  to: IsoDateSchema.nullish(),
  municipalityCodes: z.array(MunicipalityCodeSchema).min(1).max(100).nullish(),
});

/** The file of young people's rows. */
export const YOUTH_FILE = 'youth.jsonl';

/** The file of placement rows. */
export const PLACEMENT_FILE = 'placements.jsonl';

/** The file of control group rows (issue #21). */
export const CONTROL_FILE = 'control.jsonl';
/** The codebook of the files, machine-readable, and the same for people reading it. */
export const CODEBOOK_FILE = 'codebook.json';
const CODEBOOK_MARKDOWN_FILE = 'codebook.md';

/** How many municipalities are read at once. */
const PARALLEL_MUNICIPALITIES = 4;

/** What `exportEvaluationDataset` returns: where, how many rows, the period, when. */
export const EvaluationDatasetSchema = z.object({
  location: z.string(),
  youthFile: z.string(),
  placementFile: z.string(),
  // Absent from a dataset remembered before the codebook was written beside the files.
  codebookFile: z.string().nullable().default(null),
  youthRows: z.number().int(),
  placementRows: z.number().int(),
  controlFile: z.string(),
  controlRows: z.number().int(),
  from: z.string(),
  to: z.string(),
  municipalityCodes: z.array(z.string()),
  generatedAt: z.string(),
});

/** A dataset as written. */
export type EvaluationDataset = z.infer<typeof EvaluationDatasetSchema>;

/** The rows of a dataset, in the order they are written. */
interface EvaluationRows {
  youth: EvaluationYouthRow[];
  placements: EvaluationPlacementRow[];
  control: EvaluationControlRow[];
}

/** The municipalities to export: the ones asked for (each must exist) or every one. */
async function municipalitiesToExport(
  context: SubgraphContext,
  asked: readonly string[] | null | undefined,
): Promise<string[]> {
  const known = (await listMunicipalities(context.table)).map((municipality) => municipality.code);
  if (!asked) return known;
  const unknown = asked.filter((code) => !known.includes(code));
  if (unknown.length > 0) {
    throw new BadUserInputError(`Unknown municipality: ${unknown.join(', ')}`, [
      { path: 'municipalityCodes', message: `no municipality has the code ${unknown.join(', ')}` },
    ]);
  }
  return [...new Set(asked)];
}

/** Whether a young person belongs in the dataset: consent given now, enrolled in the period. */
function isIncluded(subject: EvaluationYouth, from: string, to: string): boolean {
  const { youth } = subject;
  return youth.researchConsent.given && youth.enrolledAt >= from && youth.enrolledAt <= to;
}

/** The pseudonymisers of an export: of young people and of companies, under one key. */
type Pseudonymisers = { youth: Pseudonymiser; company: Pseudonymiser };

/** The rows of one page of consenting young people, their other facts fetched by id. */
async function rowsOfPage(
  subjects: readonly EvaluationYouth[],
  until: string,
  dispatcher: DataSubjectDispatcher,
  pseudonymise: Pseudonymisers,
  selfAssessments: ReadonlyMap<string, SelfAssessment[]>,
  staffMinutes: ReadonlyMap<string, ActivityMinutes>,
): Promise<EvaluationRows> {
  const youthIds = subjects.map((subject) => subject.youth.id);
  const request = { operation: 'evaluationRows', youthIds, until } as const;
  const [placementAnswer, learningAnswer] = await Promise.all([
    dispatcher.send('placements', request),
    dispatcher.send('learning-community', request),
  ]);
  const rows: EvaluationRows = { youth: [], placements: [], control: [] };
  for (const subject of subjects) {
    const id = subject.youth.id;
    const { placements, ties } = PlacementsColumnsSchema.parse(placementAnswer.rows[id] ?? {});
    const { attendance, workStories, youthPeerTies } = LearningColumnsSchema.parse(
      learningAnswer.rows[id] ?? {},
    );
    const ofSubject = evaluationRowsOf(
      {
        pseudonym: pseudonymise.youth(id),
        companyPseudonymOf: pseudonymise.company,
        youth: subject.youth,
        timeline: subject.timeline,
        placements,
        attendance,
        workStories,
        youthPeerTies,
        selfAssessments: selfAssessments.get(id) ?? [],
        staffMinutes: staffMinutes.get(id) ?? noMinutes(),
        ties,
      },
      until,
    );
    rows.youth.push(ofSubject.youth);
    rows.placements.push(...ofSubject.placements);
  }
  return rows;
}

function byPseudonym<T extends { pseudonym: string }>(a: T, b: T): number {
  return a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0;
}

function jsonLines(rows: readonly unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/**
 * The rows of every consenting young person of the municipalities, sorted by pseudonym (the
 * listing's order — status, enrolment day, id — must not show through). Municipalities a few at
 * a time, each page by page: the export's time grows with the largest municipality rather than
 * with the sum, and memory holds rows, never a whole listing.
 */
async function rowsOf(
  context: SubgraphContext,
  municipalityCodes: readonly string[],
  period: { from: string; until: string },
): Promise<EvaluationRows> {
  const dispatcher = context.services.dataSubjects();
  const pseudonymise = await pseudonymisersFromEnvironment();
  const rows: EvaluationRows = { youth: [], placements: [], control: [] };
  await forEachLimited(
    municipalityCodes,
    async (municipalityCode) => {
      // The lottery's control group: one query of the municipality's partition.
      rows.control.push(
        ...controlRowsOf(await listControlAssignments(context.table, municipalityCode), period),
      );
      let next: CursorKey | undefined;
      // One query of the municipality's index for every page, not one per young person.
      const selfAssessments = byYouth(
        await listMunicipalitySelfAssessments(
          context.table,
          municipalityCode,
          PROGRAMME_START,
          period.until,
        ),
      );
      do {
        const page = await readEvaluationYouthPage(context.table, municipalityCode, next);
        const included = page.youth.filter((s) => isIncluded(s, period.from, period.until));
        if (included.length > 0) {
          const ofPage = await rowsOfPage(
            included,
            period.until,
            dispatcher,
            pseudonymise,
            selfAssessments,
            await loadStaffMinutes(
              context.table,
              included.map((subject) => subject.youth.id),
            ),
          );
          rows.youth.push(...ofPage.youth);
          rows.placements.push(...ofPage.placements);
        }
        next = page.next;
      } while (next);
    },
    PARALLEL_MUNICIPALITIES,
  );
  rows.youth.sort(byPseudonym);
  rows.control.sort(byPseudonym);
  rows.placements.sort((a, b) => byPseudonym(a, b) || a.placementNumber - b.placementNumber);
  return rows;
}

/** Writes the rows and their codebook to the export sink under a new name; returns where. */
async function writeDataset(context: SubgraphContext, rows: EvaluationRows, generatedAt: string) {
  const sink = context.services.exports();
  const stamp = generatedAt.replace(/[^0-9]/g, '').slice(0, 14);
  const exportName = `evaluation-${stamp}-${randomBytes(4).toString('hex')}`;
  const codebook = codebookOf({
    youth: YOUTH_FILE,
    placements: PLACEMENT_FILE,
    control: CONTROL_FILE,
  });
  const [youthFile, placementFile, controlFile, codebookFile] = await Promise.all([
    sink.write(exportName, YOUTH_FILE, jsonLines(rows.youth)),
    sink.write(exportName, PLACEMENT_FILE, jsonLines(rows.placements)),
    sink.write(exportName, CONTROL_FILE, jsonLines(rows.control)),
    sink.write(exportName, CODEBOOK_FILE, codebookJson(codebook)),
    sink.write(exportName, CODEBOOK_MARKDOWN_FILE, codebookMarkdown(codebook)),
  ]);
  return {
    exportName,
    location: sink.locationOf(exportName),
    youthFile,
    placementFile,
    controlFile,
    codebookFile,
  };
}

/**
 * The period to export, as the figures read it (`parsePeriod`), but with a from before the
 * programme began answered as this mutation's payload error `DATE_OUT_OF_RANGE` on `from`:
 * `parsePeriod` throws it as a GraphQL error, the figures queries' contract.
 */
function periodOf(input: { from?: string | null; to?: string | null }, today: string) {
  try {
    return parsePeriod(input, today);
  } catch (error) {
    if (!(error instanceof DateOutOfRangeError) || !input.from) throw error;
    requireDateInRange(input.from, { notBefore: [programmeStart] }, ['from']);
    throw error;
  }
}

/**
 * `exportEvaluationDataset`: produces the evaluation dataset and writes it to the export sink
 * (the programme office only: the `programmeOffice` rule). It writes nothing to the table but
 * its `EXPORT` audit record (and, with a key, the idempotency record), in one transaction.
 *
 * The files are written before that commit: a commit that fails leaves files no answer points
 * to — pseudonymised rows in the export location, which a retry writes anew.
 */
export const exportEvaluationDatasetCommand = defineCommand({
  name: 'exportEvaluationDataset',
  input: ExportEvaluationDatasetInputSchema,
  auditAction: 'EXPORT',
  async execute(context, input, work): Promise<EvaluationDataset> {
    const today = danishToday(context.now());
    // Checked before the files are written: a refused export leaves nothing behind.
    const period = periodOf(input, today);
    requireDateInRange(period.to, { notAfter: [todayBound(today)] }, ['to']);
    const until = period.to;
    const municipalityCodes = await municipalitiesToExport(context, input.municipalityCodes);
    const rows = await rowsOf(context, municipalityCodes, { from: period.from, until });
    const generatedAt = context.now().toISOString();
    const { exportName, ...written } = await writeDataset(context, rows, generatedAt);
    work.afterCommit(async () => {
      context.logger.info('Evaluation dataset exported', {
        exportName,
        municipalities: municipalityCodes.length,
        youthRows: rows.youth.length,
        placementRows: rows.placements.length,
      });
    });
    return {
      ...written,
      youthRows: rows.youth.length,
      placementRows: rows.placements.length,
      controlRows: rows.control.length,
      from: period.from,
      to: until,
      municipalityCodes,
      generatedAt,
    };
  },
  // Where the files are, their row counts and the period: no personal data (the rows are
  // pseudonymised, and stay in the files).
  remember: (dataset) => dataset,
  recall: async (_context, remembered) => EvaluationDatasetSchema.parse(remembered),
});
