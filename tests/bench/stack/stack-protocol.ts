import type { SubgraphName } from '#schema/subgraphs';

/** How the benchmark starts a stack process. */
export interface StackProcessOptions {
  /** The folder of the local keys (the benchmark's, shared by all its stacks). */
  dataDir: string;
  dynamoEndpoint: string;
  tableName: string;
}

/** What the benchmark asks a stack process. */
export type StackRequest =
  | { type: 'round-trips'; id: number; reset: boolean }
  | { type: 'stop'; id: number };

/** What a stack process says. */
export type StackReply =
  | {
      type: 'ready';
      gatewayUrl: string;
      subgraphUrls: Record<SubgraphName, string>;
      monolithUrl: string;
    }
  | { type: 'round-trips'; id: number; byCommand: Record<string, number> }
  | { type: 'stopped'; id: number };
