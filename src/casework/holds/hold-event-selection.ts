/**
 * Which events to attach to a hold: a list of event ids, or every event of one person in a
 * period (`fromMs` inclusive, `toMs` exclusive, epoch milliseconds).
 */
export type HoldEventSelection =
  | readonly string[]
  | { readonly user: string; readonly fromMs: number; readonly toMs: number };
