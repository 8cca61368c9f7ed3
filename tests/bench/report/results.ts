import type { DataSetName } from '../world/scaled-world.ts';
import type { Spread } from './stats.ts';

/** Load figures over several runs: each a median with its range. */
export interface LoadFigures {
  p50: Spread;
  p95: Spread;
  p99: Spread;
  throughput: Spread;
  requests: number;
  failures: number;
}

/** An operation under load through the gateway. */
export interface LatencyResult {
  key: string;
  title: string;
  gateway: LoadFigures;
}

/** The same data through the gateway, straight from the subgraphs, and from the monolith. */
export interface OverheadResult {
  key: string;
  title: string;
  /** The query plan's shape, e.g. `people → (placements ‖ learning-community)`. */
  plan: string;
  fetches: number;
  /** Closed-loop load (the same client for both): the gateway, and the plan replayed directly. */
  gatewayLoop: LoadFigures;
  direct: LoadFigures;
  /** autocannon: the gateway (the latency table's runs) and the monolith, interleaved. */
  gateway: LoadFigures;
  monolith: LoadFigures;
  /** gateway p50 / subgraph critical path p50, per run, and its median. */
  gatewayOverDirect: Spread;
  /** federated p50 / monolith p50, and federated throughput / monolith throughput, per run. */
  federatedOverMonolith: Spread;
  throughputShare: Spread;
  /** Whether the gateway and the monolith answered the same data. */
  sameData: boolean;
}

/** DynamoDB round trips of one operation, by data set, through the gateway and the monolith. */
export interface RoundTripResult {
  key: string;
  title: string;
  gateway: Partial<Record<DataSetName, number>>;
  monolith: Partial<Record<DataSetName, number>>;
  /** By command, on the demo data, through the gateway. */
  byCommand: Record<string, number>;
}

/** One Lambda's cold start, bundled and not, and its bundle. */
export interface ColdStartFigures {
  name: string;
  bundleBytes: number;
  bundled: Spread;
  unbundled: Spread;
  /** In the bundled process: start to module loaded, and to first answer (medians). */
  bundledLoadedMs: number;
  bundledAnsweredMs: number;
  ratio: Spread;
}

/** An operation on the demo data and on the national data set. */
export interface ScaleResult {
  key: string;
  title: string;
  demo: LoadFigures;
  national: LoadFigures;
  /** national p50 / demo p50, per run pair. */
  ratio: Spread;
}

/** A target of issue 10 and where it stands. */
export interface TargetResult {
  target: string;
  measured: string;
  met: boolean;
}

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  startedAt: string;
  seconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  config: BenchConfig;
  dataSets: Record<DataSetName, { describe: string; items: number }>;
  latency: LatencyResult[];
  overhead: OverheadResult[];
  roundTrips: RoundTripResult[];
  mutationRoundTrips: Array<{ key: string; title: string; gateway: number }>;
  coldStarts: ColdStartFigures[];
  scale: ScaleResult[];
  targets: TargetResult[];
  warnings: string[];
}

/** How hard and how long the benchmark loads the system. */
export interface BenchConfig {
  /** Concurrent connections (autocannon) or workers (closed loop). */
  connections: number;
  /** Seconds of one measured run. */
  seconds: number;
  /** Measured runs of each operation and mode, interleaved. */
  runs: number;
  /** Seconds of the unmeasured warm-up of each operation and mode. */
  warmupSeconds: number;
  /** Measured cold starts of each Lambda, bundled and unbundled. */
  coldStartRuns: number;
}
