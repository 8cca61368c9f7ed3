/** Which young person and municipality a record is about, for the audit trail. */
export interface AuditSubject {
  youthId?: string | undefined;
  municipalityCode?: string | undefined;
}

/** The subject a record names itself: its `youthId`, or a young person view's `youth`. */
function subjectOfRecord(value: unknown): AuditSubject | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as {
    youthId?: unknown;
    municipalityCode?: unknown;
    youth?: { id?: unknown; municipalityCode?: unknown };
  };
  const youthId = typeof record.youthId === 'string' ? record.youthId : record.youth?.id;
  if (typeof youthId !== 'string') return undefined;
  const municipalityCode = record.municipalityCode ?? record.youth?.municipalityCode;
  return typeof municipalityCode === 'string' ? { youthId, municipalityCode } : { youthId };
}

/**
 * Whom a change is about: the young person its result names (a placement's `youthId`, a young
 * person's view), else the one its input names (`input.youthId`). A result that holds several
 * objects (a payload) is searched field by field.
 *
 * @param input - the change's input
 * @param result - what the change returned, when it returned
 */
export function subjectOfChange(input: unknown, result?: unknown): AuditSubject | undefined {
  const direct = subjectOfRecord(result);
  if (direct) return direct;
  if (typeof result === 'object' && result !== null) {
    for (const [name, value] of Object.entries(result)) {
      if (name === 'errors') continue;
      const nested = subjectOfRecord(value);
      if (nested) return nested;
    }
  }
  const youthId = (input as { youthId?: unknown } | null | undefined)?.youthId;
  return typeof youthId === 'string' ? { youthId } : undefined;
}
