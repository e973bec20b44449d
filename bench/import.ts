/**
 * Section 5, import (issue "A year of real exports"): reading a year of a vendor's export into
 * list dollars by month × model, as the pane does when a file is picked.
 *
 * For each of the Anthropic Console cost CSV and a FOCUS cost-and-usage CSV, at 100,000 and
 * 1,000,000 rows (bench/exportsGen.ts, written into the OS's temporary folder and deleted after),
 * three readers are measured, each run in a fresh Node process (bench/importChild.ts), in turns:
 *
 * - the product: `readExportStream` (src/sheet/stream.ts) over the file as a Blob;
 * - the reference scanner (bench/scanner.ts): a minimal single-pass byte scanner, the speed the
 *   product must stay within 2× of;
 * - papaparse, streaming with `header: true`, as a general CSV library reads it.
 *
 * Each figure is the median of RUNS runs: wall time from the first byte to the monthly totals, and
 * peak RSS above the process's idle RSS.
 *
 * Given the bench's production build (`build`), the Console file of each size is then also imported
 * whole through the built task pane in headless Chromium (bench/importBrowser.ts): file picked to
 * the pane's "Imported" message, the main thread's long tasks, the page's and the import worker's
 * heap, and what was written to the workbook. Every run's totals are checked before any figure is kept:
 * the two references must agree exactly (in micro-dollars), and the product's list dollars must
 * equal the scanner's for every month and model to the cent (within half a cent); otherwise the
 * section throws, and the bench writes nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/helpers/loadBundle";
import { ExportKind, exportOf, writeExport } from "./exportsGen";
import { paneImport, PaneResult } from "./importBrowser";
import type { ChildResult, ChildTotal, Reader } from "./importChild";
import { median } from "./measure";

export const IMPORT_SIZES = [100_000, 1_000_000] as const;
export const IMPORT_KINDS: readonly ExportKind[] = ["console", "focus"];
export const IMPORT_READERS: readonly Reader[] = ["product", "scanner", "papaparse"];
export const IMPORT_LABELS: Record<ExportKind, string> = {
  console: "Anthropic Console cost CSV",
  focus: "FOCUS 1.2 cost-and-usage CSV",
};

/** Medians over the runs of one reader on one file. */
export interface ReaderFigures {
  readonly runs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Peak RSS above the process's idle RSS (bytes). */
  readonly peakBytes: number;
  /** The largest of the runs' peaks above idle (bytes). */
  readonly maxPeakBytes: number;
  readonly idleBytes: number;
}

export interface ImportFile {
  readonly kind: ExportKind;
  readonly rows: number;
  readonly bytes: number;
  /** Rows summed (FOCUS: Usage-Based usage) and the months × models they fall in. */
  readonly usageRows: number;
  readonly months: number;
  readonly models: number;
  readonly listTotal: number;
  readonly generateMs: number;
  readonly product: ReaderFigures;
  readonly scanner: ReaderFigures;
  readonly papaparse: ReaderFigures;
  /** The whole import through the built task pane in Chromium (Console files, when the bench built the pages). */
  readonly pane?: PaneResult;
}

/** The export kind imported through the pane. */
export const PANE_KIND: ExportKind = "console";

export interface ImportResult {
  readonly runs: number;
  /** papaparse's version. */
  readonly papaparse: string;
  readonly files: readonly ImportFile[];
}

/** Months × models of a reader's answer, in dollars. */
type Sums = Map<string, { readonly list: number; readonly rows: number }>;

const key = (t: ChildTotal) => `${t.month} ${t.model}`;
const dollars = (t: ChildTotal) => (t.listMicro === undefined ? t.list! : t.listMicro / 1e6);

function sumsOf(totals: readonly ChildTotal[]): Sums {
  const out: Sums = new Map();
  for (const t of totals) {
    const had = out.get(key(t));
    out.set(key(t), { list: (had?.list ?? 0) + dollars(t), rows: (had?.rows ?? 0) + t.rows });
  }
  return out;
}

function byMonth(totals: readonly ChildTotal[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of totals) out.set(t.month, (out.get(t.month) ?? 0) + dollars(t));
  return out;
}

/** Half a cent: two sums of the same cents that differ by less are the same to the cent. */
const HALF_CENT = 0.005;

/**
 * The differences between a reader's answer and the reference scanner's: exact for the other
 * reference (micro-dollars), to the cent for the product, by month and model and by month.
 */
export function differences(reference: ChildResult, got: ChildResult): string[] {
  const problems: string[] = [];
  if (got.error !== undefined) return [`${got.reader} refused the file: ${got.error}`];
  const exact = got.reader !== "product";
  if (got.totals.some((t) => (exact ? t.listMicro : t.list) === undefined))
    return [`${got.reader} gave no list dollars`];
  const ref = sumsOf(reference.totals);
  const mine = sumsOf(got.totals);
  for (const k of new Set([...ref.keys(), ...mine.keys()])) {
    const a = ref.get(k);
    const b = mine.get(k);
    const same = exact
      ? a?.list === b?.list && a?.rows === b?.rows
      : Math.abs((a?.list ?? 0) - (b?.list ?? 0)) < HALF_CENT && (a?.rows ?? 0) === (b?.rows ?? 0);
    if (!same) {
      const show = (x: { list: number; rows: number } | undefined) =>
        x ? `$${x.list.toFixed(6)} over ${x.rows} rows` : "nothing";
      problems.push(`${k}: scanner ${show(a)}, ${got.reader} ${show(b)}`);
    }
  }
  const refMonths = byMonth(reference.totals);
  const gotMonths = byMonth(got.totals);
  for (const m of new Set([...refMonths.keys(), ...gotMonths.keys()])) {
    const a = refMonths.get(m) ?? 0;
    const b = gotMonths.get(m) ?? 0;
    if (exact ? a !== b : Math.abs(a - b) >= HALF_CENT) {
      problems.push(`${m} (all models): scanner $${a.toFixed(6)}, ${got.reader} $${b.toFixed(6)}`);
    }
  }
  return problems;
}

/** One measurement in a fresh Node process (tsx as an --import hook, as `npm run bench` runs tsx). */
function measureOnce(reader: Reader, file: string): ChildResult {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", join(ROOT, "bench", "importChild.ts"), reader, file],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 },
  );
  const line = run.stdout?.split("\n").find((l) => l.startsWith("RESULT "));
  if (run.status !== 0 || !line) {
    const why = `${run.stderr ?? ""}${run.error ? String(run.error) : ""}`.trim();
    throw new Error(`The ${reader} run on ${file} failed (exit ${run.status ?? run.signal}):\n${why}`);
  }
  return JSON.parse(line.slice("RESULT ".length)) as ChildResult;
}

/** Peak RSS above idle of one run: the sampler's highest, or the kernel's high-water mark when it rose during the read. */
export function peakAboveIdle(r: ChildResult): number {
  const kernel = r.maxRssAfter > r.maxRssBefore ? r.maxRssAfter : 0;
  return Math.max(r.sampledPeakRss, kernel) - r.idleRss;
}

function figures(results: readonly ChildResult[]): ReaderFigures {
  const peaks = results.map(peakAboveIdle);
  return {
    runs: results.length,
    wallMs: median(results.map((r) => r.wallMs)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakBytes: median(peaks),
    maxPeakBytes: peaks.reduce((a, b) => Math.max(a, b), 0),
    idleBytes: median(results.map((r) => r.idleRss)),
  };
}

export interface ImportOptions {
  readonly runs: number;
  readonly sizes?: readonly number[];
  readonly log?: (line: string) => void;
  /** The production build to serve the task pane from; without it the pane is not measured. */
  readonly build?: string;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Generates each file, measures the three readers on it `runs` times in turns (the order rotating
 * each turn, so none always goes first), checks every answer, and deletes the file.
 */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), "levers-import-"));
  const files: ImportFile[] = [];
  try {
    for (const rows of options.sizes ?? IMPORT_SIZES) {
      for (const kind of IMPORT_KINDS) {
        const gen = exportOf(kind, { rows });
        const path = join(dir, gen.name);
        const t0 = performance.now();
        const written = await writeExport(path, gen);
        const generateMs = performance.now() - t0;
        log(
          `   ${IMPORT_LABELS[kind]}, ${rows.toLocaleString("en")} rows: ${(written.bytes / 1e6).toFixed(1)} MB written in ${secs(generateMs)}`,
        );
        const results: Record<Reader, ChildResult[]> = { product: [], scanner: [], papaparse: [] };
        for (let run = 0; run < options.runs; run++) {
          for (let i = 0; i < IMPORT_READERS.length; i++) {
            const reader = IMPORT_READERS[(i + run) % IMPORT_READERS.length]!;
            const r = measureOnce(reader, path);
            results[reader].push(r);
            log(
              `     run ${run + 1}/${options.runs} ${reader.padEnd(9)} ${secs(r.wallMs)} wall, ${secs(r.cpuMs)} CPU, peak +${(peakAboveIdle(r) / 1e6).toFixed(0)} MB`,
            );
          }
        }
        // Every answer checked against the first scanner run (the scanner's own runs included).
        const reference = results.scanner[0]!;
        const problems: string[] = [];
        for (const reader of IMPORT_READERS) {
          for (const r of results[reader]) {
            for (const p of differences(reference, r)) problems.push(`${reader}: ${p}`);
          }
        }
        if (problems.length > 0) {
          throw new Error(
            `The ${IMPORT_LABELS[kind]} of ${rows.toLocaleString("en")} rows was read differently; no figures are reported:\n  ${problems.slice(0, 20).join("\n  ")}${problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ""}`,
          );
        }
        const pane =
          options.build !== undefined && kind === PANE_KIND
            ? await paneImport(options.build, path, rows, options.runs, log)
            : undefined;
        if (pane && "runTotals" in pane) {
          // The monthly table the pane wrote, every run, to the cent against the scanner.
          const wrong = pane.runTotals.flatMap((totals, run) =>
            differences(reference, { ...reference, reader: "product", totals }).map(
              (p) => `pane run ${run + 1}: ${p.replace(/product/g, "pane")}`,
            ),
          );
          if (wrong.length > 0) {
            throw new Error(
              `The pane wrote other monthly totals for the ${IMPORT_LABELS[kind]} of ${rows.toLocaleString("en")} rows than the scanner read; no figures are reported:\n  ${wrong.slice(0, 20).join("\n  ")}`,
            );
          }
        }
        if (pane && "failed" in pane) log(`     pane: FAILED: ${pane.failed}`);
        if (pane && "skipped" in pane) log(`     pane: not measured: ${pane.skipped}`);
        const sums = sumsOf(reference.totals);
        files.push({
          kind,
          rows,
          bytes: written.bytes,
          usageRows: [...sums.values()].reduce((a, s) => a + s.rows, 0),
          months: byMonth(reference.totals).size,
          models: new Set(reference.totals.map((t) => t.model)).size,
          listTotal: reference.totals.reduce((a, t) => a + t.listMicro!, 0) / 1e6,
          generateMs,
          product: figures(results.product),
          scanner: figures(results.scanner),
          papaparse: figures(results.papaparse),
          ...(pane ? { pane } : {}),
        });
        rmSync(path, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const papaparse = (
    JSON.parse(readFileSync(join(ROOT, "node_modules", "papaparse", "package.json"), "utf8")) as { version: string }
  ).version;
  return { runs: options.runs, papaparse, files };
}
