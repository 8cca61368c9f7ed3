import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import type { ItemLoader } from '#kernel/entity-loader';
import { ConflictError, DomainRuleError, NotFoundError } from '#kernel/errors';
import { newId } from '#kernel/keys';
import {
  EntityIdSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import { shareLearning } from '../repository/practice-learning-repository.ts';
import { loadSharedStaff } from '../repository/shared-items-repository.ts';
import {
  createGathering,
  createTraining,
  getGathering,
  saveGathering,
} from '../repository/united-repository.ts';
import { requireAnyStaff, requireUnitedOrganiser } from './access.ts';
import { MAX_TAGS, type PracticeLearning, TagSchema } from './practice-learning.ts';
import { TeamTrainerSchema, type TeamTraining } from './team-training.ts';
import {
  type GatheringParticipant,
  GatheringParticipantSchema,
  type UnitedGathering,
} from './united-gathering.ts';

/** Input of `sharePracticeLearning`. */
export const SharePracticeLearningInputSchema = z.object({
  title: textSchema(200),
  body: textSchema(8000),
  tags: z
    .array(TagSchema)
    .max(MAX_TAGS, `must hold at most ${MAX_TAGS} tags`)
    .transform((tags) => [...new Set(tags)]),
});

const periodRefinement = {
  message: 'must not be before startDate',
  path: ['endDate'],
};

/** A participant as the API takes it (absent fields as null), stored without the nulls. */
const ParticipantInputSchema = z
  .object({
    kind: z.enum(['TEAM', 'MANAGEMENT']),
    staffId: EntityIdSchema.nullish(),
    municipalityCode: MunicipalityCodeSchema.nullish(),
    role: textSchema(100),
  })
  .transform(
    ({ kind, staffId, municipalityCode, role }): GatheringParticipant => ({
      kind,
      role,
      ...(staffId ? { staffId } : {}),
      ...(municipalityCode ? { municipalityCode } : {}),
    }),
  )
  .pipe(GatheringParticipantSchema);

/** Input of `planUnitedGathering`. */
export const PlanUnitedGatheringInputSchema = z
  .object({
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    hostMunicipalityCode: MunicipalityCodeSchema,
    participants: z.array(ParticipantInputSchema).max(100),
    agenda: z.array(textSchema(300)).max(30),
  })
  .refine((g) => g.startDate <= g.endDate, periodRefinement);

/** Input of `recordGatheringOutcomes`. */
export const RecordGatheringOutcomesInputSchema = z.object({
  id: EntityIdSchema,
  version: z.number().int().min(1),
  outcomes: z.array(textSchema(1000)).max(30),
});

/** Input of `recordTeamTraining`. */
export const RecordTeamTrainingInputSchema = z
  .object({
    trainedMunicipalityCode: MunicipalityCodeSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    trainers: z.array(TeamTrainerSchema).min(1).max(20),
    topics: z.array(textSchema(300)).max(30),
  })
  .refine((t) => t.startDate <= t.endDate, periodRefinement);

/**
 * Checks that every named team member exists on the named municipality's team (one batch), or a
 * rule error on the first that does not.
 */
async function assertStaffExist(
  loader: ItemLoader,
  people: ReadonlyArray<{ staffId?: string | undefined; municipalityCode?: string | undefined }>,
  listPath: string,
): Promise<void> {
  const named = people.flatMap((p, index) =>
    p.staffId && p.municipalityCode
      ? [{ staffId: p.staffId, municipalityCode: p.municipalityCode, index }]
      : [],
  );
  const found = await loadSharedStaff(
    loader,
    named.map((p) => p.staffId),
  );
  named.forEach((person, i) => {
    if (found[i]?.municipalityCode !== person.municipalityCode) {
      throw new DomainRuleError(
        'STAFF_NOT_FOUND',
        `${person.staffId} is not on the team of ${person.municipalityCode}`,
        [listPath, String(person.index), 'staffId'],
      );
    }
  });
}

/** Shares a learning with NEXTWORK United on behalf of the caller's team. */
export async function sharePracticeLearning(
  context: SubgraphContext,
  input: z.infer<typeof SharePracticeLearningInputSchema>,
): Promise<PracticeLearning> {
  const staff = requireAnyStaff(requireIdentity(context));
  const now = context.now();
  const learning: PracticeLearning = {
    id: newId(now.getTime()),
    title: input.title,
    body: input.body,
    tags: input.tags,
    municipalityCode: staff.municipalityCode,
    sharedByStaffId: staff.staffId,
    sharedAt: now.toISOString(),
  };
  await shareLearning(context.table, learning);
  return learning;
}

/** Plans a gathering (the programme office or a team leader). */
export async function planUnitedGathering(
  context: SubgraphContext,
  input: z.infer<typeof PlanUnitedGatheringInputSchema>,
): Promise<UnitedGathering> {
  requireUnitedOrganiser(requireIdentity(context));
  await assertStaffExist(context.loader, input.participants, 'participants');
  const now = context.now();
  const gathering: UnitedGathering = {
    id: newId(now.getTime()),
    startDate: input.startDate,
    endDate: input.endDate,
    hostMunicipalityCode: input.hostMunicipalityCode,
    participants: input.participants,
    agenda: input.agenda,
    outcomes: [],
    createdAt: now.toISOString(),
    version: 1,
  };
  await createGathering(context.table, gathering);
  return gathering;
}

/** Records a gathering's outcomes, replacing earlier ones (the programme office or a team leader). */
export async function recordGatheringOutcomes(
  context: SubgraphContext,
  input: z.infer<typeof RecordGatheringOutcomesInputSchema>,
): Promise<UnitedGathering> {
  requireUnitedOrganiser(requireIdentity(context));
  const gathering = await getGathering(context.table, input.id);
  if (!gathering) throw new NotFoundError('No such gathering');
  if (gathering.version !== input.version) throw new ConflictError();
  const after = { ...gathering, outcomes: input.outcomes, version: gathering.version + 1 };
  await saveGathering(context.table, gathering, after);
  return after;
}

/** Records the training of a new team (the programme office or a team leader). */
export async function recordTeamTraining(
  context: SubgraphContext,
  input: z.infer<typeof RecordTeamTrainingInputSchema>,
): Promise<TeamTraining> {
  requireUnitedOrganiser(requireIdentity(context));
  await assertStaffExist(context.loader, input.trainers, 'trainers');
  const now = context.now();
  const training: TeamTraining = {
    id: newId(now.getTime()),
    trainedMunicipalityCode: input.trainedMunicipalityCode,
    startDate: input.startDate,
    endDate: input.endDate,
    trainers: input.trainers,
    topics: input.topics,
    recordedAt: now.toISOString(),
  };
  await createTraining(context.table, training);
  return training;
}
