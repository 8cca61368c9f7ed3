import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { deadlineIn } from '#kernel/deadline';
import type { Identity } from '#kernel/identity';
import { CORRELATION_HEADER, correlationIdFrom } from '#kernel/identity-assertion';
import { logger } from '#kernel/logger';
import { createMetricsRecorder } from '#kernel/metrics';
import { errorResponse } from './error-response.ts';
import { type AuditTrailFactory, recordRefusal, refusalLabel } from './gateway-audit.ts';
import type { GatewayContext } from './gateway-context.ts';
import { NO_OPERATION } from './gateway-metrics.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RateLimitedCounter } from './rate-limited-count.ts';
import type { GatewayRefusalCode } from './refusals.ts';

/** A request let in, with its context, or refused with the response to send. */
export type Admission =
  | { admitted: true; context: GatewayContext }
  | { admitted: false; response: APIGatewayProxyStructuredResultV2 };

/**
 * The checks a request passes before Apollo Server sees it, cheapest first and none of them
 * parsing the body: its size (413 `REQUEST_TOO_LARGE`, measured on the raw event, so a 5 MB
 * body is refused without being read as JSON), batching (an array body, 400
 * `BATCHING_DISABLED`), the caller's token (401 `UNAUTHENTICATED`) and the caller's rate (429
 * `RATE_LIMITED` with `Retry-After`). Each refusal is recorded in the audit trail, with the
 * caller when the token could be verified; rate-limited calls are counted instead, one count per
 * caller and window (`rate-limited-count.ts`), so a flood of them writes no flood of records. A
 * request that passes gets its verified identity, correlation id and audit trail.
 *
 * @param options.verifyToken - verifies the `authorization` header
 * @param options.rateLimit - counts the request against the caller's rate
 * @param options.countRateLimited - counts a rate-limited call for the data protection officer
 * @param options.auditTrail - opens a request's audit trail
 * @param options.maxRequestBytes - the largest body accepted
 * @param options.requestDeadlineMs - how long an admitted request may take, from its arrival
 */
export function createAdmission(options: {
  verifyToken: (authorization: string | undefined) => Promise<Identity>;
  rateLimit: RateLimiter;
  countRateLimited: RateLimitedCounter;
  auditTrail: AuditTrailFactory;
  maxRequestBytes: number;
  requestDeadlineMs?: number;
}) {
  const refuse = async (
    context: GatewayContext,
    status: number,
    code: GatewayRefusalCode,
    message: string,
    headers: Record<string, string> = {},
  ): Promise<Admission> => {
    recordRefusal(context.audit, context.identity, code, message, context.metrics);
    context.metrics?.count('Requests', { operation: NO_OPERATION, outcome: refusalLabel(code) });
    logRequest(context, status, code);
    await flushQuietly(context);
    context.metrics?.publish();
    return { admitted: false, response: errorResponse(status, code, message, headers) };
  };

  return async (event: APIGatewayProxyEventV2): Promise<Admission> => {
    const headers = event.headers ?? {};
    const correlationId = correlationIdFrom(headers[CORRELATION_HEADER]);
    // Counted from arrival: verifying the token and the rate limit are part of the request.
    const deadline = options.requestDeadlineMs ? deadlineIn(options.requestDeadlineMs) : undefined;
    // Verified first (a signature check against the issuer's keys, fetched once per container),
    // so that even a refusal for size names its caller; a failure is reported only after the
    // size and batching checks.
    const verified = await options.verifyToken(headers.authorization).then(
      (identity) => ({ identity, error: undefined }),
      (error: unknown) => ({ identity: null, error }),
    );
    const context: GatewayContext = {
      identity: verified.identity,
      correlationId,
      audit: options.auditTrail(verified.identity, correlationId),
      metrics: createMetricsRecorder(),
      ...(deadline ? { deadline } : {}),
    };

    const size = requestBytes(event);
    if (size > options.maxRequestBytes) {
      return refuse(
        context,
        413,
        'REQUEST_TOO_LARGE',
        `The request is ${size} bytes; at most ${options.maxRequestBytes} are accepted`,
      );
    }
    if (isBatch(event)) {
      return refuse(
        context,
        400,
        'BATCHING_DISABLED',
        'Batched requests are not accepted; send one operation per request',
      );
    }
    if (!verified.identity) {
      if (isLandingPageRequest(event)) return { admitted: true, context };
      // The verifier's own refusals say what is wrong; anything else stays unexplained.
      const message = isUnauthenticated(verified.error)
        ? (verified.error as Error).message
        : 'The token is not valid';
      return refuse(context, 401, 'UNAUTHENTICATED', message);
    }
    const rate = await options.rateLimit(verified.identity.subject);
    if (!rate.allowed) {
      await options.countRateLimited(verified.identity, correlationId);
      const code = refusalLabel('RATE_LIMITED');
      context.metrics?.count('Refusals', { code });
      context.metrics?.count('Requests', { operation: NO_OPERATION, outcome: code });
      logRequest(context, 429, 'RATE_LIMITED');
      context.metrics?.publish();
      return {
        admitted: false,
        response: errorResponse(
          429,
          'RATE_LIMITED',
          `Too many requests; try again in ${rate.retryAfterSeconds} seconds`,
          { 'retry-after': String(rate.retryAfterSeconds) },
        ),
      };
    }
    return { admitted: true, context };
  };
}

/** The same line the request log writes for requests Apollo serves. */
function logRequest(context: GatewayContext, status: number, code: GatewayRefusalCode): void {
  logger.info('request', {
    correlationId: context.correlationId,
    role: context.identity?.role ?? null,
    status,
    errorCodes: [code],
  });
}

/**
 * Writes a request's audit trail. A failed write is logged, not thrown: the response (often
 * a refusal) is already decided, and the log line carries the correlation id to reconcile.
 *
 * @param context - the request's context
 */
export async function flushQuietly(context: GatewayContext): Promise<void> {
  try {
    await context.audit?.flush();
  } catch (error) {
    logger.error('Could not write the audit trail', {
      correlationId: context.correlationId,
      error: error as Error,
    });
  }
}

function isUnauthenticated(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { extensions?: { code?: unknown } }).extensions?.code === 'UNAUTHENTICATED'
  );
}

/** The request's size in bytes as received: the body (decoded length) and the query string. */
function requestBytes(event: APIGatewayProxyEventV2): number {
  const body = event.body ?? '';
  const bodyBytes = event.isBase64Encoded
    ? Buffer.byteLength(body, 'base64')
    : Buffer.byteLength(body, 'utf8');
  return bodyBytes + Buffer.byteLength(event.rawQueryString ?? '', 'utf8');
}

/** Whether the body is a JSON array (an HTTP batch), judged by its first non-blank character. */
function isBatch(event: APIGatewayProxyEventV2): boolean {
  const body = event.body ?? '';
  const start = event.isBase64Encoded
    ? Buffer.from(body.slice(0, 64), 'base64').toString('utf8')
    : body.slice(0, 64);
  return start.trimStart().startsWith('[');
}

/**
 * A browser asking for the landing page (GET, HTML, no operation). Apollo serves it in dev and
 * refuses it in production, where the landing page is off; neither needs a token.
 */
function isLandingPageRequest(event: APIGatewayProxyEventV2): boolean {
  return (
    event.requestContext?.http?.method === 'GET' &&
    (event.headers?.accept ?? '').includes('text/html') &&
    !new URLSearchParams(event.rawQueryString ?? '').has('query')
  );
}
