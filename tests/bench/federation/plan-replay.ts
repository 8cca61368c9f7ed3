import type { Identity } from '#kernel/identity';
import { createAssertionSigner, IDENTITY_HEADER } from '#kernel/identity-assertion';
import type { SubgraphName } from '#schema/subgraphs';
import { postJson } from '../load/closed-loop.ts';
import type { PlanTree } from './query-plan.ts';

/**
 * Replays a recorded query plan straight to the subgraphs, as the gateway would: sequences one
 * after another, parallel branches together (a parallel step's fetches to one subgraph as one
 * batched request, as `gateway/call-batching.ts` sends them), each fetch with the recorded body
 * and a valid identity assertion for the caller (signed every 20 s rather than per request:
 * signing is part of the gateway's work, not of the subgraphs').
 *
 * @param options.tree - the plan
 * @param options.subgraphUrls - where the subgraphs run
 * @param options.signingKey - the gateway's private key
 * @param options.identity - the caller
 * @returns one iteration: resolves whether every fetch answered without errors
 */
export function planReplay(options: {
  tree: PlanTree;
  subgraphUrls: Record<SubgraphName, string>;
  signingKey: Parameters<typeof createAssertionSigner>[0];
  identity: Identity;
}): () => Promise<boolean> {
  const sign = createAssertionSigner(options.signingKey);
  // The signer reuses an identity's assertion for a subgraph, as the gateway's does.
  const assertionFor = (subgraph: SubgraphName): Promise<string> =>
    sign(options.identity, subgraph);
  const send = async (subgraph: SubgraphName, bodies: readonly string[]): Promise<boolean> => {
    const batched = bodies.length > 1;
    const response = await postJson(
      options.subgraphUrls[subgraph],
      batched ? `[${bodies.join(',')}]` : (bodies[0] ?? ''),
      { [IDENTITY_HEADER]: await assertionFor(subgraph) },
    );
    const answers = (batched ? response.body : [response.body]) as Array<{ errors?: unknown[] }>;
    return (
      response.status === 200 &&
      Array.isArray(answers) &&
      answers.length === bodies.length &&
      answers.every((answer) => !answer.errors?.length)
    );
  };
  const run = async (node: PlanTree): Promise<boolean> => {
    if (node.kind === 'fetch') return send(node.subgraph, [node.body]);
    if (node.kind === 'sequence') {
      let ok = true;
      for (const child of node.nodes) ok = (await run(child)) && ok;
      return ok;
    }
    // A parallel step's fetches to one subgraph go as one batch, as the gateway sends them.
    const batches = new Map<SubgraphName, string[]>();
    const others: PlanTree[] = [];
    for (const child of node.nodes) {
      if (child.kind === 'fetch')
        batches.set(child.subgraph, [...(batches.get(child.subgraph) ?? []), child.body]);
      else others.push(child);
    }
    const outcomes = await Promise.all([
      ...[...batches].map(([subgraph, bodies]) => send(subgraph, bodies)),
      ...others.map(run),
    ]);
    return outcomes.every(Boolean);
  };
  return () => run(options.tree);
}

/** The plan's shape in words: `people → (companies ‖ placements)`. */
export function describePlan(node: PlanTree | undefined): string {
  if (!node) return '(none)';
  if (node.kind === 'fetch') return node.subgraph;
  const separator = node.kind === 'sequence' ? ' → ' : ' ‖ ';
  const inner = node.nodes.map(describePlan).join(separator);
  return node.kind === 'parallel' ? `(${inner})` : inner;
}
