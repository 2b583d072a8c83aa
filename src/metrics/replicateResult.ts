/** What one replicate produces: its named metrics and its per-link flows. */
export interface ReplicateResult {
  readonly replicate: number;
  readonly metrics: Record<string, number>;
  /** Agents entering each link, and agent-km on it, indexed like the network's links. */
  readonly linkFlow: Float64Array;
  readonly linkAgentKm: Float64Array;
  readonly agentSteps: number;
}
