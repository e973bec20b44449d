/**
 * `npm run template` writes the model workbook: the writer runs into a temporary folder and the file
 * is reopened with exceljs; every sheet, defined name, formula and number format of the model
 * definition must be there, with formulas stored as Excel stores JavaScript custom functions.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PRICE_BOOK } from "../../src/core";
import { priceBookTable } from "../../src/sheet";
import { SHEETS, buildModel } from "../../src/model/definition";
import { USAGE_TABLE, callsCustomFunction, toStoredFormula, writeModelWorkbook } from "../../scripts/template";

const model = buildModel({ sample: true, priceBook: priceBookTable(DEFAULT_PRICE_BOOK) });
let dir: string;
let file: string;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "commit-levers-template-"));
  file = await writeModelWorkbook(join(dir, "commit-levers-model.xlsx"));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A formula as exceljs reads it back (the shared master's text for array formulas). */
function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const value = cell.value as { formula?: string; sharedFormula?: string } | null;
  return value && typeof value === "object" ? value.formula : undefined;
}

describe("the model workbook file", () => {
  it("has the model's sheets, in order", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(model.sheets.map((s) => s.name));
  });

  it("defines every name of the model", () => {
    for (const name of model.names) {
      expect({ name: name.name, ref: workbook.definedNames.getRanges(name.name).ranges }).toEqual({
        name: name.name,
        ref: [name.ref],
      });
    }
  });

  const formulaCells = model.sheets.flatMap((s) =>
    s.cells.filter((c) => c.formula).map((c) => ({ sheet: s.name, address: c.address, formula: c.formula! })),
  );

  it.each(formulaCells)("$sheet!$address holds $formula as Excel stores it", ({ sheet, address, formula }) => {
    const stored = formulaOf(workbook.getWorksheet(sheet)!.getCell(address));
    expect(stored).toBe(toStoredFormula(formula));
    if (callsCustomFunction(formula)) {
      expect(stored).toMatch(/_xldudf_LEVERS_[A-Z_]+\(/);
      expect(stored).not.toContain("LEVERS.");
    }
  });

  it("writes every formula cell of the model (none missing, none extra)", () => {
    const written: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => formulaOf(cell) && written.push(`${sheet.name}!${cell.address}`)));
    }
    expect(written.sort()).toEqual(formulaCells.map((c) => `${c.sheet}!${c.address}`).sort());
  });

  it("keeps every constant, number format and column width", () => {
    for (const sheetModel of model.sheets) {
      const sheet = workbook.getWorksheet(sheetModel.name)!;
      for (const cell of sheetModel.cells) {
        const target = sheet.getCell(cell.address);
        if (!cell.formula && cell.value !== null && cell.value !== undefined) {
          expect({ at: `${sheetModel.name}!${cell.address}`, value: target.value }).toEqual({
            at: `${sheetModel.name}!${cell.address}`,
            value: cell.value,
          });
        }
        if (cell.format) {
          expect({ at: `${sheetModel.name}!${cell.address}`, format: target.numFmt }).toEqual({
            at: `${sheetModel.name}!${cell.address}`,
            format: cell.format,
          });
        }
      }
      sheetModel.widths?.forEach((width, i) => expect(sheet.getColumn(i + 1).width).toBe(width));
    }
  });

  it("styles headers, inputs, outputs and the illustrative bands differently", () => {
    const fill = (sheet: string, a1: string) =>
      (workbook.getWorksheet(sheet)!.getCell(a1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    const fills = [
      fill(SHEETS.deal, "A1"),
      fill(SHEETS.deal, "B2"),
      fill(SHEETS.summary, "B5"),
      fill(SHEETS.bands, "A2"),
    ];
    expect(fills.every((f) => typeof f === "string")).toBe(true);
    expect(new Set(fills).size).toBe(4);
  });

  it("holds the usage as an Excel table over the Usage sheet", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const table = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(table).toContain(`name="${USAGE_TABLE}"`);
    expect(table).toMatch(/ref="A1:M25"/);
    expect(await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string")).toContain("tables/table1.xml");
  });

  it("saves the custom-function cells as dynamic arrays, with the cell metadata Excel reads", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    expect(zip.file("xl/metadata.xml")).not.toBeNull();
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("/xl/metadata.xml");
    const summary = await zip.file("xl/worksheets/sheet5.xml")!.async("string");
    expect(summary).toMatch(/<c r="A20"[^>]* cm="1"><f t="array" ref="A20">_xldudf_LEVERS_LEVER_VALUES\(Usage,Deal\)/);
    expect(summary).toMatch(/<c r="B3"[^>]*><f>SUM\(Usage\)<\/f>/);
    expect(summary).not.toContain("LEVERS.");
  });
});
