import { describe, expect, it } from 'vitest';
import { recordRefusal } from '#gateway/gateway-audit';
import { type AuditTrail, TooManyAuditEventsError } from '#kernel/audit';

describe("the gateway's refusals past the audit trail's cap (issue 18, class 3)", () => {
  it('answers the refusal when the trail is full (the trail writes the overflow as one record), and passes any other failure on', () => {
    // Prepare
    const full: AuditTrail = {
      record: () => {
        throw new TooManyAuditEventsError();
      },
      flush: async () => {},
    };
    const broken: AuditTrail = {
      record: () => {
        throw new Error('not the cap');
      },
      flush: async () => {},
    };
    // Act
    const onFull = () => recordRefusal(full, null, 'QUERY_TOO_DEEP', 'too deep');
    const onBroken = () => recordRefusal(broken, null, 'QUERY_TOO_DEEP', 'too deep');
    // Assess
    expect(onFull).not.toThrow();
    expect(onBroken).toThrow('not the cap');
  });
});
