export interface Alert {
  /** Groups alerts about the same problem, e.g. `vendor-outage` or `schema-drift:contacts.email`. */
  key: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  details?: Record<string, unknown>;
  at: number;
}

/** Where an integration raises alerts for humans (a pager, a Slack channel); here, a list. */
export class AlertSink {
  readonly #alerts: Alert[] = [];

  raise(alert: Omit<Alert, 'at'>): void {
    this.#alerts.push({ ...alert, at: Date.now() });
  }

  list(): readonly Alert[] {
    return this.#alerts;
  }
}
