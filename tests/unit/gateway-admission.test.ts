import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createAdmission } from '#gateway/admission';
import type { AuditEvent } from '#kernel/audit';
import { UnauthenticatedError } from '#kernel/errors';
import type { Identity } from '#kernel/identity';

const CONSULTANT: Identity = {
  role: 'NETWORK_CONSULTANT',
  subject: 'staff-265-1',
  municipalityCode: '265',
  staffId: 'staff-265-1',
};

/** An admission with a token check and rate limit under the test's control. */
function admissionFor(options: { identity?: Identity; allowed?: boolean; maxBytes?: number }) {
  const recorded: Array<AuditEvent & { who: string | null; flushed: boolean }> = [];
  const rateCalls: string[] = [];
  const rateLimited: string[] = [];
  const admit = createAdmission({
    verifyToken: async () => {
      if (!options.identity) throw new UnauthenticatedError('The token has expired');
      return options.identity;
    },
    rateLimit: async (subject) => {
      rateCalls.push(subject);
      return options.allowed === false
        ? { allowed: false, retryAfterSeconds: 17 }
        : { allowed: true, remaining: 10 };
    },
    countRateLimited: async (identity, correlationId) => {
      rateLimited.push(`${identity.subject} ${correlationId}`);
    },
    auditTrail: (identity) => {
      const events: typeof recorded = [];
      return {
        record: (event) => {
          const entry = { ...event, who: identity?.subject ?? null, flushed: false };
          events.push(entry);
          recorded.push(entry);
        },
        flush: async () => {
          for (const event of events) event.flushed = true;
        },
      };
    },
    maxRequestBytes: options.maxBytes ?? 1000,
  });
  return { admit, recorded, rateCalls, rateLimited };
}

/** An API Gateway v2 event of a POST to /graphql. */
function event(body: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x', ...headers },
    requestContext: { http: { method: 'POST' } },
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('admission to the gateway, before Apollo parses anything', () => {
  it('admits a request within the limits, with its identity and the correlation id given', async () => {
    // Prepare
    const { admit, recorded } = admissionFor({ identity: CONSULTANT });
    // Act
    const admission = await admit(
      event('{"query":"{ __typename }"}', { 'x-correlation-id': 'corr-0000001' }),
    );
    // Assess
    expect(admission).toMatchObject({
      admitted: true,
      context: { identity: CONSULTANT, correlationId: 'corr-0000001' },
    });
    expect(recorded).toEqual([]);
  });

  it('refuses a body over the limit with 413, even as invalid JSON, and records who sent it', async () => {
    // Prepare
    const { admit, recorded, rateCalls } = admissionFor({ identity: CONSULTANT, maxBytes: 100 });
    // Act
    const admission = await admit(event(`{"query":"${'x'.repeat(200)}`));
    // Assess
    expect(admission.admitted).toBe(false);
    if (admission.admitted) return;
    expect(admission.response.statusCode).toBe(413);
    expect(JSON.parse(String(admission.response.body))).toEqual({
      errors: [
        {
          message: expect.stringContaining('at most 100'),
          extensions: { code: 'REQUEST_TOO_LARGE' },
        },
      ],
    });
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'REFUSED',
        target: 'gateway:request-size',
        who: 'staff-265-1',
        municipalityCode: '265',
        flushed: true,
      }),
    ]);
    expect(rateCalls).toEqual([]);
  });

  it('counts a multi-byte body by its bytes, not its characters', async () => {
    // Prepare: 60 characters, 120 bytes
    const { admit } = admissionFor({ identity: CONSULTANT, maxBytes: 100 });
    // Act
    const admission = await admit(event('ø'.repeat(60)));
    // Assess
    expect(admission.admitted).toBe(false);
  });

  it('refuses a batch with 400 BATCHING_DISABLED', async () => {
    // Prepare
    const { admit, recorded } = admissionFor({ identity: CONSULTANT });
    // Act
    const admission = await admit(event('  [{"query":"{ a }"},{"query":"{ b }"}]'));
    // Assess
    expect(admission.admitted ? 0 : admission.response.statusCode).toBe(400);
    expect(recorded.map((r) => r.target)).toEqual(['gateway:batching']);
  });

  it('refuses an invalid token with 401, saying why, and records an anonymous attempt', async () => {
    // Prepare
    const { admit, recorded } = admissionFor({});
    // Act
    const admission = await admit(event('{"query":"{ __typename }"}'));
    // Assess
    expect(admission.admitted ? 0 : admission.response.statusCode).toBe(401);
    expect(recorded).toEqual([
      expect.objectContaining({
        target: 'gateway:token',
        who: null,
        reason: 'UNAUTHENTICATED: The token has expired',
      }),
    ]);
  });

  it('refuses a caller over the rate with 429 and Retry-After, counted, not recorded one by one', async () => {
    // Prepare
    const { admit, recorded, rateCalls, rateLimited } = admissionFor({
      identity: CONSULTANT,
      allowed: false,
    });
    // Act
    const admission = await admit(
      event('{"query":"{ __typename }"}', { 'x-correlation-id': 'corr-0000429' }),
    );
    // Assess
    expect(admission.admitted).toBe(false);
    if (admission.admitted) return;
    expect(admission.response).toMatchObject({
      statusCode: 429,
      headers: { 'retry-after': '17' },
    });
    expect(rateCalls).toEqual(['staff-265-1']);
    expect(rateLimited).toEqual(['staff-265-1 corr-0000429']);
    expect(recorded).toEqual([]);
  });

  it('replaces a correlation id that is not one with its own', async () => {
    // Prepare
    const { admit } = admissionFor({ identity: CONSULTANT });
    // Act
    const admission = await admit(
      event('{"query":"{ __typename }"}', { 'x-correlation-id': '<script>alert(1)</script>' }),
    );
    // Assess
    expect(admission.admitted && admission.context.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
