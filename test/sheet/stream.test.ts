/**
 * The streamed reader (sheet/stream.ts): decoding, CSV splitting in pieces, and the same totals as
 * MONTHLY_USAGE over the same rows (one aggregator, so a function call over a pasted range and an
 * imported file cannot disagree).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PRICE_BOOK, LeverError } from "../../src/core";
import { readImport, summarize } from "../../src/core/importAggregate";
import { tableFromFile } from "../../src/sheet/files";
import { ByteSource, dayFirstIn, FileRead, readExportStream } from "../../src/sheet/stream";
import { CsvSplitter, delimiterOf } from "../../src/sheet/csv";
import { JsonSplitter } from "../../src/sheet/json";
import { ROOT } from "../helpers/loadBundle";

const FIXTURES = join(ROOT, "test", "fixtures", "exports");

/** A file whose stream hands out its bytes in pieces of `piece` bytes (the last may be shorter). */
function fileOf(name: string, bytes: Uint8Array, piece = 65_536): ByteSource {
  return {
    name,
    size: bytes.length,
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(at, at + piece));
          at += piece;
        },
      });
    },
  };
}
const text = (s: string) => new TextEncoder().encode(s);

async function streamed(file: ByteSource, dayFirst = false): Promise<FileRead> {
  const r = await readExportStream(file, { dayFirst });
  if (r === "cancelled" || r instanceof LeverError) throw new Error(String(r instanceof LeverError ? r.message : r));
  return r;
}

const fixtures = readdirSync(FIXTURES).filter((f) => /\.(csv|json)$/.test(f));

describe("a streamed file and MONTHLY_USAGE over its rows agree", () => {
  test.each(fixtures)("%s, whole and one byte at a time", async (name) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
    const grid = tableFromFile(name, new TextDecoder().decode(bytes));
    if (grid instanceof LeverError) throw new Error(grid.message);
    const agg = readImport("export", grid);
    const expected = agg instanceof LeverError ? agg : summarize(agg, DEFAULT_PRICE_BOOK);
    const whole = await readExportStream(fileOf(name, bytes));
    const bytewise = await readExportStream(fileOf(name, bytes, 1));
    if (expected instanceof LeverError) {
      // A model the price book does not know (a fixture for that case): the same message either way.
      expect((whole as LeverError).message.replace(/^file: /, "export: ")).toBe(expected.message);
      return;
    }
    for (const got of [whole, bytewise]) {
      if (got === "cancelled" || got instanceof LeverError) throw new Error(got === "cancelled" ? got : got.message);
      expect(got.months).toEqual(expected.months);
      expect(got.observedDiscount).toEqual(expected.observedDiscount);
      expect(got.skipped).toBe(expected.skipped);
    }
  });
});

describe("decoding: what a byte-order mark says, else strict UTF-8, else Windows-1252", () => {
  const csv = "Month,Model,List $\r\n2026-10,Modèle à,12.5\r\n";
  test("UTF-8 with and without a BOM", async () => {
    for (const bytes of [text(csv), new Uint8Array([0xef, 0xbb, 0xbf, ...text(csv)])]) {
      const r = await streamed(fileOf("u.csv", bytes, 3));
      expect(r.months[0]).toMatchObject({ month: "2026-10", model: "Modèle à", list: 12.5 });
      expect(r.encoding).toBe("utf-8");
    }
  });

  test("UTF-16 LE and BE with their BOM (Excel's Unicode Text)", async () => {
    const units = Array.from(csv, (ch) => ch.charCodeAt(0));
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
    expect((await streamed(fileOf("le.csv", le, 5))).months[0]).toMatchObject({ model: "Modèle à", list: 12.5 });
    expect((await streamed(fileOf("be.csv", be, 5))).encoding).toBe("utf-16be");
  });

  test("bytes that are no UTF-8 are Windows-1252, as Excel's CSV (Comma delimited) writes them", async () => {
    // "Modèle à" in Windows-1252: è is 0xE8, à 0xE0; the euro sign 0x80.
    const bytes = new Uint8Array([
      ...text("Month,Model,List $\n2026-10,Mod"),
      0xe8,
      ...text("le "),
      0xe0,
      0x80,
      ...text(",7\n"),
    ]);
    const r = await streamed(fileOf("w.csv", bytes, 4));
    expect(r.encoding).toBe("windows-1252");
    expect(r.months[0]).toMatchObject({ model: "Modèle à€", list: 7 });
  });
});

describe("splitting: RFC 4180 in pieces, the delimiter from the header", () => {
  test("a ;-separated European CSV has decimal commas", async () => {
    const r = await streamed(fileOf("eu.csv", text("Month;Model;List $\n2026-10;Opus;1.250,50\n2026-10;Opus;0,85\n")));
    expect(r.delimiter).toBe(";");
    expect(r.months[0]!.list).toBeCloseTo(1251.35, 12);
  });

  test("tab-separated, and the last line without a line break", async () => {
    const r = await streamed(fileOf("t.tsv", text("Month\tModel\tList $\n2026-10\tOpus\t3\n2026-11\tOpus\t4")));
    expect(r.delimiter).toBe("\t");
    expect(r.months.map((m) => m.list)).toEqual([3, 4]);
  });

  test("quoted delimiters, doubled quotes and line breaks inside a field, cut anywhere", () => {
    const source = 'a,b,c\r\n"x, ""y""\nz",2,3\n4,"",6\n';
    const whole: string[][] = [];
    new CsvSplitter(",").push(source, (f) => whole.push(f));
    expect(whole).toEqual([
      ["a", "b", "c"],
      ['x, "y"\nz', "2", "3"],
      ["4", "", "6"],
    ]);
    for (let cut = 1; cut < source.length; cut++) {
      const rows: string[][] = [];
      const s = new CsvSplitter(",");
      s.push(source.slice(0, cut), (f) => rows.push(f));
      s.push(source.slice(cut), (f) => rows.push(f));
      s.end((f) => rows.push(f));
      expect(rows).toEqual(whole);
    }
  });

  test("only the columns the aggregator reads are made into strings, yet a row without a date is still looked at whole", async () => {
    // Row 3 has no date but a model and an amount: not a blank row, so its date is the error (also quoted).
    for (const line of [",Opus,5", ',"Opus",5']) {
      const r = await readExportStream(fileOf("p.csv", text(`Month,Model,List $,Note\n2026-10,Opus,1,x\n${line}\n`)));
      expect(r instanceof LeverError ? r.message : r).toBe(
        'file: row 3, Month: "" is not a date (ISO text, a date-time or an Excel date)',
      );
    }
    // A row of empty fields is blank and skipped; a short row reads its missing cells as blank.
    const ok = await streamed(
      fileOf("q.csv", text('Month,Model,List $,Note\n2026-10,Opus,1,"a, b"\n,,,\n2026-11,Opus\n')),
    );
    expect(ok.months.map((m) => [m.month, m.list, m.rows])).toEqual([
      ["2026-10", 1, 1],
      ["2026-11", 0, 1],
    ]);
  });

  test("the delimiter is the most frequent of , ; tab outside quotes", () => {
    expect(delimiterOf("a,b,c")).toBe(",");
    expect(delimiterOf('a;b;"c,d,e"')).toBe(";");
    expect(delimiterOf("a\tb\tc,d")).toBe("\t");
    expect(delimiterOf("one")).toBe(",");
  });
});

describe("short dates follow the display language when the file does not say", () => {
  test("en-US writes month first; en-GB, de and fr day first", () => {
    expect(dayFirstIn("en-US")).toBe(false);
    expect(dayFirstIn("en-GB")).toBe(true);
    expect(dayFirstIn("de-DE")).toBe(true);
    expect(dayFirstIn("fr-FR")).toBe(true);
  });

  test("the read says which order it took and whether it had to assume", async () => {
    const file = fileOf("d.csv", text("Date,Model,List $\n4/1/25,Opus,1\n"));
    expect((await streamed(file, true)).months[0]!.month).toBe("2025-01");
    expect((await streamed(file, true)).shortDates).toEqual({ dayFirst: true, assumed: true });
    expect((await streamed(file, false)).months[0]!.month).toBe("2025-04");
  });
});

describe("files no reader should crash on", () => {
  test("JSON nested as deep as the file: read to a sane depth, never past the stack", async () => {
    // 100,000 levels of arrays, then of objects: recursion that deep would throw a RangeError.
    const arrays = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const objects = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    for (const body of [arrays, objects]) {
      const r = await readExportStream(fileOf("deep.json", text(body)));
      expect(r).toBeInstanceOf(LeverError);
      expect((r as LeverError).message).not.toMatch(/MB is more than can be read/);
    }
  });

  test("a file past 2 GB is refused by its size, before a byte is read", async () => {
    const huge: ByteSource = {
      name: "year.csv",
      size: 3 * 1024 ** 3,
      stream: () => {
        throw new Error("not to be read");
      },
    };
    const r = await readExportStream(huge);
    expect((r as LeverError).message).toBe(
      "file: 3072 MB is more than can be read here (at most 2 GB, within the memory the pane has); export fewer months at a time",
    );
  });
});

describe("what review found (each failed before its fix)", () => {
  test("a quoted field never closed refuses the file, naming its row, instead of dropping the rest", async () => {
    const lines = ["Month,Model,List $"];
    for (let i = 0; i < 300; i++) lines.push(i === 5 ? '2026-10-01,"Opus,1' : "2026-10-01,Opus,1");
    const small = await readExportStream(fileOf("open.csv", text(lines.join("\n")), 64));
    expect((small as LeverError).message).toBe(
      'file: row 7 opens a quoted field (") that is never closed, so the rest of the file cannot be read',
    );
    // Past a million characters waiting, it stops at once rather than reading the rest again at every piece.
    const big = `Month,Model,List $\n2026-10-01,"Opus${"x".repeat(1_200_000)}`;
    expect((await readExportStream(fileOf("big.csv", text(big), 65_536))) as LeverError).toMatchObject({
      message: expect.stringMatching(/^file: row 2 opens a quoted field/),
    });
  });

  test("lines ending in a lone carriage return (Excel for Mac's Macintosh CSV) are lines", async () => {
    const r = await streamed(fileOf("mac.csv", text("Month,Model,List $\r2026-10,Opus,2\r2026-11,Opus,3\r"), 5));
    expect(r.months.map((m) => [m.month, m.list])).toEqual([
      ["2026-10", 2],
      ["2026-11", 3],
    ]);
  });

  test("a row of spaces is blank, as the sheet counts it; every record is counted apart from usage rows", async () => {
    const r = await streamed(fileOf("s.csv", text("Month,Model,List $\n2026-10,Opus,5\n ,  ,\n2026-11,Opus,6\n")));
    expect(r.months.map((m) => m.list)).toEqual([5, 6]);
    expect(r.rows).toBe(2);
    expect(r.records).toBe(3);
  });

  test("a ;-separated file with point decimals reads them as decimals", async () => {
    const r = await streamed(fileOf("p.csv", text("Month;Model;List $\n2026-10;Opus;0.125\n2026-10;Opus;1.250,5\n")));
    expect(r.months[0]!.list).toBeCloseTo(1250.625, 12);
  });
});

describe("JSON is split into its pages as it arrives, never held whole", () => {
  const source = '{"data":[{"a":1}],"next":"x}"}\n{"data":[{"a":"q\\"}"}]}[{"a":2},{"b":[3,{"c":"]"}]}]';
  const expected = ['{"data":[{"a":1}],"next":"x}"}', '{"data":[{"a":"q\\"}"}]}', '{"a":2}', '{"b":[3,{"c":"]"}]}'];

  test("pages pasted one after another, and an array's elements, each come out whole, cut anywhere", () => {
    for (let cut = 1; cut < source.length; cut++) {
      const values: string[] = [];
      const s = new JsonSplitter();
      s.push(source.slice(0, cut), (v) => values.push(v));
      s.push(source.slice(cut), (v) => values.push(v));
      expect(values).toEqual(expected);
      expect(s.whole).toBe(true);
    }
  });

  test("a file that stops inside a value, or closes one it never opened, is no JSON", async () => {
    for (const body of ['{"data": [', '{"data": []}}']) {
      const r = await readExportStream(fileOf("costs.json", text(body)));
      expect((r as LeverError).message).toMatch(/^file: not a JSON response with records/);
    }
  });
});
