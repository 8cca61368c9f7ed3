import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import { PERSONAL_FIELD_NAMES } from './personal-field-names.ts';

/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/**
 * Attribute names whose values are personal data or secrets, compared without case, `_` or
 * `-`: they are replaced wherever they appear in a log line, at any depth. The names of every
 * field the subgraphs' rules mark as personal data (`PERSONAL_FIELD_NAMES`, derived from that
 * marking), and the names personal data and secrets go by outside the schema.
 */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set(
  [
    ...PERSONAL_FIELD_NAMES,
    'name',
    'firstName',
    'lastName',
    'fullName',
    'displayName',
    'phone',
    'phoneNumber',
    'mobile',
    'email',
    'cpr',
    'cprNumber',
    'dateOfBirth',
    'address',
    'street',
    'notes',
    'note',
    'barriers',
    'supportNotes',
    'story',
    'storyText',
    'text',
    'reflection',
    'authorization',
    'cookie',
    'token',
    'tokens',
    'idToken',
    'accessToken',
    'refreshToken',
    'password',
    'secret',
    'variables',
  ].map(normaliseKey),
);

/**
 * Patterns of personal data or credentials inside any string, the log message included: a
 * Danish CPR number (ddmmyy-nnnn, the dash optional), an e-mail address, a JWT, a bearer token.
 */
const PERSONAL_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}\b/g, '[CPR REDACTED]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[EMAIL REDACTED]'],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[TOKEN REDACTED]'],
  [/\bBearer\s+\S+/gi, 'Bearer [REDACTED]'],
];

const MAX_DEPTH = 12;

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/**
 * Removes personal data from a string: CPR numbers, e-mail addresses, tokens.
 *
 * @param text - any text about to be logged
 */
export function scrub(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of PERSONAL_PATTERNS) {
    scrubbed = scrubbed.replace(pattern, replacement);
  }
  return scrubbed;
}

/**
 * A copy of a value with every personal attribute (see {@link PERSONAL_KEYS}) replaced and
 * every string scrubbed, recursively through objects, arrays, maps, sets and errors. An error
 * keeps its class name (the one `name` that is never a person's), message and stack, scrubbed.
 *
 * @param value - a log line's attribute value
 * @param formatError - how an error becomes an object (the log formatter's own)
 */
export function redact(
  value: unknown,
  formatError: (error: Error) => Record<string, unknown> = errorFields,
): unknown {
  const seen = new WeakSet<object>();
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string') return scrub(current);
    if (typeof current !== 'object' || current === null) return current;
    if (current instanceof Date) return current;
    if (seen.has(current)) return '[Circular]';
    if (depth > MAX_DEPTH) return '[Truncated]';
    seen.add(current);
    if (Array.isArray(current)) return current.map((item) => walk(item, depth + 1));
    if (current instanceof Set) return [...current].map((item) => walk(item, depth + 1));
    if (current instanceof Map) return walkObject(Object.fromEntries(current), depth);
    if (current instanceof Error) {
      // The error's own message and stack are the code's words (scrubbed), though `message` is
      // also the name of a personal field (an invitation's message) redacted everywhere else.
      const { name, message, stack, ...rest } = formatError(current);
      return {
        name,
        ...(message === undefined ? {} : { message: walk(message, depth + 1) }),
        ...(stack === undefined ? {} : { stack: walk(stack, depth + 1) }),
        ...walkObject(rest, depth),
      };
    }
    return walkObject(current as Record<string, unknown>, depth);
  };
  const walkObject = (object: Record<string, unknown>, depth: number) => {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(object)) {
      copy[key] = PERSONAL_KEYS.has(normaliseKey(key)) ? REDACTED : walk(inner, depth + 1);
    }
    return copy;
  };
  return walk(value, 0);
}

function errorFields(error: Error): Record<string, unknown> {
  return { ...error, name: error.name, message: error.message, stack: error.stack };
}

/**
 * Powertools' standard JSON log line, with personal data redacted from the message and from
 * every attribute (persistent keys and errors included) before it is written.
 */
class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    const base = {
      level: attributes.logLevel,
      message: scrub(attributes.message),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    const redacted = redact(additionalLogAttributes, (error) => ({ ...this.formatError(error) }));
    return new LogItem({ attributes: base }).addAttributes(redacted as LogAttributes);
  }
}

/**
 * The process-wide logger. Log ids and codes, never personal data: names, contacts, CPR
 * numbers, notes and free text stay out of every log line — and should one slip in as an
 * attribute, the formatter redacts it (see {@link PERSONAL_KEYS}).
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nextwork',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  logFormatter: new RedactingLogFormatter(),
});

/**
 * A logger for one request, carrying its correlation id. A child per request (not
 * `appendKeys` on the singleton) keeps ids right when the local stack serves requests
 * concurrently in one process.
 *
 * @param correlationId - the id the gateway assigned to the request
 */
export function requestLogger(correlationId: string): Logger {
  return logger.createChild({ persistentKeys: { correlationId } });
}

/**
 * A Lambda handler whose log lines carry the invocation: `cold_start`, `function_request_id`,
 * the function's name, ARN and memory (the logger's, and every request logger made from it
 * during the invocation). A call without a context (the local stack's in-process lifecycle,
 * some tests) logs without them.
 *
 * @param handler - the handler
 */
export function withLambdaContext<Event, Rest extends unknown[], Result>(
  handler: (event: Event, context: Context, ...rest: Rest) => Result,
): (event: Event, context: Context, ...rest: Rest) => Result {
  return (event, context, ...rest) => {
    if (context?.awsRequestId) logger.addContext(context);
    return handler(event, context, ...rest);
  };
}
