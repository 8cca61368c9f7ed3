import type { Logger } from '@aws-lambda-powertools/logger';
import type { RequestAuditTrail } from './audit.ts';
import type { CursorCodec } from './cursor.ts';
import type { ItemLoader } from './entity-loader.ts';
import type { Identity } from './identity.ts';
import type { MetricsRecorder } from './metrics.ts';
import type { SubgraphServices } from './services.ts';
import type { Table } from './table/table.ts';

/**
 * What every resolver of every subgraph receives: the verified caller and per-request
 * services. One type for all subgraphs keeps generated resolver types uniform.
 */
export interface SubgraphContext {
  /** The verified caller; null only for the gateway's own health probes. */
  identity: Identity | null;
  /** Follows the request through the gateway and every subgraph, for logs. */
  correlationId: string;
  /** Logger carrying the correlation id. */
  logger: Logger;
  /** The single table. */
  table: Table;
  /** Batches and de-duplicates item reads within this request. */
  loader: ItemLoader;
  /** Signs and checks list cursors. */
  cursors: CursorCodec;
  /** Today's date and now; injected so that rules about dates are testable. */
  now: () => Date;
  /** The request's audit trail; written (append-only) when the request ends. */
  audit: RequestAuditTrail;
  /** The services besides the table: the field cipher, data-subject functions, exports, workflows. */
  services: SubgraphServices;
  /** The request's metrics (refusals, conflicts, replays, withheld responses), published at its end. */
  metrics: MetricsRecorder;
}
