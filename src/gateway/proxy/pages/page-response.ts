/**
 * A whole HTTP response for the gateway to send as it is: the page functions build these
 * without I/O, and the proxy server writes them. Header names are lower case.
 */
export interface PageResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}
