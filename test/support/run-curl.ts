/** Runs the real curl (a client as schools' devices are) and returns status, body and exit code. */
import { spawn } from 'node:child_process';

export interface CurlResult {
  readonly exitCode: number | null;
  readonly status: number;
  readonly body: string;
  readonly stderr: string;
}

export function runCurl(args: readonly string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', '--max-time', '15', '-w', '\n%{http_code}', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const cut = stdout.lastIndexOf('\n');
      resolve({
        exitCode,
        status: Number(stdout.slice(cut + 1)),
        body: stdout.slice(0, cut),
        stderr,
      });
    });
  });
}
