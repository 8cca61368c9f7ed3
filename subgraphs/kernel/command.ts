import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import type { AuditAction, AuditEvent, RequestAuditTrail } from './audit.ts';
import { type AuditSubject, subjectOfChange } from './audit-subject.ts';
import { requireIdentity } from './authorisation.ts';
import type { SubgraphContext } from './context.ts';
import {
  ConflictError,
  DomainRuleError,
  IdempotencyKeyReusedError,
  NotFoundError,
  OutcomeUnknownError,
  StrangerRuleError,
  TemporarilyUnavailableError,
} from './errors.ts';
import {
  IdempotencyKeySchema,
  type IdempotencyRecord,
  idempotencyRecordKey,
  idempotencyRecordWrite,
  inputHashOf,
  readIdempotencyRecord,
} from './idempotency.ts';
import type { ItemKey } from './keys.ts';
import { knownLabel, type Label } from './metrics.ts';
import {
  ConditionFailedError,
  type Table,
  type TransactAction,
  TransactionConflictError,
} from './table/table.ts';
import { UnitOfWork } from './unit-of-work.ts';
import { parseInput } from './validation.ts';

/**
 * A command: one mutation's use case, run the one way every change is run.
 *
 * `execute` loads the facts it needs, checks its rules (a broken rule throws a
 * `DomainRuleError`, which the payload returns), and stages what it writes on the unit of
 * work; it never writes itself. The kernel then commits the unit as one transaction with the
 * change's audit event and, when the client sent an idempotency key, the key's record.
 */
export interface Command<Input, Result> {
  /** The mutation's name, e.g. `enrolYouth`; the audit target is `Mutation.<name>`. */
  name: string;
  /** The input's schema; malformed input is `BAD_USER_INPUT` and nothing runs. */
  input: z.ZodType<Input>;
  /**
   * Loads, decides and stages the change.
   *
   * @param context - the request
   * @param input - the parsed input (without the idempotency key)
   * @param work - where the change is staged
   * @returns the result as it will be once committed
   */
  execute(context: SubgraphContext, input: Input, work: UnitOfWork): Promise<Result>;
  /**
   * What the idempotency record keeps of the result to answer a repeat: ids and small values,
   * never personal data (the record outlives nothing, but it is not the young person's item).
   */
  remember(result: Result): unknown;
  /** The result of an earlier call, from what {@link Command.remember} kept. */
  recall(context: SubgraphContext, remembered: unknown): Promise<Result>;
  /**
   * Whom the change is about, for its audit event.
   * @default the input's `youthId`, else the result's young person
   */
  about?(input: Input, result: Result): AuditSubject | undefined;
  /**
   * The audit action of the change.
   * @default `CHANGE`
   */
  auditAction?: AuditAction;
  /**
   * A code the change's audit event keeps as its `reason` (the ground of an erasure): a code,
   * never free text, as an audit item carries no personal data.
   * @default none
   */
  auditReason?(input: Input, result: Result): string | undefined;
}

/**
 * Declares a command (typed, so that `execute`, `remember` and `recall` agree).
 *
 * @param command - the command
 */
export function defineCommand<Input, Result>(
  command: Command<Input, Result>,
): Command<Input, Result> {
  DEFINED_COMMANDS.add(command.name);
  return command;
}

/** The names of the commands defined: the only values a metric's `command` dimension takes. */
const DEFINED_COMMANDS = new Set<string>();

/** A command's name as a metric's dimension (`OTHER` for one not made by {@link defineCommand}). */
function commandLabel(command: Command<unknown, unknown>): Label {
  return knownLabel(command.name, DEFINED_COMMANDS);
}

const RememberedIdSchema = z.object({ id: z.string().min(1) });

/**
 * How a command whose result is one record remembers it for a repeat (its id, never its
 * details) and answers the repeat: the record read again by that id, as it is now.
 *
 * @param what - the record, for the error when it is gone (erased since), e.g. `The placement`
 * @param load - reads the record by id through the request's loader
 * @param idOf - the record's id
 */
export function answeredById<Result>(
  what: string,
  load: (context: SubgraphContext, id: string) => Promise<Result | undefined>,
  idOf: (result: Result) => string = (result) => (result as { id: string }).id,
): {
  remember(result: Result): unknown;
  recall(context: SubgraphContext, remembered: unknown): Promise<Result>;
} {
  return {
    remember: (result) => ({ id: idOf(result) }),
    async recall(context, remembered) {
      const found = await load(context, RememberedIdSchema.parse(remembered).id);
      if (!found) throw new NotFoundError(`${what} that this change made no longer exists`);
      return found;
    },
  };
}

/** How many times a command is run when a concurrent change beat it to the commit. */
const ATTEMPTS = 4;

/**
 * Less time than this left before the deadline, and a command does not start its commit: a
 * commit cut short by the deadline has an unknown outcome, one not started has none.
 */
const COMMIT_MARGIN_MS = 250;

function splitIdempotencyKey(raw: unknown): { key: string | undefined; input: unknown } {
  if (!raw || typeof raw !== 'object' || !('idempotencyKey' in raw)) {
    return { key: undefined, input: raw };
  }
  const { idempotencyKey, ...input } = raw as Record<string, unknown>;
  if (idempotencyKey === null || idempotencyKey === undefined) return { key: undefined, input };
  const key = parseInput(IdempotencyKeySchema, idempotencyKey);
  return { key, input };
}

interface Idempotency {
  recordKey: ItemKey;
  inputHash: string;
}

/**
 * Runs a command exactly once, however often the client sends it:
 *
 * 1. parses the input (`BAD_USER_INPUT`);
 * 2. with an idempotency key, answers a repeat from the key's record (or refuses the key's reuse
 *    for another input with `IDEMPOTENCY_KEY_REUSED`);
 * 3. executes the command and commits its unit of work, its audit event and the key's record in
 *    one transaction; a concurrent change that beat it to the commit makes it run again on
 *    fresh reads (up to four times, then `CONFLICT`); a concurrent call with the same key — one
 *    that beat it to the commit, or whose change its rules now refuse — makes it answer as that
 *    call did;
 * 4. when the answer of the commit was lost, looks for the key's record: found, the change is
 *    answered; otherwise `OUTCOME_UNKNOWN` (send again with the same key);
 * 5. runs the follow-ups of the committed unit (a workflow started, a callback sent).
 *
 * @param context - the request
 * @param command - the command
 * @param rawInput - the mutation's `input` argument
 */
export async function runCommand<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  rawInput: unknown,
): Promise<Result> {
  try {
    return await runOnce(context, command, rawInput);
  } catch (error) {
    // Whether another version was expected or the race was lost four times: one count.
    if (error instanceof ConflictError) {
      context.metrics.count('Conflicts', {
        command: commandLabel(command as Command<unknown, unknown>),
      });
    }
    throw error;
  }
}

/** {@link runCommand} without its count of conflicts. */
async function runOnce<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  rawInput: unknown,
): Promise<Result> {
  const { input, idempotency } = parseCommandInput(context, command, rawInput);
  if (idempotency) {
    const earlier = await readIdempotencyRecord(
      context.table,
      idempotency.recordKey,
      context.now(),
    );
    if (earlier) return answerAgain(context, command, idempotency, earlier);
  }

  for (let attempt = 1; ; attempt++) {
    const work = new UnitOfWork();
    let result: Result;
    try {
      result = await command.execute(context, input, work);
    } catch (error) {
      // A call with the same key may have committed since this one looked for its record (a
      // client that sent the change again while its first request still ran): what it wrote is
      // what the rule, the version or the lookup refuses now. Its change is this call's.
      const same = isRefusal(error) ? await answerOfSameKey(context, command, idempotency) : null;
      if (same) return same.answer;
      throw error;
    }
    const { actions, idempotencyAt } = transactionOf(context, command, idempotency, {
      input,
      result,
      work,
    });
    if (context.table.deadline.remainingMs() < COMMIT_MARGIN_MS) {
      throw new TemporarilyUnavailableError('The request ran out of time; nothing was changed');
    }
    try {
      await context.table.transact(actions);
    } catch (error) {
      const after = await afterFailedCommit(context, command, idempotency, error, {
        idempotencyAt,
        attempt,
      });
      if (after === RUN_AGAIN) continue;
      return after.answer;
    }
    forgetWritten(context, work);
    await runFollowUps(context.logger, work, command.name);
    return result;
  }
}

/**
 * The command's parsed input (`BAD_USER_INPUT` when it is not valid) and, when the client sent
 * an idempotency key, the key's record and the input's hash.
 */
function parseCommandInput<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  rawInput: unknown,
): { input: Input; idempotency: Idempotency | undefined } {
  const identity = requireIdentity(context);
  const split = splitIdempotencyKey(rawInput);
  const input = parseInput(command.input, split.input);
  if (!split.key) return { input, idempotency: undefined };
  return {
    input,
    idempotency: {
      recordKey: idempotencyRecordKey(identity.subject, split.key),
      inputHash: inputHashOf(command.name, input as Record<string, unknown>),
    },
  };
}

/**
 * One run's transaction: the unit of work's actions, its audit events and, with a key, the
 * key's record — with the index of that record, whose failed condition means a call with the
 * same key committed first.
 */
function transactionOf<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  idempotency: Idempotency | undefined,
  run: { input: Input; result: Result; work: UnitOfWork },
): { actions: TransactAction[]; idempotencyAt: number } {
  const { input, result, work } = run;
  // The idempotency record's slot is kept with or without a key (see MAX_COMMAND_ACTIONS).
  const actions = work.transaction(
    auditEventsOf(command, input, result, work).map((event) => context.audit.itemFor(event)),
    1,
  );
  const idempotencyAt = actions.length;
  if (idempotency) {
    actions.push(
      idempotencyRecordWrite(
        idempotency.recordKey,
        {
          command: command.name,
          inputHash: idempotency.inputHash,
          result: command.remember(result),
        },
        context.now(),
      ),
    );
  }
  return { actions, idempotencyAt };
}

/** What {@link afterFailedCommit} returns when the command is to run again on fresh reads. */
const RUN_AGAIN = Symbol('run again');

/**
 * What follows a commit that failed: the answer of a call with the same key that committed (it
 * is this call's change), another run on fresh reads after a lost race, or the error the caller
 * gets — `CONFLICT` after the last run, `OUTCOME_UNKNOWN` when the answer was lost and no record
 * shows the change.
 *
 * @param context - the request
 * @param command - the command
 * @param idempotency - the key's record and input hash, when the client sent a key
 * @param error - what the commit threw
 * @param at - the index of the key's record in the transaction, and the run's number
 */
async function afterFailedCommit<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  idempotency: Idempotency | undefined,
  error: unknown,
  at: { idempotencyAt: number; attempt: number },
): Promise<{ answer: Result } | typeof RUN_AGAIN> {
  // What the loader holds was read before the commit, which may have happened after all: a run
  // after a lost race decides on fresh reads.
  context.loader.clearAll();
  if (error instanceof OutcomeUnknownError) {
    const same = await answerOfSameKey(context, command, idempotency);
    if (same) return same;
    throw error;
  }
  if (!isRaceLost(error)) throw error;
  // The key's record failed its condition: a call with the same key committed meanwhile.
  const keyTaken = idempotency && keyTakenMeanwhile(error, at.idempotencyAt);
  if (!keyTaken && at.attempt < ATTEMPTS) await pause(at.attempt);
  // A call with the same key may be what won the race (DynamoDB reports a transaction in flight
  // on the same items as a conflict, not as the key's condition): answer as it did rather than
  // run again on what it wrote.
  const same = await answerOfSameKey(context, command, idempotency);
  if (same) return same;
  if (!keyTaken && at.attempt < ATTEMPTS) return RUN_AGAIN;
  throw new ConflictError();
}

/**
 * Makes the request's loader read again what the command changed, and keep what it put whole,
 * so that the payload shows the record as written.
 */
function forgetWritten(context: SubgraphContext, work: UnitOfWork): void {
  const { keys, items } = work.written();
  for (const itemKey of keys) context.loader.clear(itemKey);
  for (const item of items) {
    const itemKey = { pk: item.pk, sk: item.sk };
    context.loader.clear(itemKey).prime(itemKey, item);
  }
}

/** A condition failed or a concurrent transaction held an item: run the command again. */
function isRaceLost(error: unknown): boolean {
  return error instanceof ConditionFailedError || error instanceof TransactionConflictError;
}

/**
 * What a command refuses when the records are not as its input expects: a broken rule, another
 * version, a record not found — all of which a call with the same key may have caused.
 */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof DomainRuleError ||
    error instanceof ConflictError ||
    error instanceof NotFoundError
  );
}

/** The key's record failed its condition: a call with the same key committed meanwhile. */
function keyTakenMeanwhile(error: unknown, index: number): boolean {
  return error instanceof ConditionFailedError && error.reasons[index] === 'ConditionalCheckFailed';
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
}

function auditEventsOf<Input, Result>(
  command: Command<Input, Result>,
  input: Input,
  result: Result,
  work: UnitOfWork,
): AuditEvent[] {
  const subject = command.about?.(input, result) ?? subjectOfChange(input, result);
  const event: AuditEvent = {
    action: command.auditAction ?? 'CHANGE',
    target: `Mutation.${command.name}`,
  };
  if (subject?.youthId) event.youthId = subject.youthId;
  if (subject?.municipalityCode) event.municipalityCode = subject.municipalityCode;
  const reason = command.auditReason?.(input, result);
  if (reason) event.reason = reason;
  return [event, ...work.auditEvents];
}

async function answerAgain<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  idempotency: Idempotency,
  earlier: IdempotencyRecord,
): Promise<Result> {
  if (earlier.command !== command.name || earlier.inputHash !== idempotency.inputHash) {
    throw new IdempotencyKeyReusedError();
  }
  context.logger.info('Idempotent repeat answered from its record', { command: command.name });
  context.metrics.count('IdempotentReplays', {
    command: commandLabel(command as Command<unknown, unknown>),
  });
  return command.recall(context, earlier.result);
}

/**
 * The answer of a call with the same key that committed, when there is one: the change it made
 * is this call's. What the loader holds may have been read before that commit, so the answer
 * reads afresh. A record that cannot be read is as good as none: the caller's own error stands.
 *
 * @param context - the request
 * @param command - the command
 * @param idempotency - the key's record and input hash; none without a key
 */
async function answerOfSameKey<Input, Result>(
  context: SubgraphContext,
  command: Command<Input, Result>,
  idempotency: Idempotency | undefined,
): Promise<{ answer: Result } | null> {
  if (!idempotency) return null;
  context.loader.clearAll();
  const earlier = await readIdempotencyRecord(
    context.table,
    idempotency.recordKey,
    context.now(),
  ).catch(() => undefined);
  if (!earlier) return null;
  return { answer: await answerAgain(context, command, idempotency, earlier) };
}

/** Runs a committed unit's follow-ups; a failure is logged, never undoes the change. */
async function runFollowUps(
  logger: Pick<Logger, 'error'>,
  work: UnitOfWork,
  command?: string,
): Promise<void> {
  for (const followUp of work.afterCommitFollowUps) {
    try {
      await followUp();
    } catch (error) {
      logger.error('A follow-up of a committed change failed; it is repaired later', {
        ...(command ? { command } : {}),
        error: error as Error,
      });
    }
  }
}

/** A user error as the schema's `UserError` returns it: `path` is null when no field is concerned. */
export interface PayloadUserError {
  code: string;
  message: string;
  path: string[] | null;
}

/** A mutation payload: the changed objects (null when nothing was written) and user errors. */
export type Payload<K extends string, T> = { [P in K]: T | null } & { errors: PayloadUserError[] };

/**
 * The one resolver of a mutation: runs the command and shapes its payload — the changed object
 * under `field` and no errors, or null and the broken rule as a user error (nothing was
 * written). Every other error (`FORBIDDEN`, `BAD_USER_INPUT`, `CONFLICT`, …) stays a GraphQL
 * error.
 *
 * @param command - the command
 * @param field - the payload's field for the result
 */
export function mutation<Input, Result, K extends string>(
  command: Command<Input, Result>,
  field: K,
): (
  parent: unknown,
  args: { input: unknown },
  context: SubgraphContext,
) => Promise<Payload<K, Result>> {
  return async (_parent, args, context) => {
    try {
      const result = await runCommand(context, command, args.input);
      return { [field]: result, errors: [] } as unknown as Payload<K, Result>;
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      auditStranger(context, command.name, args.input, error);
      return { [field]: null, errors: [userErrorOf(error)] } as unknown as Payload<K, Result>;
    }
  };
}

/**
 * The resolver of a mutation whose payload carries several changed objects: the command's
 * result holds each under its payload field.
 *
 * @param command - the command
 * @param fields - the payload's fields, each a property of the result
 */
export function mutationOfMany<Input, Result extends object, K extends keyof Result & string>(
  command: Command<Input, Result>,
  fields: readonly K[],
): (
  parent: unknown,
  args: { input: unknown },
  context: SubgraphContext,
) => Promise<{ [P in K]: Result[P] | null } & { errors: PayloadUserError[] }> {
  return async (_parent, args, context) => {
    try {
      const result = await runCommand(context, command, args.input);
      return { ...result, errors: [] };
    } catch (error) {
      if (!(error instanceof DomainRuleError)) throw error;
      auditStranger(context, command.name, args.input, error);
      const nulls = Object.fromEntries(fields.map((field) => [field, null]));
      return { ...nulls, errors: [userErrorOf(error)] } as { [P in K]: null } & {
        errors: PayloadUserError[];
      };
    }
  };
}

/**
 * Keeps a `REFUSED` audit event of a change refused because it named a record the caller may not
 * see ({@link StrangerRuleError}), whose payload answers it as an id of nothing.
 */
function auditStranger(
  context: SubgraphContext,
  name: string,
  input: unknown,
  error: DomainRuleError,
): void {
  if (!(error instanceof StrangerRuleError)) return;
  const about = subjectOfChange(input, undefined);
  const identity = context.identity;
  const municipalityCode =
    error.municipalityCode ??
    (identity && 'municipalityCode' in identity ? identity.municipalityCode : undefined);
  context.audit.record({
    action: 'REFUSED',
    target: `Mutation.${name}`,
    ...(about?.youthId ? { youthId: about.youthId } : {}),
    ...(municipalityCode ? { municipalityCode } : {}),
    reason: `${error.userError.code}: a record the caller may not see, answered as an id of nothing`,
  });
}

function userErrorOf(error: DomainRuleError): PayloadUserError {
  const { code, message, path } = error.userError;
  return { code, message, path: path ?? null };
}

/**
 * Commits a unit of work the system does on its own, outside a client's request (a lifecycle
 * step, a repair by the reconciler): the same one transaction, its audit events written by the
 * given trail (whose `who` names the system), then its follow-ups. Its retries are its caller's
 * (Step Functions retries a failed step; the reconciler runs again).
 *
 * @param table - the table
 * @param work - the staged change
 * @param options.audit - the trail that makes the audit events' items (none: the unit stages none)
 * @param options.logger - where a failed follow-up is reported
 */
export async function commitSystemWork(
  table: Table,
  work: UnitOfWork,
  options: { audit?: RequestAuditTrail; logger: Pick<Logger, 'error'> },
): Promise<void> {
  const { audit, logger } = options;
  if (work.auditEvents.length > 0 && !audit) {
    throw new Error('A unit of work with audit events needs a trail to write them');
  }
  const auditItems = audit ? work.auditEvents.map((event) => audit.itemFor(event)) : [];
  await table.transact(work.transaction(auditItems));
  await runFollowUps(logger, work);
}
