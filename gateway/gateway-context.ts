import type { Identity } from '#kernel/identity';

/** What the gateway knows about one request: the verified caller and its correlation id. */
export interface GatewayContext {
  /** The verified caller; null only for the gateway's own health probes. */
  identity: Identity | null;
  correlationId: string;
}
