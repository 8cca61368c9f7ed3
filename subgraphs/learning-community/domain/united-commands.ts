import * as z from 'zod';
import { answeredById, defineCommand } from '#kernel/command';
import { planHorizon, programmeStart, requireDateInRange } from '#kernel/date-bounds';
import type { ItemLoader } from '#kernel/entity-loader';
import { DomainRuleError, NotFoundError, requireVersion } from '#kernel/errors';
import { newId } from '#kernel/keys';
import { danishToday } from '#kernel/today';
import {
  EntityIdSchema,
  ExpectedVersionSchema,
  IsoDateSchema,
  MunicipalityCodeSchema,
  textSchema,
} from '#kernel/validation';
import {
  loadSharedStaff,
  municipalityRunsProgramme,
  municipalityStillInProgramme,
} from '../repository/shared-items-repository.ts';
import { TeamTrainingEntity, UnitedGatheringEntity } from '../repository/united-entity.ts';
import { loadGathering, loadTraining } from '../repository/united-repository.ts';
import { TeamTrainerSchema } from './team-training.ts';
import {
  GatheringManagerSchema,
  type GatheringParticipant,
  GatheringParticipantKindSchema,
  GatheringParticipantSchema,
} from './united-gathering.ts';

const periodRefinement = {
  message: 'must not be before startDate',
  path: ['endDate'],
};

/** A participant as the API takes it (absent fields as null), stored without the nulls. */
const ParticipantInputSchema = z
  .object({
    kind: GatheringParticipantKindSchema,
    staffId: EntityIdSchema.nullish(),
    municipalityCode: MunicipalityCodeSchema.nullish(),
    role: textSchema(),
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
    agenda: z.array(textSchema()).max(30),
    managers: z.array(GatheringManagerSchema).max(50).nullish(),
  })
  .refine((g) => g.startDate <= g.endDate, periodRefinement);

/** Input of `recordGatheringOutcomes`. */
export const RecordGatheringOutcomesInputSchema = z.object({
  id: EntityIdSchema,
  expectedVersion: ExpectedVersionSchema,
  outcomes: z.array(textSchema()).max(30),
});

/** Input of `recordTeamTraining`. */
export const RecordTeamTrainingInputSchema = z
  .object({
    trainedMunicipalityCode: MunicipalityCodeSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    trainers: z.array(TeamTrainerSchema).min(1).max(20),
    topics: z.array(textSchema()).max(30),
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

/**
 * Refuses, with `DATE_OUT_OF_RANGE`, a gathering's or training's days before the programme
 * began or further ahead than a plan reaches. (An end before the start is malformed input,
 * refused by the input's schema.)
 *
 * @param period - the first and last day
 * @param now - the clock
 */
function requireProgrammeDays(period: { startDate: string; endDate: string }, now: Date): void {
  const range = { notBefore: [programmeStart], notAfter: [planHorizon(danishToday(now))] };
  requireDateInRange(period.startDate, range, ['startDate']);
  requireDateInRange(period.endDate, range, ['endDate']);
}

/** Checks that a gathering's host runs NEXTWORK, or a rule error on the input's field. */
async function assertHostRunsProgramme(
  loader: ItemLoader,
  code: string,
  field = 'hostMunicipalityCode',
): Promise<void> {
  if (!(await municipalityRunsProgramme(loader, code))) {
    throw new DomainRuleError(
      'MUNICIPALITY_NOT_FOUND',
      'No municipality running NEXTWORK has this code',
      [field],
    );
  }
}

/**
 * Checks that every manager's municipality runs NEXTWORK (one batch), or a rule error on the
 * first that does not.
 */
async function assertManagersMunicipalities(
  loader: ItemLoader,
  managers: ReadonlyArray<{ municipalityCode: string }>,
): Promise<void> {
  const running = await Promise.all(
    managers.map((manager) => municipalityRunsProgramme(loader, manager.municipalityCode)),
  );
  const first = running.indexOf(false);
  if (first >= 0) {
    throw new DomainRuleError(
      'MUNICIPALITY_NOT_FOUND',
      'No municipality running NEXTWORK has this code',
      ['managers', String(first), 'municipalityCode'],
    );
  }
}

/**
 * Plans a gathering (the programme office or a team leader) hosted by a NEXTWORK municipality,
 * with the team members and the municipal managers taking part.
 */
export const planUnitedGatheringCommand = defineCommand({
  name: 'planUnitedGathering',
  input: PlanUnitedGatheringInputSchema,
  async execute(context, input, work) {
    const now = context.now();
    requireProgrammeDays(input, now);
    await assertHostRunsProgramme(context.loader, input.hostMunicipalityCode);
    await assertStaffExist(context.loader, input.participants, 'participants');
    await assertManagersMunicipalities(context.loader, input.managers ?? []);
    return work.create(UnitedGatheringEntity, {
      id: newId(now.getTime()),
      startDate: input.startDate,
      endDate: input.endDate,
      hostMunicipalityCode: input.hostMunicipalityCode,
      participants: input.participants,
      ...(input.managers?.length ? { managers: input.managers } : {}),
      agenda: input.agenda,
      outcomes: [],
      createdAt: now.toISOString(),
      version: 1,
    });
  },
  ...answeredById('The gathering', (context, id) => loadGathering(context.loader, id)),
});

/** Records a gathering's outcomes, replacing earlier ones, at the version the caller read. */
export const recordGatheringOutcomesCommand = defineCommand({
  name: 'recordGatheringOutcomes',
  input: RecordGatheringOutcomesInputSchema,
  async execute(context, input, work) {
    const gathering = await loadGathering(context.loader, input.id);
    if (!gathering) throw new NotFoundError('No such gathering');
    requireVersion('The gathering', input.expectedVersion, gathering.version);
    return work.change(UnitedGatheringEntity, gathering, { outcomes: input.outcomes });
  },
  ...answeredById('The gathering', (context, id) => loadGathering(context.loader, id)),
});

/** Records the training of a new team (the programme office or a team leader). */
export const recordTeamTrainingCommand = defineCommand({
  name: 'recordTeamTraining',
  input: RecordTeamTrainingInputSchema,
  async execute(context, input, work) {
    const now = context.now();
    requireProgrammeDays(input, now);
    // A municipality's new team is trained once it is in the programme (the people subgraph
    // keeps its item); checked again in the transaction, so a municipality removed meanwhile
    // gets no training.
    await assertHostRunsProgramme(
      context.loader,
      input.trainedMunicipalityCode,
      'trainedMunicipalityCode',
    );
    await assertStaffExist(context.loader, input.trainers, 'trainers');
    work.add(municipalityStillInProgramme(input.trainedMunicipalityCode));
    return work.create(TeamTrainingEntity, {
      id: newId(now.getTime()),
      trainedMunicipalityCode: input.trainedMunicipalityCode,
      startDate: input.startDate,
      endDate: input.endDate,
      trainers: input.trainers,
      topics: input.topics,
      recordedAt: now.toISOString(),
    });
  },
  ...answeredById('The team training', (context, id) => loadTraining(context.loader, id)),
});
