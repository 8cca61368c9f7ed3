/**
 * Stand-in for `@apollo/usage-reporting-protobuf` (about 220 KB minified). Its messages are
 * serialised only for Apollo Studio usage reporting (needs `APOLLO_KEY`, never set) and
 * federated traces (`ftv1`, which the subgraphs disable), but `@apollo/gateway` builds
 * `Trace.QueryPlanNode` objects on every request and discards them unless traces are captured.
 * These shells can be constructed, carry their initial fields and have any nested message
 * class; encoding or decoding is never reached.
 */
class Shell {
  constructor(init?: object) {
    if (init) Object.assign(this, init);
  }
}

type ShellClass = typeof Shell & { [message: string]: ShellClass };

const nested: ProxyHandler<ShellClass> = {
  get(target, property, receiver) {
    if (typeof property === 'string' && !Reflect.has(target, property)) {
      Reflect.set(target, property, new Proxy(class extends Shell {}, nested));
    }
    return Reflect.get(target, property, receiver);
  },
};

function messageClass(): ShellClass {
  return new Proxy(class extends Shell {} as ShellClass, nested);
}

/** Trace messages and their nested classes (`Trace.QueryPlanNode.FetchNode`, …). */
export const Trace = messageClass();
/** A usage report. */
export const Report = messageClass();
/** A usage report's header. */
export const ReportHeader = messageClass();
/** Referenced fields of a type, for usage reporting. */
export const ReferencedFieldsForType = messageClass();
/** Well-known protobuf types (`google.protobuf.Timestamp`). */
export const google = { protobuf: { Timestamp: messageClass() } };
