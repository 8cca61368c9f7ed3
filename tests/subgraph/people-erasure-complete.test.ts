import { beforeAll, describe, expect, it } from 'vitest';
import { createRateLimitedCounter, rateLimitedCountKey } from '#gateway/rate-limited-count';
import {
  AUDIT_KEYS,
  auditWhoOf,
  createAuditTrail,
  DEFAULT_AUDIT_RETENTION_DAYS,
  ERASED_SUBJECT,
} from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { sharedKeys } from '#kernel/shared-keys';
import type { Item, Table } from '#kernel/table/table';
import { server } from '#people/server';
import { auditItemsOfDay } from '../support/audit-days.ts';
import { testContext } from '../support/context.ts';
import { execute } from '../support/execute.ts';
import { staffIdentity, youthIdentity } from '../support/identities.ts';
import {
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { RecordingSignInDirectory } from '../support/sign-in.ts';
import { createTestTable } from '../support/table.ts';

/**
 * Issue 18, class 6: an erasure deletes the young person's sign-in, and the audit records they
 * made no longer carry their identity provider's subject — wherever those records are.
 */

const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { youthId alreadyErased } errors { code } }
}`;

describe('people subgraph: an erasure that leaves no sign-in and no subject behind', () => {
  let table: Table;
  const dpo = dataProtectionOfficerIdentity(ROSKILDE);

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
  });

  /** Writes audit events as a caller's request would. */
  async function audited(
    caller: Identity,
    events: Parameters<ReturnType<typeof createAuditTrail>['record']>[0][],
  ) {
    const trail = createAuditTrail({
      table,
      who: auditWhoOf(caller),
      correlationId: 'erasure-test',
      now: () => new Date('2026-11-20T10:00:00Z'),
      retentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
    });
    for (const event of events) trail.record(event);
    await trail.flush();
  }

  function erase(youthId: string, signIn: RecordingSignInDirectory) {
    return execute(server, testContext(table, dpo, undefined, { signIn }), ERASE, {
      input: { youthId, reason: 'CONSENT_WITHDRAWN' },
    });
  }

  async function auditItems(partition: string): Promise<Item[]> {
    return table.queryAll({ partition });
  }

  it('deletes the young person’s user by their id and e-mail address', async () => {
    // Prepare
    const person = await givenYouth(table, { email: 'ida@example.dk' });
    const signIn = new RecordingSignInDirectory();
    // Act
    const result = await erase(person.id, signIn);
    // Assess
    expect(result.data?.eraseYouth).toMatchObject({ errors: [] });
    expect(signIn.deleted).toEqual([{ nextworkId: person.id, username: 'ida@example.dk' }]);
  });

  it('erases nothing while the sign-in cannot be deleted, and finishes when asked again', async () => {
    // Prepare
    const person = await givenYouth(table, { email: 'bo@example.dk' });
    const signIn = new RecordingSignInDirectory();
    signIn.failNext = 1;
    // Act
    const failed = await erase(person.id, signIn);
    const profileAfterFailure = await table.get(sharedKeys.youth(person.id));
    const again = await erase(person.id, signIn);
    // Assess
    expect(failed.errors).toBeDefined();
    expect(profileAfterFailure).toBeDefined();
    expect(again.data?.eraseYouth).toMatchObject({ erasure: { alreadyErased: false } });
    expect(signIn.deleted).toEqual([{ nextworkId: person.id, username: 'bo@example.dk' }]);
  });

  it('replaces their subject in every record they made, and no one else’s', async () => {
    // Prepare
    const person = await givenYouth(table);
    const other = await givenYouth(table);
    const themself = youthIdentity(ROSKILDE, person.id);
    const someoneElse = youthIdentity(ROSKILDE, other.id);
    const consultant = staffIdentity(ROSKILDE);
    await audited(themself, [
      { action: 'CHANGE', target: 'Mutation.createWish', youthId: person.id },
      {
        action: 'REFUSED',
        target: 'Query.youth',
        youthId: other.id,
        municipalityCode: ROSKILDE,
        reason: 'FORBIDDEN',
      },
      { action: 'REFUSED', target: 'gateway:depth', reason: 'QUERY_TOO_DEEP' },
    ]);
    await audited(someoneElse, [
      {
        action: 'REFUSED',
        target: 'Query.youth',
        youthId: person.id,
        municipalityCode: ROSKILDE,
        reason: 'FORBIDDEN',
      },
    ]);
    await audited(consultant, [{ action: 'READ', target: 'Youth.barriers', youthId: person.id }]);
    const countRateLimited = createRateLimitedCounter({
      table,
      retentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
      now: () => Date.parse('2026-11-20T10:00:00Z'),
    });
    await countRateLimited(themself, 'erasure-test');
    await countRateLimited(themself, 'erasure-test');
    const rateLimitedKey = rateLimitedCountKey(
      themself.subject,
      Math.floor(Date.parse('2026-11-20T10:00:00Z') / 60_000),
    );
    // Act
    const result = await erase(person.id, new RecordingSignInDirectory());
    // Assess
    expect(result.data?.eraseYouth).toMatchObject({ errors: [] });
    const ownPartition = await auditItems(AUDIT_KEYS.youthPartition(person.id));
    const otherPartition = await auditItems(AUDIT_KEYS.youthPartition(other.id));
    const dayPartition = await auditItemsOfDay(table, '2026-11-20');
    const rateLimited = await table.get(rateLimitedKey);
    const everywhere: Item[] = [...ownPartition, ...otherPartition, ...dayPartition];
    if (rateLimited) everywhere.push(rateLimited);
    expect(everywhere.filter((item) => item.subject === themself.subject)).toEqual([]);
    expect(
      everywhere
        .filter((item) => item.subject === ERASED_SUBJECT)
        .map((item) => item.target)
        .sort(),
    ).toEqual(['Mutation.createWish', 'Query.youth', 'gateway:depth', 'gateway:rate-limit']);
    expect(rateLimited?.count).toBe(2);
    expect(ownPartition.map((item) => item.subject)).toEqual(
      expect.arrayContaining([someoneElse.subject, consultant.subject]),
    );
    const stillListed = await table.queryAll({
      index: 'gsi2',
      partition: AUDIT_KEYS.actorPartition(person.id),
    });
    expect(stillListed).toEqual([]);
  });
});
