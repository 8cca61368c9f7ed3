import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { CursorKey } from '#kernel/cursor';
import { type DataSubjectDispatcher, forEachLimited } from '#kernel/data-subject';
import { BadUserInputError, ForbiddenError } from '#kernel/errors';
import type { ExportSink } from '#kernel/export-sink';
import { parsePeriod } from '#kernel/figures-period';
import { danishToday } from '#kernel/today';
import { IsoDateSchema, MunicipalityCodeSchema, parseInput } from '#kernel/validation';
import {
  type EvaluationYouth,
  readEvaluationYouthPage,
} from '../repository/evaluation-repository.ts';
import { listMunicipalities } from '../repository/municipality-repository.ts';
import {
  type EvaluationPlacementRow,
  type EvaluationYouthRow,
  evaluationRowsOf,
  LearningColumnsSchema,
  PlacementsColumnsSchema,
} from './evaluation-export-rows.ts';
import { type Pseudonymiser, pseudonymiserFromEnvironment } from './pseudonym.ts';

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

/** How many municipalities are read at once. */
const PARALLEL_MUNICIPALITIES = 4;

/** What `exportEvaluationDataset` returns: where, how many rows, the period, when. */
export interface EvaluationDataset {
  location: string;
  youthFile: string;
  placementFile: string;
  youthRows: number;
  placementRows: number;
  from: string;
  to: string;
  municipalityCodes: string[];
  generatedAt: string;
}

/** What the export needs beyond the request; each one from the environment unless given. */
export interface EvaluationExportDependencies {
  dispatcher?: DataSubjectDispatcher;
  sink?: ExportSink;
  pseudonymiser?: Pseudonymiser;
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

/** The rows of one page of consenting young people, their other facts fetched by id. */
async function rowsOfPage(
  subjects: readonly EvaluationYouth[],
  until: string,
  dispatcher: DataSubjectDispatcher,
  pseudonymise: Pseudonymiser,
): Promise<{ youth: EvaluationYouthRow[]; placements: EvaluationPlacementRow[] }> {
  const youthIds = subjects.map((subject) => subject.youth.id);
  const request = { operation: 'evaluationRows', youthIds, until } as const;
  const [placementAnswer, learningAnswer] = await Promise.all([
    dispatcher.send('placements', request),
    dispatcher.send('learning-community', request),
  ]);
  const youthRows: EvaluationYouthRow[] = [];
  const placementRows: EvaluationPlacementRow[] = [];
  for (const subject of subjects) {
    const id = subject.youth.id;
    const { placements } = PlacementsColumnsSchema.parse(placementAnswer.rows[id] ?? {});
    const { attendance } = LearningColumnsSchema.parse(learningAnswer.rows[id] ?? {});
    const rows = evaluationRowsOf(
      {
        pseudonym: pseudonymise(id),
        youth: subject.youth,
        timeline: subject.timeline,
        placements,
        attendance,
      },
      until,
    );
    youthRows.push(rows.youth);
    placementRows.push(...rows.placements);
  }
  return { youth: youthRows, placements: placementRows };
}

function byPseudonym<T extends { pseudonym: string }>(a: T, b: T): number {
  return a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0;
}

function jsonLines(rows: readonly unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/**
 * Produces the evaluation dataset and writes it to the export sink.
 *
 * @param context - the request
 * @param rawInput - `ExportEvaluationDatasetInput`
 * @param dependencies - dispatcher, sink and pseudonymiser (from the environment by default)
 */
export async function exportEvaluationDataset(
  context: SubgraphContext,
  rawInput: unknown,
  dependencies: EvaluationExportDependencies = {},
): Promise<EvaluationDataset> {
  const identity = requireIdentity(context);
  if (identity.role !== 'PROGRAMME') {
    throw new ForbiddenError('The evaluation export is open to the programme office only');
  }
  const input = parseInput(ExportEvaluationDatasetInputSchema, rawInput);
  const today = danishToday(context.now());
  const period = parsePeriod(input, today);
  // The last day observed: the period's end, or today when that is earlier (ISO dates sort).
  const until = [period.to, today].sort()[0] as string;
  const municipalityCodes = await municipalitiesToExport(context, input.municipalityCodes);
  const dispatcher = dependencies.dispatcher ?? context.services.dataSubjects();
  const sink = dependencies.sink ?? context.services.exports();
  const pseudonymise = dependencies.pseudonymiser ?? (await pseudonymiserFromEnvironment());

  const youthRows: EvaluationYouthRow[] = [];
  const placementRows: EvaluationPlacementRow[] = [];
  // Municipalities a few at a time, each page by page: the export's time grows with the largest
  // municipality rather than with the sum, and memory holds rows, never a whole listing.
  await forEachLimited(
    municipalityCodes,
    async (municipalityCode) => {
      let next: CursorKey | undefined;
      do {
        const page = await readEvaluationYouthPage(context.table, municipalityCode, next);
        const included = page.youth.filter((subject) => isIncluded(subject, period.from, until));
        if (included.length > 0) {
          const rows = await rowsOfPage(included, until, dispatcher, pseudonymise);
          youthRows.push(...rows.youth);
          placementRows.push(...rows.placements);
        }
        next = page.next;
      } while (next);
    },
    PARALLEL_MUNICIPALITIES,
  );
  // Sorted by pseudonym: the listing's order (status, enrolment day, id) must not show through.
  youthRows.sort(byPseudonym);
  placementRows.sort((a, b) => byPseudonym(a, b) || a.placementNumber - b.placementNumber);

  const generatedAt = context.now().toISOString();
  const exportName = `evaluation-${generatedAt.replace(/[^0-9]/g, '').slice(0, 14)}-${randomBytes(4).toString('hex')}`;
  const [youthFile, placementFile] = await Promise.all([
    sink.write(exportName, YOUTH_FILE, jsonLines(youthRows)),
    sink.write(exportName, PLACEMENT_FILE, jsonLines(placementRows)),
  ]);
  context.audit.record({ action: 'EXPORT', target: 'Mutation.exportEvaluationDataset' });
  context.logger.info('Evaluation dataset exported', {
    exportName,
    municipalities: municipalityCodes.length,
    youthRows: youthRows.length,
    placementRows: placementRows.length,
  });
  return {
    location: sink.locationOf(exportName),
    youthFile,
    placementFile,
    youthRows: youthRows.length,
    placementRows: placementRows.length,
    from: period.from,
    to: until,
    municipalityCodes,
    generatedAt,
  };
}
