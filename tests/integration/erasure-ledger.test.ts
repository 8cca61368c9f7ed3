import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyTableAsOfNow } from '#infra/local/point-in-time-copy';
import { type ExportSink, FileExportSink } from '#kernel/export-sink';
import type { Table } from '#kernel/table/table';
import {
  ERASURE_LEDGER,
  type ErasureLedgerEntry,
  ErasureLedgerEntrySchema,
} from '#people/domain/erasure-ledger';
import { reapplyErasures } from '#people/maintenance/reapply-erasures';
import { youthKey } from '#people/repository/youth-entity';
import { server } from '#people/server';
import { testContext, testServices } from '../support/context.ts';
import { captureEmf } from '../support/emf.ts';
import { execute } from '../support/execute.ts';
import {
  dataProtectionOfficerIdentity,
  givenMunicipalities,
  givenTeam,
  givenYouth,
  ROSKILDE,
} from '../support/people-factories.ts';
import { createTestTable } from '../support/table.ts';

/**
 * The erasure ledger, kept outside the table: every erasure adds an entry (ids, codes and a
 * time), and after a restore the erasures from the restore point on are done again on the
 * restored table through the same command, once.
 */

const ERASE = `mutation ($input: EraseYouthInput!) {
  eraseYouth(input: $input) { erasure { youthId alreadyErased } errors { code } }
}`;
const NOW = new Date('2026-11-26T10:00:00Z');

describe('the erasure ledger', () => {
  let table: Table;
  let exportsDir: string;
  let sink: FileExportSink;

  const ledger = async (): Promise<ErasureLedgerEntry[]> => {
    const folder = join(exportsDir, ERASURE_LEDGER);
    const files = await readdir(folder).catch(() => [] as string[]);
    return Promise.all(
      files.map(async (file) =>
        ErasureLedgerEntrySchema.strict().parse(
          JSON.parse(await readFile(join(folder, file), 'utf8')),
        ),
      ),
    );
  };

  beforeAll(async () => {
    table = await createTestTable();
    await givenMunicipalities(table);
    await givenTeam(table, ROSKILDE);
    exportsDir = await mkdtemp(join(tmpdir(), 'erasure-ledger-'));
    sink = new FileExportSink(exportsDir);
  });

  it('records each erasure, and re-applies those after the restore point to the restored table once', async () => {
    // Prepare: two young people; the moment copied; then one of them erased
    const erasedBefore = await givenYouth(table, { municipalityCode: ROSKILDE });
    const erasedAfter = await givenYouth(table, { municipalityCode: ROSKILDE });
    const dpo = testContext(
      table,
      dataProtectionOfficerIdentity(ROSKILDE),
      new Date('2026-11-20T10:00:00Z'),
      {
        exports: sink,
      },
    );
    await execute(server, dpo, ERASE, {
      input: { youthId: erasedBefore.id, reason: 'CONSENT_WITHDRAWN' },
    });
    const restored = await copyTableAsOfNow(table, `${table.name}-restored`);
    const erasing = testContext(table, dataProtectionOfficerIdentity(ROSKILDE), NOW, {
      exports: sink,
    });
    const erased = await execute(server, erasing, ERASE, {
      input: { youthId: erasedAfter.id, reason: 'NO_LONGER_NECESSARY' },
    });
    const entries = await ledger();
    const cameBack = await restored.get(youthKey(erasedAfter.id));
    const services = testServices(restored, { exports: sink });
    // Act
    const first = await reapplyErasures(restored, services, entries, '2026-11-25T00:00:00Z', NOW);
    const second = await reapplyErasures(restored, services, entries, '2026-11-25T00:00:00Z', NOW);
    // Assess
    expect(erased.errors).toBeUndefined();
    expect(entries.sort((a, b) => a.erasedAt.localeCompare(b.erasedAt))).toEqual([
      {
        youthId: erasedBefore.id,
        municipalityCode: ROSKILDE,
        ground: 'CONSENT_WITHDRAWN',
        erasedAt: '2026-11-20T10:00:00.000Z',
      },
      {
        youthId: erasedAfter.id,
        municipalityCode: ROSKILDE,
        ground: 'NO_LONGER_NECESSARY',
        erasedAt: NOW.toISOString(),
      },
    ]);
    expect(cameBack).toBeDefined();
    expect(await restored.get(youthKey(erasedAfter.id))).toBeUndefined();
    expect(first).toMatchObject({ considered: 1, erased: [erasedAfter.id], failed: [] });
    expect(second).toMatchObject({ considered: 1, erased: [], alreadyErased: 1, failed: [] });
    expect(await ledger()).toHaveLength(2);
  });

  it('counts an erasure the ledger missed for its alarm, and the erasure still stands', async () => {
    // Prepare: a ledger that cannot be written
    const person = await givenYouth(table, { municipalityCode: ROSKILDE });
    const unwritable: ExportSink = {
      locationOf: (name) => name,
      write: async () => {
        throw new Error('the bucket refused the write');
      },
    };
    const emf = captureEmf();
    // Act
    const erased = await execute(
      server,
      testContext(table, dataProtectionOfficerIdentity(ROSKILDE), NOW, { exports: unwritable }),
      ERASE,
      { input: { youthId: person.id, reason: 'CONSENT_WITHDRAWN' } },
    );
    emf.restore();
    // Assess
    expect(erased.errors).toBeUndefined();
    expect(await table.get(youthKey(person.id))).toBeUndefined();
    expect(emf.metric('ErasuresNotInLedger')).toEqual([
      { namespace: 'NEXTWORK', service: 'nextwork', stage: 'local', value: 1 },
    ]);
  });
});
