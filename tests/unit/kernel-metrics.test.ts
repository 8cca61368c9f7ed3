import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMetricsRecorder, knownLabel, label, OTHER } from '#kernel/metrics';
import { captureEmf } from '../support/emf.ts';

/**
 * The metrics module (#17): counts of one invocation published as embedded metric format at its
 * end, one line per set of dimensions, and dimensions that can only be names from the code.
 */
describe('metrics recorder', () => {
  const emf = captureEmf();
  afterEach(() => emf.clear());
  afterAll(() => emf.restore());

  it('publishes nothing until the invocation ends, then one EMF line per set of dimensions', () => {
    // Prepare
    const metrics = createMetricsRecorder({ stage: 'test' });
    metrics.count('Refusals', { code: label('FORBIDDEN') });
    metrics.count('Refusals', { code: label('FORBIDDEN') }, 2);
    metrics.count('Refusals', { code: label('NOT_FOUND') });
    expect(emf.lines).toEqual([]);
    // Act
    metrics.publish();
    metrics.publish();
    // Assess
    expect(emf.lines).toHaveLength(2);
    expect(emf.metric('Refusals')).toEqual([
      { namespace: 'NEXTWORK', service: 'nextwork', stage: 'test', code: 'FORBIDDEN', value: 3 },
      { namespace: 'NEXTWORK', service: 'nextwork', stage: 'test', code: 'NOT_FOUND', value: 1 },
    ]);
  });

  it('takes a value from outside the code only when it is one of the names it may be', () => {
    // Prepare
    const known = new Set(['youth', 'company']);
    // Act
    const labels = [knownLabel('youth', known), knownLabel('YOUTH#01J9ZK', known)];
    // Assess
    expect(labels).toEqual(['youth', OTHER]);
  });

  it('does not compile with an id, or any string the code did not write, as a dimension', () => {
    // Prepare
    const metrics = createMetricsRecorder();
    const youthId: string = 'y-01J9ZK3Q';
    // Act
    // @ts-expect-error: a plain string is not a Label
    metrics.count('Conflicts', { command: youthId });
    // @ts-expect-error: label() takes literals only
    label(youthId);
    // @ts-expect-error: every dimension of the metric is required
    metrics.count('Requests', { operation: label('youth') });
    metrics.count('Conflicts', { command: label('updateCompany') });
    // Assess
    expect(emf.lines).toEqual([]);
  });
});
