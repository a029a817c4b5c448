import { AlertSink } from './alerts.ts';
import { Counters } from './counters.ts';
import { createLogCapture, type LogCapture, type Logger } from './logger.ts';
import { RecordStore } from './record-store.ts';

export { AlertSink, type Alert } from './alerts.ts';
export { Counters } from './counters.ts';
export { createLogCapture, type LogCapture, type Logger } from './logger.ts';
export { RecordStore } from './record-store.ts';

/**
 * The "our platform" side every lab plugs into: where records go, where logs and alerts go, and
 * what a dashboard would count. Labs receive it; learners do not edit it.
 */
export interface Platform {
  logger: Logger;
  logs: LogCapture;
  alerts: AlertSink;
  counters: Counters;
  /** A named store per record kind: `platform.store('customers')`. */
  store<T>(kind: string): RecordStore<T>;
}

export function createPlatform(options: { echoLogs?: boolean } = {}): Platform {
  const logs = createLogCapture({ echo: options.echoLogs ?? false });
  const stores = new Map<string, RecordStore<unknown>>();
  return {
    logger: logs.logger,
    logs,
    alerts: new AlertSink(),
    counters: new Counters(),
    store<T>(kind: string) {
      let store = stores.get(kind);
      if (!store) stores.set(kind, (store = new RecordStore<unknown>()));
      return store as RecordStore<T>;
    },
  };
}
