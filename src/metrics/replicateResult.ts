/** Per-link series every replicate reports, in this order in links.csv. */
export const LINK_SERIES = ['flow', 'agent_km', 'agent_days', 'apprehensions', 'robberies', 'injuries', 'deaths'] as const;
export type LinkSeries = (typeof LINK_SERIES)[number];

/** What one replicate produces: its named metrics and its per-link series. */
export interface ReplicateResult {
  readonly replicate: number;
  readonly metrics: Record<string, number>;
  /**
   * Per link, indexed like the network's links: agents entering it (flow), agent-km and
   * agent-days travelled on it, and the events that happened on it.
   */
  readonly links: Readonly<Record<LinkSeries, Float64Array>>;
  readonly agentSteps: number;
}
