import * as z from 'zod';
import { requireIdentity } from '#kernel/authorisation';
import type { SubgraphContext } from '#kernel/context';
import { DATA_SUBJECT_SUBGRAPHS, type DataSubjectDispatcher } from '#kernel/data-subject';
import { DomainRuleError, ForbiddenError } from '#kernel/errors';
import { EntityIdSchema, parseInput } from '#kernel/validation';
import { findErasure, readProfileItem, reserveStubId } from '../repository/erasure-repository.ts';
import { YOUTH_RULE } from './youth-commands.ts';

/**
 * GDPR art. 17, the right to erasure: every item about a young person in every subgraph is
 * deleted or irreversibly anonymised. Items the programme figures are counted from become
 * anonymous stubs under one new random id (no name, contact, CPR, free text or the old id), so
 * the figures and a recount from the raw data still agree; everything else is deleted.
 *
 * Only the data protection officer of the young person's municipality may erase: erasure is
 * irreversible, and whether an exception of art. 17(3) applies (e.g. the municipality's duty to
 * keep case records) is the DPO's legal assessment, not a team decision. The ground is one of
 * art. 17(1)'s, as a code, never free text — the audit item must carry no personal data.
 *
 * The erasure is audit-logged as `ERASURE` with the old id, the municipality and the ground. The
 * old id is a random identifier: once the profile is gone, nothing in NEXTWORK links it to a
 * person, and the audit trail must be able to answer "was this young person's data erased, when
 * and by whom" (accountability, art. 5(2)) for its retention period. The audit trail (and with it
 * every earlier audit record naming the id) is kept under the art. 17(3)(b) exception, and
 * expires after `AUDIT_RETENTION_DAYS`.
 */

/** The grounds of art. 17(1) a data protection officer erases on. */
export const ErasureGroundSchema = z.enum([
  'NO_LONGER_NECESSARY',
  'CONSENT_WITHDRAWN',
  'OBJECTION',
  'UNLAWFUL_PROCESSING',
  'LEGAL_OBLIGATION',
  'CHILD_INFORMATION_SOCIETY',
]);

/** The input of `eraseYouth`. */
export const EraseYouthInputSchema = z.object({
  youthId: EntityIdSchema,
  reason: ErasureGroundSchema,
});

/** Stable code of the user error when something must end before the young person is erased. */
export const ERASURE_BLOCKED = 'ERASURE_BLOCKED';

/** What an erasure did. */
export interface YouthErasure {
  /** The erased young person's (old) id, as asked. */
  youthId: string;
  /** When it was erased (for an earlier erasure: when that was audited). */
  erasedAt: string;
  /** True when the young person had been erased already: nothing changed now. */
  alreadyErased: boolean;
  itemsDeleted: number;
  itemsAnonymised: number;
}

/**
 * Erases a young person in every subgraph. Nothing changes when refused; a stopped erasure is
 * finished by running it again; erasing an erased young person changes nothing and says so.
 *
 * @param context - the request
 * @param rawInput - `EraseYouthInput`
 * @param dispatcher - reaches every subgraph's data-subject handler
 */
export async function eraseYouth(
  context: SubgraphContext,
  rawInput: unknown,
  dispatcher: DataSubjectDispatcher = context.services.dataSubjects(),
): Promise<YouthErasure> {
  const identity = requireIdentity(context);
  if (identity.role !== 'DATA_PROTECTION_OFFICER') {
    throw new ForbiddenError('Only the data protection officer erases a young person');
  }
  const input = parseInput(EraseYouthInputSchema, rawInput);
  const profile = await readProfileItem(context.table, input.youthId);
  if (!profile) {
    const erasedAt = await findErasure(context.table, input.youthId);
    if (!erasedAt) {
      throw new DomainRuleError(YOUTH_RULE.NOT_FOUND, 'No such young person', ['youthId']);
    }
    return {
      youthId: input.youthId,
      erasedAt,
      alreadyErased: true,
      itemsDeleted: 0,
      itemsAnonymised: 0,
    };
  }
  const municipalityCode = String(profile.municipalityCode);
  if (identity.municipalityCode !== municipalityCode) {
    throw new ForbiddenError("Only the data protection officer of the young person's municipality");
  }
  const checks = await Promise.all(
    DATA_SUBJECT_SUBGRAPHS.map((subgraph) =>
      dispatcher.send(subgraph, { operation: 'check', youthId: input.youthId }),
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
  const stubYouthId = await reserveStubId(context.table, profile, context.now());
  let itemsDeleted = 0;
  let itemsAnonymised = 0;
  // In order: people last, since its profile marks an erasure that has not finished.
  for (const subgraph of DATA_SUBJECT_SUBGRAPHS) {
    const result = await dispatcher.send(subgraph, {
      operation: 'erase',
      youthId: input.youthId,
      stubYouthId,
    });
    itemsDeleted += result.deleted;
    itemsAnonymised += result.anonymised;
  }
  context.audit.record({
    action: 'ERASURE',
    target: 'Mutation.eraseYouth',
    youthId: input.youthId,
    municipalityCode,
    reason: input.reason,
  });
  context.logger.info('Young person erased', {
    youthId: input.youthId,
    itemsDeleted,
    itemsAnonymised,
  });
  return {
    youthId: input.youthId,
    erasedAt: context.now().toISOString(),
    alreadyErased: false,
    itemsDeleted,
    itemsAnonymised,
  };
}
