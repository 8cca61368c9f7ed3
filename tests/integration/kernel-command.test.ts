import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { AUDIT_KEYS } from '#kernel/audit';
import { defineCommand, runCommand } from '#kernel/command';
import type { SubgraphContext } from '#kernel/context';
import { deadlineIn } from '#kernel/deadline';
import { defineEntity } from '#kernel/entity';
import {
  ConflictError,
  DomainRuleError,
  IdempotencyKeyReusedError,
  requireVersion,
  TemporarilyUnavailableError,
} from '#kernel/errors';
import { newId } from '#kernel/keys';
import type { Table } from '#kernel/table/table';
import { testContext } from '../support/context.ts';
import { staffIdentity } from '../support/identities.ts';
import { createTestTable } from '../support/table.ts';

/** A small entity of the tests' own, so that the kernel is tested apart from any subgraph. */
const NoteSchema = z.object({
  id: z.string(),
  youthId: z.string(),
  text: z.string(),
  version: z.number().int(),
});
type Note = z.infer<typeof NoteSchema>;

const noteKey = (id: string) => ({ pk: `YOUTH#${id}`, sk: `NOTE#${id}` });
const NoteEntity = defineEntity<Note>({
  name: 'KernelTestNote',
  schema: NoteSchema,
  key: (note) => noteKey(note.id),
  indexes: { gsi1: (note) => ({ pk: `NOTES#${note.youthId}`, sk: note.id }) },
});
const COUNTER = { pk: 'STATS#kernel-test', sk: 'NOTES' };

const writeNote = defineCommand({
  name: 'writeNote',
  input: z.object({ youthId: z.string(), text: z.string().min(1) }),
  async execute(context, input, work) {
    if (input.text === 'forbidden words') {
      throw new DomainRuleError('TEXT_REFUSED', 'Not that text', ['text']);
    }
    const note = work.create(NoteEntity, {
      id: newId(context.now().getTime()),
      youthId: input.youthId,
      text: input.text,
      version: 1,
    });
    // Two deltas to one counter item: one update in the transaction.
    work.count(COUNTER, { entity: 'KernelTestCounter' }, { notes: 1 });
    work.count(COUNTER, { entity: 'KernelTestCounter' }, { characters: input.text.length });
    return note;
  },
  remember: (note) => ({ id: note.id }),
  async recall(context, remembered) {
    const { id } = remembered as { id: string };
    const note = await NoteEntity.read(context.table, noteKey(id));
    if (!note) throw new Error('remembered note is gone');
    return note;
  },
});

const editNote = defineCommand({
  name: 'editNote',
  input: z.object({ id: z.string(), text: z.string(), expectedVersion: z.number().int() }),
  async execute(context, input, work) {
    const note = await NoteEntity.read(context.table, noteKey(input.id));
    if (!note) throw new DomainRuleError('NOTE_NOT_FOUND', 'No such note', ['id']);
    requireVersion('The note', input.expectedVersion, note.version);
    return work.change(NoteEntity, note, { text: input.text });
  },
  remember: (note) => ({ id: note.id }),
  async recall(context, remembered) {
    const { id } = remembered as { id: string };
    return (await NoteEntity.read(context.table, noteKey(id))) as Note;
  },
});

describe('kernel: one write path for every command', () => {
  let table: Table;
  const youthId = 'y-kernel-1';
  const context = (): SubgraphContext => testContext(table, staffIdentity('265'), new Date());

  async function notesOf(youth: string): Promise<Note[]> {
    const items = await table.queryAll({ index: 'gsi1', partition: `NOTES#${youth}` });
    return items.map((item) => NoteEntity.fromItem(item));
  }

  async function changeRecordsOf(youth: string) {
    const items = await table.queryAll({ partition: AUDIT_KEYS.youthPartition(youth) });
    return items.filter((item) => item.action === 'CHANGE').map((item) => item.target);
  }

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('commits the change, its counters and its CHANGE audit record together', async () => {
    // Act
    const note = await runCommand(context(), writeNote, { youthId, text: 'first' });
    // Assess
    expect(await notesOf(youthId)).toEqual([note]);
    expect(await changeRecordsOf(youthId)).toEqual(['Mutation.writeNote']);
    const counter = await table.get(COUNTER);
    expect(counter).toMatchObject({ notes: 1, characters: 5 });
  });

  it('writes nothing when a rule is broken, not even the audit record', async () => {
    // Act
    const refused = runCommand(context(), writeNote, {
      youthId: 'y-kernel-refused',
      text: 'forbidden words',
    });
    // Assess
    await expect(refused).rejects.toBeInstanceOf(DomainRuleError);
    expect(await notesOf('y-kernel-refused')).toEqual([]);
    expect(await changeRecordsOf('y-kernel-refused')).toEqual([]);
  });

  describe('with an idempotency key', () => {
    it('answers a repeat with the first call’s result and writes nothing more', async () => {
      // Prepare
      const youth = 'y-kernel-repeat';
      const input = { youthId: youth, text: 'once', idempotencyKey: 'key-repeat-1' };
      const first = await runCommand(context(), writeNote, input);
      // Act
      const again = await runCommand(context(), writeNote, input);
      // Assess
      expect(again).toEqual(first);
      expect(await notesOf(youth)).toHaveLength(1);
      expect(await changeRecordsOf(youth)).toHaveLength(1);
    });

    it('refuses the same key with another input, writing nothing', async () => {
      // Prepare
      const youth = 'y-kernel-reuse';
      await runCommand(context(), writeNote, {
        youthId: youth,
        text: 'one',
        idempotencyKey: 'key-reuse-1',
      });
      // Act
      const reused = runCommand(context(), writeNote, {
        youthId: youth,
        text: 'two',
        idempotencyKey: 'key-reuse-1',
      });
      // Assess
      await expect(reused).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect((await notesOf(youth)).map((note) => note.text)).toEqual(['one']);
    });

    it('lets exactly one of several concurrent calls with one key commit, and all answer alike', async () => {
      // Prepare
      const youth = 'y-kernel-concurrent';
      const input = { youthId: youth, text: 'raced', idempotencyKey: 'key-concurrent-1' };
      // Act
      const results = await Promise.all(
        Array.from({ length: 5 }, () => runCommand(context(), writeNote, input)),
      );
      // Assess
      expect(new Set(results.map((note) => note.id)).size).toBe(1);
      expect(await notesOf(youth)).toHaveLength(1);
      expect(await changeRecordsOf(youth)).toHaveLength(1);
    });

    it('keeps keys apart per person: another person’s same key is a change of its own', async () => {
      // Prepare
      const youth = 'y-kernel-people';
      const input = { youthId: youth, text: 'mine', idempotencyKey: 'key-shared-1' };
      await runCommand(context(), writeNote, input);
      const other = testContext(table, staffIdentity('265', 'TEAM_LEADER', 's-2'), new Date());
      // Act
      await runCommand(other, writeNote, input);
      // Assess
      expect(await notesOf(youth)).toHaveLength(2);
    });

    it('refuses a malformed key before anything runs', async () => {
      // Act
      const malformed = runCommand(context(), writeNote, {
        youthId: 'y-kernel-bad-key',
        text: 'x',
        idempotencyKey: 'has spaces in it',
      });
      // Assess
      await expect(malformed).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect(await notesOf('y-kernel-bad-key')).toEqual([]);
    });
  });

  describe('edits at a version', () => {
    it('refuses a stale version with CONFLICT naming the current one, writing nothing', async () => {
      // Prepare
      const note = await runCommand(context(), writeNote, { youthId: 'y-kernel-v', text: 'a' });
      await runCommand(context(), editNote, { id: note.id, text: 'b', expectedVersion: 1 });
      // Act
      const stale = runCommand(context(), editNote, { id: note.id, text: 'c', expectedVersion: 1 });
      // Assess
      await expect(stale).rejects.toMatchObject({
        extensions: { code: 'CONFLICT', currentVersion: 2 },
      });
      expect((await notesOf('y-kernel-v'))[0]).toMatchObject({ text: 'b', version: 2 });
    });

    it('lets one of two concurrent edits of one version win; the other reads again and is refused', async () => {
      // Prepare
      const note = await runCommand(context(), writeNote, { youthId: 'y-kernel-race', text: 'a' });
      // Act
      const outcomes = await Promise.allSettled([
        runCommand(context(), editNote, { id: note.id, text: 'left', expectedVersion: 1 }),
        runCommand(context(), editNote, { id: note.id, text: 'right', expectedVersion: 1 }),
      ]);
      // Assess
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      expect((await notesOf('y-kernel-race'))[0]?.version).toBe(2);
    });
  });

  it('starts no commit without time left before the deadline, and writes nothing', async () => {
    // Prepare
    const late = { ...context(), table: table.withDeadline(deadlineIn(0)) };
    // Act
    const refused = runCommand(late, writeNote, { youthId: 'y-kernel-late', text: 'late' });
    // Assess
    await expect(refused).rejects.toBeInstanceOf(TemporarilyUnavailableError);
    expect(await notesOf('y-kernel-late')).toEqual([]);
  });
});
