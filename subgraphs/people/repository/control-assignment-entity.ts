import { defineEntity } from '#kernel/entity';
import { type ItemKey, key } from '#kernel/keys';
import { sharedKeys } from '#kernel/shared-keys';
import type { Table } from '#kernel/table/table';
import { type ControlAssignment, ControlAssignmentSchema } from '../domain/study-assignment.ts';

/**
 * A control group entry lives in the municipality's partition (`sk CONTROL#<pseudonym>`): the
 * pseudonym is the key, so a repeat of the same reference finds the entry without the
 * reference ever being stored, and the export lists a municipality's entries with one query.
 */

const CONTROL_PREFIX = 'CONTROL';

/** Primary key of a control entry. */
export function controlAssignmentKey(
  entry: Pick<ControlAssignment, 'municipalityCode' | 'pseudonym'>,
): ItemKey {
  return {
    pk: sharedKeys.municipality(entry.municipalityCode).pk,
    sk: key(CONTROL_PREFIX, entry.pseudonym),
  };
}

/** A control group entry of a municipality's lottery. */
export const ControlAssignmentEntity = defineEntity<ControlAssignment>({
  name: 'ControlAssignment',
  schema: ControlAssignmentSchema,
  key: controlAssignmentKey,
});

/** The entry under a pseudonym, read strongly consistent (a command deciding on it). */
export function readControlAssignment(
  table: Table,
  municipalityCode: string,
  pseudonym: string,
): Promise<ControlAssignment | undefined> {
  return ControlAssignmentEntity.read(table, controlAssignmentKey({ municipalityCode, pseudonym }));
}

/** A municipality's control entries: one query of its partition, paged until done. */
export function listControlAssignments(
  table: Table,
  municipalityCode: string,
): Promise<ControlAssignment[]> {
  return ControlAssignmentEntity.readAll(table, {
    partition: sharedKeys.municipality(municipalityCode).pk,
    beginsWith: `${CONTROL_PREFIX}#`,
  });
}
