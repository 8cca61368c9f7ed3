import type { AuditTrail } from '#kernel/audit';
import type { Deadline } from '#kernel/deadline';
import type { Identity } from '#kernel/identity';
import type { MetricsRecorder } from '#kernel/metrics';

/** What the gateway knows about one request: the verified caller and its correlation id. */
export interface GatewayContext {
  /** The verified caller; null only for the gateway's own health probes. */
  identity: Identity | null;
  correlationId: string;
  /**
   * Where the gateway records its own refusals of this request (limits, cost, introspection);
   * written when the request ends. Absent where no trail is kept (benchmarks).
   */
  audit?: AuditTrail;
  /**
   * When the gateway gives up on the request: before API Gateway does. Every subgraph call
   * waits at most until then, and carries it so that the subgraph ends its work by then too.
   * Absent where no limit applies (benchmarks).
   */
  deadline?: Deadline;
  /**
   * The request's metrics (its outcome, refusals, failed subgraph calls), published when the
   * request ends. Absent where none are kept (benchmarks).
   */
  metrics?: MetricsRecorder;
}
