import type { BenchResults, LoadFigures } from './results.ts';
import type { Spread } from './stats.ts';

const ms = (s: Spread) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
const rate = (s: Spread) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const times = (s: Spread) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
const count = (n: number | undefined) => (n === undefined ? '–' : String(n));

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function latencyRow(title: string, f: LoadFigures): string[] {
  return [title, ms(f.p50), ms(f.p95), ms(f.p99), rate(f.throughput)];
}

/**
 * The results as Markdown tables: what `npm run bench` prints, writes next to the JSON and
 * what the README shows. Timings are medians over the runs with (lowest–highest run).
 *
 * @param r - the results
 */
export function resultsMarkdown(r: BenchResults): string {
  const c = r.config;
  const load = `${c.connections} connections, ${c.runs} runs of ${c.seconds} s each`;
  const sections = [
    `NEXTWORK benchmark, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; took ${Math.round(r.seconds / 60)} min.`,
    `Data sets: ${Object.entries(r.dataSets)
      .map(([name, d]) => `**${name}** ${d.describe} (${d.items} items)`)
      .join('; ')}.`,
    `### Latency through the gateway (demo data; ${load}; ms, req/s)`,
    table(
      ['operation', 'p50', 'p95', 'p99', 'throughput'],
      r.latency.map((l) => latencyRow(l.title, l.gateway)),
    ),
    '### Gateway overhead (the same data, same run)',
    table(
      [
        'operation',
        'query plan',
        'gateway p50',
        'subgraphs p50',
        'gateway ÷ subgraphs',
        'federated p50',
        'monolith p50',
        'federated ÷ monolith',
        'throughput share',
      ],
      r.overhead.map((o) => [
        o.title,
        `${o.plan} (${o.fetches} fetches)`,
        ms(o.gatewayLoop.p50),
        ms(o.direct.p50),
        times(o.gatewayOverDirect),
        ms(o.gateway.p50),
        ms(o.monolith.p50),
        times(o.federatedOverMonolith),
        times(o.throughputShare),
      ]),
    ),
    '### DynamoDB round trips per request (SDK middleware)',
    table(
      ['operation', 'demo', '10× data', 'national', 'monolith (demo)'],
      r.roundTrips.map((t) => [
        t.title,
        count(t.gateway.demo),
        count(t.gateway.tenfold),
        count(t.gateway.national),
        count(t.monolith.demo),
      ]),
    ),
    table(
      ['mutation', 'round trips'],
      r.mutationRoundTrips.map((m) => [m.title, String(m.gateway)]),
    ),
    `### Cold start (new Node process to first answer; ${c.coldStartRuns} runs; ms)`,
    table(
      [
        'Lambda',
        'bundle (minified)',
        'bundled',
        'unbundled (tsx)',
        'bundled ÷ unbundled',
        'bundle loaded at',
        'first answer at',
      ],
      r.coldStarts.map((s) => [
        s.name,
        kb(s.bundleBytes),
        ms(s.bundled),
        ms(s.unbundled),
        times(s.ratio),
        s.bundledLoadedMs.toFixed(0),
        s.bundledAnsweredMs.toFixed(0),
      ]),
    ),
    `### Scale (gateway; ${load}; ms)`,
    table(
      ['operation', 'demo p50', 'national p50', 'national ÷ demo', 'demo req/s', 'national req/s'],
      r.scale.map((s) => [
        s.title,
        ms(s.demo.p50),
        ms(s.national.p50),
        times(s.ratio),
        rate(s.demo.throughput),
        rate(s.national.throughput),
      ]),
    ),
    '### Targets',
    table(
      ['target', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']),
    ),
    ...(r.warnings.length > 0 ? ['### Warnings', r.warnings.map((w) => `- ${w}`).join('\n')] : []),
  ];
  return `${sections.join('\n\n')}\n`;
}
