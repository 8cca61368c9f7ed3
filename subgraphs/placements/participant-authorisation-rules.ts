import { allGuardedByParent, anyOf, staffOfMunicipality } from '#kernel/common-rules';
import { type FieldRule, fieldRule, personal } from '#kernel/field-rules';
import type { ParticipantTaskView } from './domain/participant-task.ts';
import type { PlacementFeedback } from './domain/placement-feedback.ts';

/**
 * The authorisation rules of the participants' tasks and of feedback on a placement
 * (`docs/authorisation.md`). Spread into `placementsRules` (`authorisation-rules.ts`).
 *
 * - A participant task is its assignee's: the young person's own, or (feedback asked of the
 *   company) any contact of the company while they are its contact; and the team's.
 * - Feedback: the team of the placement's municipality sees both sides; the young person sees
 *   both (the company's words are about them, and the power shift means they hear them); a
 *   company contact sees its own company's only, as the young person's words may touch on their
 *   circumstances, which company users never see. The programme office sees counts only.
 */

/** The side a record is of, and its parties. */
interface SidedRecord {
  youthId: string;
  /** Null on the enrolment self-assessment, which is of no company. */
  companyId: string | null;
  municipalityCode: string;
}

/** The young person, a contact of the company for the company's side, or the team. */
function sideOrTeam<Parent extends SidedRecord>(
  sideOf: (record: Parent) => 'YOUTH' | 'COMPANY',
): FieldRule<Parent> {
  return anyOf<Parent>(
    fieldRule(
      'theYoungPersonThemself',
      (identity, record) => identity.role === 'YOUTH' && identity.youthId === record.youthId,
    ),
    fieldRule(
      'aContactOfTheCompanyForItsOwnSide',
      (identity, record) =>
        identity.role === 'COMPANY_CONTACT' &&
        identity.companyId === record.companyId &&
        sideOf(record) === 'COMPANY',
    ),
    staffOfMunicipality((record) => record.municipalityCode),
  );
}

const taskRule = sideOrTeam<ParticipantTaskView>((task) => task.assignee);
const feedbackRule = sideOrTeam<PlacementFeedback>((feedback) => feedback.side);

/** `Query` fields. */
export const PARTICIPANT_QUERY_RULES = {
  myTasks: fieldRule(
    'aParticipant: a young person or a company contact',
    (identity) => identity.role === 'YOUTH' || identity.role === 'COMPANY_CONTACT',
  ),
};

/** `Placement` fields (the placement's own rule admitted the caller to the placement). */
export const PARTICIPANT_PLACEMENT_RULES = {
  participantTasks: staffOfMunicipality(
    (placement: { municipalityCode: string }) => placement.municipalityCode,
  ),
  // Each item is filtered to what the caller may see; the field is for the placement's parties.
  feedback: personal(
    anyOf<SidedRecord>(
      fieldRule(
        'aPartyToThePlacement',
        (identity, placement) =>
          (identity.role === 'YOUTH' && identity.youthId === placement.youthId) ||
          (identity.role === 'COMPANY_CONTACT' && identity.companyId === placement.companyId),
      ),
      staffOfMunicipality((placement) => placement.municipalityCode),
    ),
  ),
};

const TASK_FIELDS = [
  'id',
  'kind',
  'occasion',
  'assignee',
  'title',
  'placement',
  'openedAt',
  'dueDate',
  'done',
  'doneAt',
] as const;

const FEEDBACK_FIELDS = [
  'id',
  'placement',
  'side',
  'occasion',
  'rating',
  'whatWorked',
  'whatToChange',
  'givenAt',
] as const;

const FEEDBACK_TEXT: ReadonlySet<string> = new Set(['whatWorked', 'whatToChange']);

/** The participants' own types. */
export const PARTICIPANT_TYPE_RULES = {
  ParticipantTask: Object.fromEntries(TASK_FIELDS.map((field) => [field, taskRule])),
  // The giver's own words about the placement: personal data of the young person.
  PlacementFeedback: Object.fromEntries(
    FEEDBACK_FIELDS.map((field) => [
      field,
      FEEDBACK_TEXT.has(field) ? personal(feedbackRule) : feedbackRule,
    ]),
  ),
  PlacementFeedbackPayload: allGuardedByParent('Mutation', ['feedback', 'errors']),
};
