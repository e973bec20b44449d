/**
 * Safe at any size (issue "A year of real exports"): a year of an organisation's exports is 10^5 to
 * 10^6 rows. Files of 1,000,000 rows, generated on the fly (bench/exportsGen.ts, seeded; never
 * committed), go through the whole import path: the streamed read and sum, the pane's write into
 * the in-memory workbook, and MONTHLY_USAGE over the monthly table it wrote. The monthly totals must
 * equal, to the cent, a separate straightforward sum written here; the settings the add-in saves
 * must stay under 64 KB. Speed is not asserted here (npm run bench measures it).
 */
import { consoleCostExport, exportStream, ExportGenerator, focusExport } from "../../bench/exportsGen";
import { DEFAULT_PRICE_BOOK, LeverError, readExport } from "../../src/core";
import { monthlyUsageTable as monthlyUsage } from "../../src/sheet";
import { ByteSource, FileRead, readExportStream } from "../../src/sheet/stream";
import { memoryPane } from "../taskpane/helpers";

const ROWS = 1_000_000;

/** The generator as a picked file: its size counted once, its bytes made again on each read. */
function fileOf(gen: ExportGenerator): ByteSource {
  let size = gen.header.length + 1;
  for (const line of gen.lines()) size += Buffer.byteLength(line) + 1;
  return { name: gen.name, size, stream: () => exportStream(gen) };
}

/** Fields of a CSV line, quotes honoured (the FOCUS SkuPriceDetails column holds JSON with commas). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** The straightforward sum: list and paid dollars by "month|model", one line at a time. */
function sumByHand(
  gen: ExportGenerator,
  pick: (row: string[], at: (c: string) => number) => [string, string, number, number] | undefined,
) {
  const header = gen.header.split(",");
  const at = (c: string) => header.indexOf(c);
  const sums = new Map<string, { list: number; paid: number }>();
  for (const line of gen.lines()) {
    const got = pick(fields(line), at);
    if (!got) continue;
    const [month, model, list, paid] = got;
    const key = `${month}|${model}`;
    const s = sums.get(key) ?? { list: 0, paid: 0 };
    s.list += list;
    s.paid += paid;
    sums.set(key, s);
  }
  return sums;
}

function expectSameToTheCent(read: FileRead, sums: Map<string, { list: number; paid: number }>) {
  expect(read.months.length).toBe(sums.size);
  for (const m of read.months) {
    const s = sums.get(`${m.month}|${m.model}`);
    expect(s).toBeDefined();
    expect(Math.abs(m.list! - s!.list)).toBeLessThan(0.005);
    expect(Math.abs(m.paid! - s!.paid)).toBeLessThan(0.005);
  }
}

async function streamed(file: ByteSource): Promise<FileRead> {
  const read = await readExportStream(file);
  if (read === "cancelled" || read instanceof LeverError) throw new Error(read === "cancelled" ? read : read.message);
  return read;
}

describe("1,000,000-row exports, summed to the cent", () => {
  test("Anthropic Console cost CSV: read, summed, written, and MONTHLY_USAGE over what was written", async () => {
    const gen = consoleCostExport({ rows: ROWS });
    const sums = sumByHand(gen, (r, at) => [
      r[at("usage_date_utc")]!.slice(0, 7),
      r[at("model")]!,
      Number(r[at("list_price_usd")]),
      Number(r[at("cost_usd")]),
    ]);
    const file = fileOf(gen);
    const read = await streamed(file);
    expect(read.rows).toBe(ROWS);
    expectSameToTheCent(read, sums);

    // The whole import into a workbook: monthly totals only (the default past 20,000 rows).
    const made = memoryPane();
    const { pane, workbook, port } = made;
    await pane.start();
    const outcome = await pane.importUsage(file);
    expect(outcome.ok ? "ok" : outcome.message).toBe("ok");
    if (!outcome.ok) return;
    const imported = outcome.value.imported;
    expect(imported.rawSheet).toBeUndefined();
    // What the add-in saves stays small whatever the file: under 64 KB.
    const settings: Record<string, unknown> = {};
    for (const [k, v] of workbook.settings) settings[k] = v;
    expect(JSON.stringify(settings).length).toBeLessThan(64 * 1024);
    // MONTHLY_USAGE over the table the import wrote gives the same months, to the cent.
    const table = await port.readRange(`'${imported.sheet}'!A1:F${read.months.length + 1}`);
    if (!table.ok) throw new Error(table.message);
    const agg = readExport("export", table.value.values);
    if (agg instanceof LeverError) throw new Error(agg.message);
    const spill = monthlyUsage(agg, "total", DEFAULT_PRICE_BOOK);
    if (spill instanceof LeverError) throw new Error(spill.message);
    const byMonth = new Map<string, number>();
    for (const [key, s] of sums) byMonth.set(key.slice(0, 7), (byMonth.get(key.slice(0, 7)) ?? 0) + s.list);
    expect(spill.length - 1).toBe(byMonth.size);
    for (const row of spill.slice(1))
      expect(Math.abs((row[1] as number) - byMonth.get(row[0] as string)!)).toBeLessThan(0.005);
    await pane.dispose();
  }, 300_000);

  test("FOCUS CSV: Usage-Based usage at ListCost, paid at EffectiveCost, the rest reported", async () => {
    const gen = focusExport({ rows: ROWS });
    const sums = sumByHand(gen, (r, at) => {
      if (r[at("ChargeCategory")] !== "Usage" || r[at("ChargeFrequency")] !== "Usage-Based") return undefined;
      const details = JSON.parse(r[at("SkuPriceDetails")]!) as { ModelId: string };
      return [
        r[at("ChargePeriodStart")]!.slice(0, 7),
        details.ModelId,
        Number(r[at("ListCost")]),
        Number(r[at("EffectiveCost")]),
      ];
    });
    const read = await streamed(fileOf(gen));
    expectSameToTheCent(read, sums);
    expect(read.commitment?.amount).toBe(1_000_000);
    expect(read.skippedKinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(["Tax", "Purchase", "One-time usage charge"]),
    );
  }, 300_000);
});
