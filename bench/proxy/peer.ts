/** How run.ts starts one proxy under test and which of its processes it measures. */
export interface Peer {
  readonly kind: 'peer';
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** Whether HTTPS is inspected (TLS terminated) or only tunnelled, and why not when not. */
  readonly https: { readonly inspected: boolean; readonly note: string };
  /** What "scans phrases" means for this peer in this run. */
  readonly phraseNote: string;
}
