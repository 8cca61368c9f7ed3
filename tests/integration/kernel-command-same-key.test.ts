import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineCommand, runCommand } from '#kernel/command';
import { defineEntity } from '#kernel/entity';
import { DomainRuleError, requireVersion } from '#kernel/errors';
import type { Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/** A seat of the tests' own: one holder at a time, versioned. */
const SeatSchema = z.object({
  id: z.string(),
  holder: z.string().nullable(),
  row: z.number().int(),
  version: z.number().int(),
});
type Seat = z.infer<typeof SeatSchema>;
const seatKey = (id: string) => ({ pk: `SEAT#${id}`, sk: `SEAT#${id}` });
const SeatEntity = defineEntity<Seat>({
  name: 'KernelTestSeat',
  schema: SeatSchema,
  key: (seat) => seatKey(seat.id),
});

/**
 * What runs between a call's look for its key's record and its reads: a client's earlier
 * request with the same key, still running when the client sent it again, committing there.
 */
let meanwhile: (() => Promise<unknown>) | undefined;

async function seatAfterMeanwhile(
  context: Parameters<typeof runCommand>[0],
  seatId: string,
): Promise<Seat> {
  const run = meanwhile;
  meanwhile = undefined;
  await run?.();
  return (await SeatEntity.loadOne(context.loader, seatKey(seatId))) as Seat;
}

const claimSeat = defineCommand({
  name: 'claimSeat',
  input: z.object({ seatId: z.string(), holder: z.string() }),
  async execute(context, input, work) {
    const seat = await seatAfterMeanwhile(context, input.seatId);
    if (seat.holder) throw new DomainRuleError('SEAT_TAKEN', 'The seat is taken', ['seatId']);
    return work.change(SeatEntity, seat, { holder: input.holder });
  },
  remember: (seat) => ({ id: seat.id }),
  async recall(context, remembered) {
    const { id } = remembered as { id: string };
    return (await SeatEntity.loadOne(context.loader, seatKey(id))) as Seat;
  },
});

const moveSeat = defineCommand({
  name: 'moveSeat',
  input: z.object({ seatId: z.string(), row: z.number().int(), expectedVersion: z.number() }),
  async execute(context, input, work) {
    const seat = await seatAfterMeanwhile(context, input.seatId);
    requireVersion('The seat', input.expectedVersion, seat.version);
    return work.change(SeatEntity, seat, { row: input.row });
  },
  remember: (seat) => ({ id: seat.id }),
  recall: claimSeat.recall,
});

/**
 * A change sent again with its key while the first request still runs (issue 16, §1): when the
 * first commits after the second looked for the key's record, the second meets the first's
 * change — a rule it breaks, a version moved — and must answer as the first did, not refuse its
 * own change.
 */
describe('kernel: a call whose change a call with the same key committed meanwhile', () => {
  let table: Table;
  const context = () => testContext(table, staffIdentity('265'), new Date());

  async function givenSeat(): Promise<Seat> {
    const seat = { id: randomUUID(), holder: null, row: 1, version: 1 };
    await table.put(SeatEntity.toItem(seat));
    return seat;
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('answers as the first call when the rule it now breaks was broken by that call', async () => {
    // Prepare
    const seat = await givenSeat();
    const input = { seatId: seat.id, holder: 'Ada', idempotencyKey: randomUUID() };
    let first: Seat | undefined;
    meanwhile = async () => {
      first = await runCommand(context(), claimSeat, input);
    };
    // Act
    const again = await runCommand(context(), claimSeat, input);
    // Assess
    expect(first).toEqual({ ...seat, holder: 'Ada', version: 2 });
    expect(again).toEqual(first);
    expect(await SeatEntity.read(table, seatKey(seat.id))).toEqual(first);
  });

  it('answers as the first call when the version it expected was moved by that call', async () => {
    // Prepare
    const seat = await givenSeat();
    const input = { seatId: seat.id, row: 7, expectedVersion: 1, idempotencyKey: randomUUID() };
    let first: Seat | undefined;
    meanwhile = async () => {
      first = await runCommand(context(), moveSeat, input);
    };
    // Act
    const again = await runCommand(context(), moveSeat, input);
    // Assess
    expect(again).toEqual({ ...seat, row: 7, version: 2 });
    expect(again).toEqual(first);
    expect(await SeatEntity.read(table, seatKey(seat.id))).toEqual(first);
  });

  it('still refuses when the change it meets was made with another key', async () => {
    // Prepare
    const seat = await givenSeat();
    meanwhile = () =>
      runCommand(context(), claimSeat, {
        seatId: seat.id,
        holder: 'Ada',
        idempotencyKey: randomUUID(),
      });
    // Act
    const other = runCommand(context(), claimSeat, {
      seatId: seat.id,
      holder: 'Bo',
      idempotencyKey: randomUUID(),
    });
    // Assess
    await expect(other).rejects.toBeInstanceOf(DomainRuleError);
    expect(await SeatEntity.read(table, seatKey(seat.id))).toMatchObject({ holder: 'Ada' });
  });
});
