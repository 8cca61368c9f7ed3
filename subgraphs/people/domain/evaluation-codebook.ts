import { ACTIVITY_KINDS } from '#kernel/activity-log';
import {
  OUTCOME_KINDS,
  PLACEMENT_ORIGIN_KINDS,
  PLACEMENT_STATUSES,
} from '#placements/published/placement-codes';
import type {
  EvaluationControlRow,
  EvaluationPlacementRow,
  EvaluationYouthRow,
} from './evaluation-export-rows.ts';
import { TIE_STRENGTHS } from './evaluation-tie-columns.ts';
import { WeeklyStatusSchema } from './weekly-status.ts';
import { BenefitCategorySchema, EducationLevelSchema, GenderSchema } from './youth.ts';

/**
 * The codebook of the researchers' evaluation dataset (#21): for every file and every column
 * its type, meaning and allowed values, written beside the files. One table per file, typed by
 * the file's row: a column added to a row without its entry here fails the type check, and an
 * entry for a column the row lacks does too. Allowed values come from the domain's own lists.
 *
 * Adding a column: one line in the file's table, `name: column('integer', 'What it counts.')`.
 */

/** A column's type as it appears in the JSON Lines files. */
export type ColumnType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'month'
  | 'code'
  | 'object'
  | 'array';

/** One column's entry. */
export interface CodebookColumn {
  type: ColumnType;
  /** Whether the column may be null. */
  nullable: boolean;
  meaning: string;
  /** The allowed values of a code (or of the code inside an object or list). */
  values?: readonly string[];
}

/** A codebook table: exactly one entry for every column of a row. */
type CodebookTable<Row> = { readonly [Column in keyof Required<Row>]: CodebookColumn };

/**
 * A column's entry.
 *
 * @param type - its type; `?` at the end (`'integer?'`) when it may be null
 * @param meaning - what it holds, in a sentence
 * @param values - the allowed values of a code
 */
function column(
  type: ColumnType | `${ColumnType}?`,
  meaning: string,
  values?: readonly string[],
): CodebookColumn {
  const nullable = type.endsWith('?');
  const base = (nullable ? type.slice(0, -1) : type) as ColumnType;
  return values ? { type: base, nullable, meaning, values } : { type: base, nullable, meaning };
}

const FOLLOW_UPS = 'Object {after3Months, after6Months, after12Months}: boolean, null until due';

/** The columns of `youth.jsonl`: one row per consenting young person. */
export const YOUTH_CODEBOOK: CodebookTable<EvaluationYouthRow> = {
  pseudonym: column('string', 'The young person: HMAC-SHA256 of their id, stable across exports.'),
  municipalityCode: column('string', 'The municipality (its four-digit code).'),
  enrolmentMonth: column('month', 'The month of enrolment, YYYY-MM.'),
  ageBandAtEnrolment: column('code', 'Age band at enrolment.', ['15-17', '18-24', '25-29', '30+']),
  enrolledWithAgeException: column('boolean', 'Enrolled outside the target group 18–29.'),
  benefitCategory: column('code', 'Benefit category.', BenefitCategorySchema.options),
  statusAtEnd: column(
    'code?',
    'Weekly status in the last week observed.',
    WeeklyStatusSchema.options,
  ),
  placementCount: column('integer', 'Placements started by the last day observed.'),
  inEducationOrJobAfterEnrolment: column('object', `After enrolment. ${FOLLOW_UPS}.`),
  weeksInEducationOrJob: column('integer', 'Weeks in education or a job.'),
  fallBacks: column('integer', 'Times back from education or a job to neither.'),
  attendance: column('object', 'Network sessions {present, absent, excused}: integer counts.'),
  youthPeerTies: column('integer', 'Other young people tied to through youth groups.'),
  weeklyStatus: column(
    'array',
    'One entry per ISO week since enrolment: {week: YYYY-Www, status: code}.',
    WeeklyStatusSchema.options,
  ),
  selfAssessment: column(
    'object',
    'Self-assessments: {count, first, latest: {date, occasion, itemsVersion, overall 1–5}, items: {key: {first, latest}}}.',
  ),
  workStories: column('object', 'Work stories {written, sharedWithGroup, sharedWithCompany}.'),
  companyTies: column('integer', 'Companies tied to by the last day observed.'),
  companyTiesBeforeFirstPlacement: column(
    'integer?',
    'Of those, companies met before the first placement; null with no placement.',
  ),
  strongestTie: column('code?', 'The strongest tie to any company.', TIE_STRENGTHS),
  weeksOnPassiveSupport: column(
    'integer?',
    'Weeks on passive support (weekly status UNKNOWN or PAUSED) of the first 52 ISO weeks from the week of enrolment, 0–52; null until the first year is complete on the last day observed.',
  ),
  gender: column(
    'code?',
    'Gender at enrolment; null when not recorded (enrolled before it was asked).',
    GenderSchema.options,
  ),
  highestCompletedEducation: column(
    'code?',
    'Highest completed education at enrolment (Danish levels, ISCED 2011); null when not recorded.',
    EducationLevelSchema.options,
  ),
  staffMinutes: column(
    'integer',
    'Staff minutes logged about the young person in the activity log, all so far (not cut at the last day observed).',
  ),
  staffMinutesByKind: column(
    'object',
    'The same minutes by kind of activity {kind: integer}; every kind present.',
    ACTIVITY_KINDS,
  ),
  studyArm: column(
    'code?',
    'The study arm drawn by lottery; null when the young person was not assigned by lottery by the last day observed.',
    ['TREATMENT'],
  ),
  studyAssignedOn: column('date?', 'The day of the lottery draw, YYYY-MM-DD; null as studyArm.'),
  benefitCategoryAtEnrolment: column(
    'code?',
    'Benefit category at enrolment; null for young people enrolled before it was kept.',
    BenefitCategorySchema.options,
  ),
};

/** The columns of `placements.jsonl`: one row per placement of a consenting young person. */
export const PLACEMENT_CODEBOOK: CodebookTable<EvaluationPlacementRow> = {
  pseudonym: column('string', 'The young person (as in youth.jsonl).'),
  municipalityCode: column('string', 'The municipality (its four-digit code).'),
  placementNumber: column(
    'integer',
    'The placement’s number in the young person’s history, 1 first.',
  ),
  startDate: column('date', 'First day, YYYY-MM-DD.'),
  endDate: column('date', 'Last day agreed, YYYY-MM-DD.'),
  status: column('code', 'Where the placement is in its course.', PLACEMENT_STATUSES),
  outcomeKind: column('code?', 'How it ended or what came next.', OUTCOME_KINDS),
  outcomeDate: column('date?', 'The day of the outcome.'),
  followUps: column(
    'array',
    'Retention follow-ups {step, outcomeKind, dueDate, stillThere}; outcomeKind as above.',
    OUTCOME_KINDS,
  ),
  inEducationOrJobAfterEnd: column('object', `After the placement ended. ${FOLLOW_UPS}.`),
  fromWishAnsweredByCompany: column(
    'boolean',
    'From the young person’s wish, answered by an invitation.',
  ),
  feedbackRatings: column(
    'object',
    'Ratings 1–5 {youthMidway, youthEnd, companyMidway, companyEnd}, null where none was given.',
  ),
  placementOrigin: column(
    'code?',
    'How it came about: WISH or INVITATION (chosen by the young person) or STAFF (arranged by the team).',
    PLACEMENT_ORIGIN_KINDS,
  ),
  companyPseudonym: column('string?', 'The company: HMAC-SHA256 of its id, stable across exports.'),
  weeklyHours: column('integer?', 'Agreed weekly hours, 1–37; null where not reported.'),
};

/** The columns of `control.jsonl`: one row per control entry of a municipality's lottery. */
export const CONTROL_CODEBOOK: CodebookTable<EvaluationControlRow> = {
  pseudonym: column(
    'string',
    'The person: HMAC-SHA256 of the municipality’s own reference under the pseudonym key; the reference is never stored.',
  ),
  municipalityCode: column('string', 'The municipality (its four-digit code).'),
  arm: column('code', 'The study arm.', ['CONTROL']),
  assignedOn: column('date', 'The day of the lottery draw, YYYY-MM-DD.'),
  birthYear: column('integer', 'Year of birth, 1900–2100.'),
  gender: column('code', 'Gender at the draw.', GenderSchema.options),
  highestCompletedEducation: column(
    'code',
    'Highest completed education at the draw (Danish levels, ISCED 2011).',
    EducationLevelSchema.options,
  ),
  benefitCategory: column('code', 'Benefit category at the draw.', BenefitCategorySchema.options),
};

/** A file of the dataset and its columns, as the codebook lists them. */
export interface CodebookFile {
  file: string;
  row: string;
  columns: Array<{ name: string } & CodebookColumn>;
}

function fileOf(file: string, row: string, table: Record<string, CodebookColumn>): CodebookFile {
  return { file, row, columns: Object.entries(table).map(([name, entry]) => ({ name, ...entry })) };
}

/**
 * The codebook of the dataset's files.
 *
 * @param files - the names of the youth and placement files
 */
export function codebookOf(files: {
  youth: string;
  placements: string;
  control: string;
}): CodebookFile[] {
  return [
    fileOf(files.youth, 'One consenting young person.', YOUTH_CODEBOOK),
    fileOf(files.placements, 'One placement of a consenting young person.', PLACEMENT_CODEBOOK),
    fileOf(
      files.control,
      'One person drawn for the control group by a municipality’s lottery (not enrolled).',
      CONTROL_CODEBOOK,
    ),
  ];
}

/** The codebook as JSON, machine-readable. */
export function codebookJson(codebook: readonly CodebookFile[]): string {
  return `${JSON.stringify({ files: codebook }, null, 2)}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The codebook as Markdown, one table per file, for people reading it. */
export function codebookMarkdown(codebook: readonly CodebookFile[]): string {
  const sections = codebook.map((file) => {
    const rows = file.columns.map(
      (entry) =>
        `| ${entry.name} | ${entry.type}${entry.nullable ? ' or null' : ''} | ${cell(entry.meaning)} | ${(entry.values ?? []).join(', ')} |`,
    );
    return [
      `## ${file.file}`,
      '',
      file.row,
      '',
      '| Column | Type | Meaning | Allowed values |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
  });
  return `# Evaluation dataset codebook\n\n${sections.join('\n\n')}\n`;
}
