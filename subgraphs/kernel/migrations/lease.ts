import type { Condition } from '../table/expressions.ts';
import { ConditionFailedError, type Table, type TransactAction } from '../table/table.ts';
import { LEASE_KEY } from './ledger.ts';

/**
 * The lease that lets one runner at a time apply migrations: an item taken with a conditional
 * put (free, expired, or already ours) and given back with a conditional delete. It expires, so
 * a runner that died (a killed process, a Lambda out of time) does not block the next one for
 * longer than `ttlMs`; a runner renews it with every checkpoint it saves (`renewal`), in the same
 * transaction, so a runner that lost it can no longer move a checkpoint on.
 */
export class Lease {
  /**
   * @param table - the table
   * @param holder - this runner's id
   * @param ttlMs - how long the lease holds without renewal
   * @param now - the clock, in milliseconds
   */
  constructor(
    private readonly table: Table,
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes the lease; false when another runner holds it and it has not expired. */
  async take(): Promise<boolean> {
    const now = this.now();
    try {
      await this.table.put(
        { ...LEASE_KEY, holder: this.holder, expiresAt: now + this.ttlMs },
        {
          expression: 'attribute_not_exists(pk) OR expiresAt < :now OR holder = :holder',
          values: { ':now': now, ':holder': this.holder },
        },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  /** The transaction action that renews the lease, and fails the transaction unless ours. */
  renewal(): TransactAction {
    return {
      update: LEASE_KEY,
      spec: { set: { expiresAt: this.now() + this.ttlMs } },
      condition: this.ours(),
    };
  }

  /** Gives the lease back (nothing when it is no longer ours). */
  async release(): Promise<void> {
    try {
      await this.table.transact([{ delete: LEASE_KEY, condition: this.ours() }]);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
  }

  private ours(): Condition {
    return { expression: 'holder = :holder', values: { ':holder': this.holder } };
  }
}
