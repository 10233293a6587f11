import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { PhraseMatcher } from '../../engine/phrases/phrase-matcher.js';
import type { PhraseScan } from '../../engine/phrases/phrase-types.js';

/** The first part of a response, held back while its text was scanned. */
export interface ScannedHead {
  /** The response's own bytes (still compressed as sent), in order, not yet sent on. */
  readonly held: readonly Buffer[];
  /** True when the whole response was read (nothing left to pipe). */
  readonly ended: boolean;
  readonly scan: PhraseScan;
}

const SCANNED_TYPES = /^\s*text\/(html|plain)\b/i;

/** True for responses whose text is scanned: `text/html` and `text/plain` with a body. */
export function isScannable(answer: IncomingMessage): boolean {
  const type = answer.headers['content-type'] ?? '';
  const encoding = (answer.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  return (
    SCANNED_TYPES.test(type) &&
    answer.statusCode !== 204 &&
    answer.statusCode !== 304 &&
    ['identity', 'gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)
  );
}

/**
 * Reads a response until `windowBytes` of its text (after gzip, deflate or br decoding) have
 * gone through the phrase scanner, or it ends, holding back its original bytes. The page can
 * then still be replaced by the block page; beyond the window the rest passes unscanned.
 * The response is left paused for the caller to pipe on.
 */
export function scanResponseHead(
  answer: IncomingMessage,
  matcher: PhraseMatcher,
  windowBytes: number,
): Promise<ScannedHead> {
  return new Promise((resolve) => {
    const html = /html/i.test(answer.headers['content-type'] ?? '');
    const stream = matcher.stream({ html, maxBytes: windowBytes });
    const charset = /charset=([\w-]+)/i.exec(answer.headers['content-type'] ?? '')?.[1] ?? 'utf-8';
    const text = new TextDecoder(isKnownCharset(charset) ? charset : 'utf-8');
    const decoder = decoderFor(answer.headers['content-encoding']);
    const held: Buffer[] = [];
    let textBytes = 0;
    let done = false;
    const finish = (ended: boolean) => {
      if (done) return;
      done = true;
      answer.off('data', onData);
      answer.off('end', onEnd);
      answer.pause();
      resolve({ held, ended, scan: stream.end() });
    };
    const onText = (chunk: Buffer) => {
      if (done) return;
      textBytes += chunk.length;
      stream.push(text.decode(chunk, { stream: true }));
      if (textBytes >= windowBytes) finish(false);
    };
    const onData = (chunk: Buffer) => {
      held.push(chunk);
      if (decoder === null) onText(chunk);
      else decoder.write(chunk);
    };
    const onEnd = () => {
      if (decoder === null) finish(true);
      else decoder.end();
    };
    // A body that fails to decompress is passed on unscanned as far as it got: the site
    // sent it, and the browser will fail on it the same way.
    decoder?.on('data', onText);
    decoder?.on('end', () => finish(true));
    decoder?.on('error', () => finish(answer.readableEnded));
    answer.on('data', onData);
    answer.on('end', onEnd);
    if (windowBytes === 0) finish(false);
  });
}

function decoderFor(encoding: string | undefined): Transform | null {
  switch ((encoding ?? 'identity').toLowerCase().trim()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

function isKnownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
