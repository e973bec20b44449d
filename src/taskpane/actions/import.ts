/**
 * "Bring your usage": reads a picked export (in a Web Worker in the pane, as a stream: nothing
 * leaves the machine), then writes its monthly totals and points the model's Usage at them, and the
 * raw rows when kept. Nothing is written before the read succeeds: Cancel, or a bad file, leaves the
 * workbook as it was.
 */
import * as core from "../../core";
import { ByteSource, CANCELLED, FileRead } from "../../sheet/stream";
import { ImportResult, RAW_ROWS_BY_DEFAULT, recordRaw, writeMonthly, writeRaw } from "../importer";
import { done, errorText, Outcome, refuse } from "../port/port";
import { again, ImportProgress } from "../state";
import { delay, ReadFile, Store } from "./store";

/** What the pane says when an import is in: rows, months, models, and what a re-import replaced. */
export function importSentence(read: FileRead, result: ImportResult): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const where = `the table ${result.imported.table} on sheet ${result.imported.sheet}`;
  if (result.unchanged) {
    return `Nothing changed: every month of ${read.file} is already in ${where} as it stands.`;
  }
  const models = result.models === 1 ? "one model" : `${n(result.models)} models`;
  const months = result.months === 1 ? "one month" : `${n(result.months)} months`;
  const reimport = result.otherColumns
    ? " The earlier import's table had other columns (another kind of export), so this one replaces it."
    : result.replaced + result.kept > 0
      ? ` It replaced ${n(result.replaced)} month${result.replaced === 1 ? "" : "s"} of the earlier import and kept ${n(result.kept)}.`
      : "";
  return (
    `Imported ${n(read.rows)} rows of ${read.file} (${read.format}): ${months} of ${models} in ${where}; ` +
    `Usage is its MONTHLY_USAGE spill.${reimport}`
  );
}

/** Reads `file`, then writes what it read; refuses a second import while one runs. */
export async function importUsage(store: Store, file: ByteSource): Promise<Outcome<ImportResult>> {
  if (store.reading) return refuse("invalid", "An import is already running: wait for it, or cancel it.");
  const abort = new AbortController();
  store.reading = abort;
  const startedAt = Date.now();
  const importing = (patch: Partial<ImportProgress>) => {
    const now = store.state.importing ?? {
      file: file.name,
      bytes: 0,
      total: file.size,
      rows: 0,
      startedAt,
      phase: "reading",
    };
    store.set({ importing: { ...now, ...patch } });
  };
  store.set({ message: undefined, importReport: undefined });
  importing({});
  let read: Awaited<ReturnType<ReadFile>>;
  try {
    read = await store.readFile(file, {
      signal: abort.signal,
      dayFirst: store.dayFirst,
      onProgress: (p) => importing({ bytes: p.bytes, rows: p.rows }),
    });
  } catch (e) {
    read = new core.LeverError("#VALUE!", `the file could not be read (${errorText(e)})`);
  } finally {
    store.reading = undefined;
  }
  if (read === CANCELLED) {
    store.set({
      importing: undefined,
      message: { kind: "info", text: `Import of ${file.name} cancelled: nothing was written.` },
    });
    return refuse("invalid", "cancelled");
  }
  if (read instanceof core.LeverError) {
    const text = `${file.name}: ${read.message.replace(/^(file|export): /, "")}. Nothing was written.`;
    store.set({ importing: undefined, message: { kind: "error", text } });
    return refuse("invalid", text);
  }
  return writeImport(store, file, read);
}

/** Stops the read under way (the worker is ended); nothing has been written yet. */
export function cancelImport(store: Store): void {
  store.reading?.abort();
}

/** Writes a read export: the monthly table and names, then the raw rows when kept. "Try again" comes back here. */
export async function writeImport(store: Store, file: ByteSource, read: FileRead): Promise<Outcome<ImportResult>> {
  const retry = again("writeImport", file, read);
  const base = store.state.importing;
  store.set({
    importing: {
      file: file.name,
      bytes: read.bytes,
      total: file.size,
      rows: read.rows,
      startedAt: base?.startedAt ?? Date.now(),
      phase: "writing",
    },
    message: undefined,
  });
  // The worker's answer, the write and the pane's redraws each get a task of their own: the pane's
  // thread never holds the page for one long task (a host that answers at once, as the in-memory
  // workbook does, would otherwise run them all in the task that took the answer).
  await delay(0);
  const outcome = await store.act(() => writeMonthly(store.port, read), retry);
  await delay(0);
  if (!outcome.ok) {
    store.set({ importing: undefined });
    store.say(outcome, "", retry);
    return outcome;
  }
  let result = outcome.value;
  const keepRaw = store.state.keepRaw ?? read.records <= RAW_ROWS_BY_DEFAULT;
  const said = importSentence(read, result) + (result.saveProblem ? ` ${result.saveProblem}` : "");
  if (keepRaw && !result.unchanged) {
    const raw = await keepRawRows(store, file, read, said);
    if (raw.ok) {
      result = { ...result, imported: { ...result.imported, rawSheet: raw.value.sheet, rawTable: raw.value.table } };
    }
  } else {
    store.say(outcome, said);
  }
  store.set({ importing: undefined, importReport: { read, result }, view: "usage" });
  await store.refresh();
  return done(result);
}

/**
 * "Also keep the raw rows": writes them on a sheet of their own, after the monthly totals are in.
 * A failure says how far it got and offers "Try again", which writes them again on a fresh sheet.
 */
export async function keepRawRows(
  store: Store,
  file: ByteSource,
  read: FileRead,
  said: string,
): Promise<Outcome<{ sheet: string; table: string }>> {
  const retry = again("keepRawRows", file, read, said);
  store.set({
    importing: {
      file: file.name,
      bytes: read.bytes,
      total: file.size,
      rows: read.records,
      startedAt: store.state.importing?.startedAt ?? Date.now(),
      phase: "raw",
      rowsWritten: 0,
    },
  });
  const raw = await store.act(
    () =>
      writeRaw(store.port, file, read, (n) => store.set({ importing: { ...store.state.importing!, rowsWritten: n } })),
    retry,
  );
  store.set({ importing: undefined });
  if (raw.ok) {
    await recordRaw(store.port, raw.value).catch(() => undefined);
    store.say(raw, `${said} The raw rows are in the table ${raw.value.table} on sheet ${raw.value.sheet}.`);
  } else if (!store.said(raw)) {
    const text = `${said} ${raw.message}`;
    if (raw.code === "failed") store.offer(text, retry);
    else store.set({ message: { kind: "error", text } });
  }
  return raw;
}
