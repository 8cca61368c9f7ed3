import type { ApolloServerPlugin } from '@apollo/server';
import {
  type AuditTrail,
  auditWhoOf,
  createAuditTrail,
  TooManyAuditEventsError,
} from '#kernel/audit';
import type { Identity } from '#kernel/identity';
import { logger } from '#kernel/logger';
import { knownLabel, type Label, type MetricsRecorder } from '#kernel/metrics';
import type { Table } from '#kernel/table/table';
import type { GatewayContext } from './gateway-context.ts';
import { GATEWAY_REFUSALS, type GatewayRefusalCode, refusalCodeOf } from './refusals.ts';

/** Opens the audit trail of one request for a caller (null: none, or not verifiable). */
export type AuditTrailFactory = (identity: Identity | null, correlationId: string) => AuditTrail;

/**
 * The gateway's audit trails, written to the single table through the kernel's append-only
 * `createAuditTrail`. Without a table (a bare dev setup) refusals are logged instead, still
 * without personal data.
 *
 * @param options.table - the single table, if configured
 * @param options.retentionDays - how long audit records are kept
 */
export function createGatewayAuditTrails(options: {
  table: Table | undefined;
  retentionDays: number;
}): AuditTrailFactory {
  const { table, retentionDays } = options;
  return (identity, correlationId) => {
    const who = auditWhoOf(identity);
    if (table) {
      return createAuditTrail({ table, who, correlationId, now: () => new Date(), retentionDays });
    }
    return {
      record: (event) =>
        logger.warn('refused', { ...event, role: who?.role ?? null, correlationId }),
      flush: async () => {},
    };
  };
}

/**
 * Records a refusal by the gateway in a request's trail: what was refused (the target, e.g.
 * `gateway:depth`), why (the code and the gateway's own message, which never echoes the query
 * or its variables) and the caller's municipality, so that the municipality's data protection
 * officer finds it among the refused attempts. No young person is named: a refused query
 * concerns nobody's data, and the caller is already recorded as its subject.
 *
 * @param audit - the request's trail
 * @param identity - the caller, if verified
 * @param code - the refusal's code
 * @param detail - the gateway's message
 * @param metrics - where the refusal is counted by its code (`Refusals`)
 */
export function recordRefusal(
  audit: AuditTrail | undefined,
  identity: Identity | null,
  code: GatewayRefusalCode,
  detail: string,
  metrics?: MetricsRecorder,
): void {
  metrics?.count('Refusals', { code: refusalLabel(code) });
  try {
    audit?.record({
      action: 'REFUSED',
      target: GATEWAY_REFUSALS[code],
      reason: `${code}: ${detail}`.slice(0, 200),
      ...(identity && 'municipalityCode' in identity
        ? { municipalityCode: identity.municipalityCode }
        : {}),
    });
  } catch (error) {
    // Past the request's cap the trail counts the overflow and writes it as one record when
    // flushed; the request is a refusal already, and answers as one.
    if (!(error instanceof TooManyAuditEventsError)) throw error;
  }
}

/**
 * Records every refusal of the gateway's query limits (parse, validation, cost and page size)
 * in the request's audit trail. Refusals by the subgraphs are theirs to record; a subgraph's
 * `UNAUTHENTICATED` is not the gateway refusing a token.
 */
export function refusalAuditPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = refusalCodeOf(error, error);
            if (!code || code === 'UNAUTHENTICATED') continue;
            recordRefusal(
              contextValue.audit,
              contextValue.identity,
              code,
              shortReason(code, error.message),
              contextValue.metrics,
            );
          }
        },
      };
    },
  };
}

/** Apollo's and graphql-js's messages are long; the trail keeps a fixed one for theirs. */
function shortReason(code: GatewayRefusalCode, message: string): string {
  if (code === 'INTROSPECTION_DISABLED') return 'introspection is disabled in production';
  if (code === 'TOO_MANY_TOKENS') return message.replace(/^Syntax Error: /, '');
  return message;
}

const REFUSAL_CODES: ReadonlySet<string> = new Set(Object.keys(GATEWAY_REFUSALS));

/** A refusal's code as a metric's dimension. */
export function refusalLabel(code: GatewayRefusalCode): Label {
  return knownLabel(code, REFUSAL_CODES);
}
