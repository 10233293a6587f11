/**
 * Reads a zip back with programs that are not ours: Python's `zipfile` (checks every CRC,
 * then returns each entry, CSV parsed by Python's `csv` module) and, where installed,
 * Info-ZIP's `unzip -t`. CI installs python3; unzip only where the machine has it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** One entry as Python read it. */
export interface ReadEntry {
  readonly name: string;
  readonly size: number;
  readonly compressType: number;
  /** `[year, month, day, hour, minute, second]` from the DOS fields. */
  readonly dateTime: readonly number[];
  /** Unix mode from the external attributes. */
  readonly mode: number;
  /** The bytes as hex. */
  readonly hex: string;
  /** UTF-8 text, without a leading BOM (`null` if not UTF-8). */
  readonly text: string | null;
  readonly bom: boolean;
  /** Rows as Python's csv module parses them (`.csv` entries only). */
  readonly rows: readonly string[][] | null;
}

const SCRIPT = String.raw`
import csv, io, json, sys, zipfile
archives = []
for path in sys.argv[1:]:
  with zipfile.ZipFile(path) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit(path + ": bad CRC in " + bad)
    out = []
    for info in z.infolist():
        data = z.read(info)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        bom = text is not None and text.startswith("\ufeff")
        if bom:
            text = text[1:]
        rows = None
        if info.filename.endswith(".csv") and text is not None:
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        out.append({"name": info.filename, "size": info.file_size, "compressType": info.compress_type,
                    "dateTime": list(info.date_time), "mode": info.external_attr >> 16,
                    "hex": data.hex(), "text": text, "bom": bom, "rows": rows})
    archives.append(out)
print(json.dumps(archives))
`;

/** Every entry of `file`, in order; throws if Python finds the archive or a CRC broken. */
export function readZip(file: string): ReadEntry[] {
  return readZips([file])[0]!;
}

/** `readZip` for many archives with one Python (starting one costs ~50 ms). */
export function readZips(files: readonly string[]): ReadEntry[][] {
  const result = spawnSync('python3', ['-c', SCRIPT, ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`python3 zipfile: ${result.stderr}`);
  return JSON.parse(result.stdout) as ReadEntry[][];
}

/** The entries by name. */
export function readZipByName(file: string): Map<string, ReadEntry> {
  return new Map(readZip(file).map((e) => [e.name, e]));
}

/** Where Info-ZIP's unzip is installed, or `undefined`. */
export const UNZIP = ['/usr/bin/unzip', '/usr/local/bin/unzip'].find((p) => existsSync(p));

/** `unzip -t`'s verdict: exit code and output. */
export function unzipTest(file: string): { code: number | null; output: string } {
  const result = spawnSync(UNZIP ?? 'unzip', ['-t', file], { encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
