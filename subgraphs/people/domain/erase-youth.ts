import * as z from 'zod';
import { defineCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { DATA_SUBJECT_SUBGRAPHS, type DataSubjectDispatcher } from '#kernel/data-subject';
import { DomainRuleError } from '#kernel/errors';
import { EntityIdSchema } from '#kernel/validation';
import type { ErasureGround } from '../generated/resolvers-types.ts';
import {
  findErasure,
  type ProfileToErase,
  readProfileToErase,
  reserveStubId,
} from '../repository/erasure-repository.ts';
import { recordErasure } from './erasure-ledger.ts';
import { valuesOf } from './sdl-enum.ts';
import { requireYouthFound } from './youth-rules.ts';

/**
 * GDPR art. 17, the right to erasure: every item about a young person in every subgraph is
 * deleted or irreversibly anonymised. Items the programme figures are counted from become
 * anonymous stubs under one new random id (no name, contact, CPR, free text or the old id), so
 * the figures and a recount from the raw data still agree; everything else is deleted.
 *
 * Only the data protection officer of the young person's municipality may erase
 * (`DATA_SUBJECT_ACCESS.eraseYouth`). The ground is one of art. 17(1)'s, as a code, never free
 * text — the audit item must carry no personal data.
 *
 * The erasure is audit-logged as `ERASURE` with the old id, the municipality and the ground. The
 * old id is a random identifier: once the profile is gone, nothing in NEXTWORK links it to a
 * person, and the audit trail must be able to answer "was this young person's data erased, when
 * and by whom" (accountability, art. 5(2)) for its retention period. The audit trail (and with it
 * every earlier audit record naming the id) is kept under the art. 17(3)(b) exception, and
 * expires after `AUDIT_RETENTION_DAYS`.
 */

/** The grounds of art. 17(1) a data protection officer erases on (the SDL's `ErasureGround`). */
export const ErasureGroundSchema = z.enum(
  valuesOf<ErasureGround>()([
    'NO_LONGER_NECESSARY',
    'CONSENT_WITHDRAWN',
    'OBJECTION',
    'UNLAWFUL_PROCESSING',
    'LEGAL_OBLIGATION',
    'CHILD_INFORMATION_SOCIETY',
  ]),
);

/** The input of `eraseYouth`. */
export const EraseYouthInputSchema = z.object({
  youthId: EntityIdSchema,
  reason: ErasureGroundSchema,
});

/** Stable code of the user error when something must end before the young person is erased. */
export const ERASURE_BLOCKED = 'ERASURE_BLOCKED';

/** What an erasure did: the receipt, ids and counts only. */
export const YouthErasureSchema = z.object({
  /** The erased young person's (old) id, as asked. */
  youthId: z.string(),
  /** When it was erased (for an earlier erasure: when that was audited). */
  erasedAt: z.string(),
  /** True when the young person had been erased already: nothing changed now. */
  alreadyErased: z.boolean(),
  itemsDeleted: z.number().int(),
  itemsAnonymised: z.number().int(),
  /** The young person's municipality, for the audit record (not in the payload). */
  municipalityCode: z.string().optional(),
});

/** What an erasure did. */
export type YouthErasure = z.infer<typeof YouthErasureSchema>;

/** The receipt of a young person erased before: nothing changes now. */
async function earlierErasure(context: SubgraphContext, youthId: string): Promise<YouthErasure> {
  const earlier = requireYouthFound(await findErasure(context.table, youthId));
  return {
    youthId,
    erasedAt: earlier.at,
    alreadyErased: true,
    itemsDeleted: 0,
    itemsAnonymised: 0,
    municipalityCode: earlier.municipalityCode,
  };
}

/** Refuses, with `ERASURE_BLOCKED`, an erasure another subgraph says must wait. */
async function requireNothingBlocks(
  dispatcher: DataSubjectDispatcher,
  youthId: string,
): Promise<void> {
  const checks = await Promise.all(
    DATA_SUBJECT_SUBGRAPHS.map((subgraph) =>
      dispatcher.send(subgraph, { operation: 'check', youthId }),
    ),
  );
  const blockers = [...new Set(checks.flatMap((check) => check.blockers))].sort();
  if (blockers.length > 0) {
    throw new DomainRuleError(
      ERASURE_BLOCKED,
      `The young person cannot be erased yet: ${blockers.join(', ')} (end or interrupt the placement first)`,
      ['youthId'],
    );
  }
}

/** Erases the young person in every subgraph, people last: its profile marks an unfinished erasure. */
async function eraseEverywhere(
  context: SubgraphContext,
  dispatcher: DataSubjectDispatcher,
  profile: ProfileToErase,
): Promise<YouthErasure> {
  const youthId = profile.youth.id;
  const stubYouthId = await reserveStubId(context.table, profile, context.now());
  let itemsDeleted = 0;
  let itemsAnonymised = 0;
  for (const subgraph of DATA_SUBJECT_SUBGRAPHS) {
    const result = await dispatcher.send(subgraph, { operation: 'erase', youthId, stubYouthId });
    itemsDeleted += result.deleted;
    itemsAnonymised += result.anonymised;
  }
  return {
    youthId,
    erasedAt: context.now().toISOString(),
    alreadyErased: false,
    itemsDeleted,
    itemsAnonymised,
    municipalityCode: profile.youth.municipalityCode,
  };
}

/**
 * `eraseYouth`: erases a young person in every subgraph. Nothing changes when refused; erasing
 * an erased young person changes nothing and says so.
 *
 * Unlike every other command, it changes the table before its unit of work commits: each
 * subgraph's data-subject function erases its own items (`context.services.dataSubjects()`),
 * and the unit then commits only the `ERASURE` audit record (with the idempotency record, when
 * the client sent a key). That is safe because the erasure is idempotent: a run that stops
 * half-way — or whose commit fails — is finished by running it again, which finds the stub id
 * reserved on the profile and erases what is left; once the profile is gone, a run answers from
 * the audit record.
 */
export const eraseYouthCommand = defineCommand({
  name: 'eraseYouth',
  input: EraseYouthInputSchema,
  auditAction: 'ERASURE',
  async execute(context, input, work) {
    const profile = await readProfileToErase(context.table, input.youthId);
    if (!profile) return earlierErasure(context, input.youthId);
    const dispatcher = context.services.dataSubjects();
    await requireNothingBlocks(dispatcher, input.youthId);
    // Their sign-in first: a failure stops the erasure before anything is gone, and a repeat
    // (which still finds the profile, so the e-mail address) deletes a deleted user again.
    await context.services
      .signIn()
      .deleteUser({ nextworkId: profile.youth.id, username: profile.youth.email });
    const erasure = await eraseEverywhere(context, dispatcher, profile);
    const { youthId, itemsDeleted, itemsAnonymised } = erasure;
    work.afterCommit(async () => {
      context.logger.info('Young person erased', { youthId, itemsDeleted, itemsAnonymised });
      // Outside the table, so that an erasure after a restore point is found and done again.
      // After the commit: the ledger names only erasures that happened.
      const municipalityCode = profile.youth.municipalityCode;
      const entry = { youthId, municipalityCode, ground: input.reason, erasedAt: erasure.erasedAt };
      try {
        await recordErasure(context.services.exports(), entry);
      } catch (error) {
        context.metrics.count('ErasuresNotInLedger', {});
        context.logger.error('Erasure not recorded in the erasure ledger', {
          youthId,
          error: error as Error,
        });
      }
    });
    return erasure;
  },
  about: (_input, erasure) => ({
    youthId: erasure.youthId,
    municipalityCode: erasure.municipalityCode,
  }),
  auditReason: (input) => input.reason,
  // The receipt is ids and counts: no personal data.
  remember: (erasure) => erasure,
  recall: async (_context, remembered) => YouthErasureSchema.parse(remembered),
});
