/**
 * "Bring your usage": the file picker, the raw-rows choice, the progress bar while an import runs and
 * the last import's summary. The file is read in the pane (a Web Worker reads it as a stream) and goes
 * into the workbook only: nothing is sent anywhere.
 */
import { formatMoney, formatPercent } from "../format";
import { RAW_ROWS_BY_DEFAULT } from "../importer";
import type { FileRead } from "../../sheet/stream";
import type { ImportProgress, PaneState } from "../state";
import { Actions, button, html, nothing, TemplateResult, valueOf } from "./common";

const n = (x: number) => x.toLocaleString("en-US");

const RAW_CHOICES: readonly (readonly [string, string])[] = [
  ["auto", `Keep the raw rows for exports of up to ${n(RAW_ROWS_BY_DEFAULT)} rows`],
  ["keep", "Also keep the raw rows, whatever the size"],
  ["drop", "Monthly totals only"],
];

export function importControl(state: PaneState, act: Actions): TemplateResult {
  const busy = state.importing !== undefined;
  const chosen = state.keepRaw === undefined ? "auto" : state.keepRaw ? "keep" : "drop";
  const picked = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void act.importUsage(file);
  };
  const raw = (e: Event) => {
    const value = valueOf(e);
    act.setKeepRaw(value === "auto" ? undefined : value === "keep");
  };
  return html`<div class="import">
    <label for="import-file">Import a usage or cost export</label>
    <input
      type="file"
      id="import-file"
      accept=".csv,.tsv,.txt,.json,text/csv,application/json"
      ?disabled=${busy}
      @change=${picked}
    />
    <label for="import-raw">Raw rows (a sheet of their own, read by no formula)</label>
    <select id="import-raw" ?disabled=${busy} @change=${raw}>
      ${RAW_CHOICES.map(([value, label]) => html`<option value=${value} .selected=${value === chosen}>${label}</option>`)}
    </select>
    ${state.importing ? importProgress(state.importing, act) : nothing}
    ${state.importReport ? importReport(state.importReport.read, act) : nothing}
  </div>`;
}

/** The progress bar: bytes and rows read, rows per second; Cancel while reading. */
function importProgress(p: ImportProgress, act: Actions): TemplateResult {
  const mb = (x: number) => (x / 1024 ** 2).toFixed(1);
  const seconds = Math.max(0.001, (Date.now() - p.startedAt) / 1000);
  const text =
    p.phase === "reading"
      ? `Reading ${p.file}: ${mb(p.bytes)} of ${mb(p.total)} MB, ${n(p.rows)} rows (${n(Math.round(p.rows / seconds))} rows a second)…`
      : p.phase === "writing"
        ? `Read ${n(p.rows)} rows of ${p.file}; writing the monthly totals…`
        : `Keeping the raw rows: ${n(p.rowsWritten ?? 0)} of ${n(p.rows + 1)} written…`;
  const max = p.phase === "raw" ? p.rows + 1 : Math.max(1, p.total);
  const value = p.phase === "raw" ? (p.rowsWritten ?? 0) : p.phase === "writing" ? max : p.bytes;
  return html`<div class="progress" data-testid="import-progress">
    <progress max=${max} .value=${value} aria-label=${`Import of ${p.file}`}></progress>
    <p class="muted" role="status">${text}</p>
    ${p.phase === "reading" ? button("Cancel", "import-cancel", () => act.cancelImport()) : nothing}
  </div>`;
}

/** What the last import read, skipped and found: one summary, in words and dollars. */
function importReport(read: FileRead, act: Actions): TemplateResult {
  const lines: [string, string][] = [];
  const line = (label: string, text: string) => lines.push([label, text]);
  const months = read.months.map((m) => m.month);
  line("Rows read", `${n(read.rows)} usage rows of ${read.file} (${read.format})`);
  for (const k of read.skippedKinds) {
    line(`Skipped: ${k.kind}`, `${n(k.rows)} row${k.rows === 1 ? "" : "s"}, ${formatMoney(k.amount)} (not usage)`);
  }
  for (const c of read.oneTime) line(`One-time charge, ${c.date}`, `${c.description}: ${formatMoney(c.amount)}`);
  if (months.length > 0) line("Months", `${n(new Set(months).size)}, ${months[0]} to ${months[months.length - 1]}`);
  line("Models", n(read.models.length));
  if (read.listTotal !== undefined) line("List total", formatMoney(read.listTotal));
  if (read.paidTotal !== undefined) line(read.billedOnly ? "Billed total" : "Paid total", formatMoney(read.paidTotal));
  if (read.observedDiscount !== undefined) line("Observed discount", formatPercent(read.observedDiscount));
  if (read.note) line("Assumption", `every month's list dollars${read.note}`);
  if (read.shortDates) {
    line(
      "Short dates",
      `read ${read.shortDates.dayFirst ? "day first (1/4/25 is 1 April)" : "month first (4/1/25 is 1 April)"}` +
        (read.shortDates.assumed ? ", as your display language writes dates: no date in the file says which" : ""),
    );
  }
  const c = read.commitment;
  return html`<div class="import-report">
    <h3>Last import</h3>
    <dl class="lines" data-testid="import-report">
      ${lines.map(([label, text]) => html`<dt>${label}</dt><dd>${text}</dd>`)}
    </dl>
    ${
      read.provisional.length > 0
        ? html`<p class="warning" role="note">${
            `Provisional: ${read.provisional.join(", ")} ended less than 30 days before the export's newest date (${read.newestDate ?? "?"}); ` +
            "the vendor may still revise these months. Import a newer export later: it replaces them and keeps the rest."
          }</p>`
        : nothing
    }
    ${
      c
        ? html`<p>${`The export states a spend commitment of ${formatMoney(c.amount)} from ${c.start} to ${c.end} (${n(c.months)} months).`}</p>
          ${button(
            `Use ${formatMoney((c.amount * 12) / c.months)} a year as the draft's commit`,
            "use-stated-commit",
            () => act.useStatedCommitment(),
          )}`
        : nothing
    }
  </div>`;
}
