/**
 * `npm run template`: writes dist/commit-levers-model.xlsx, the ready model workbook, from the one
 * model definition (src/model/definition.ts) with the sample usage and the built-in price book.
 *
 * Formulas are written the way Excel itself saves JavaScript custom functions: `LEVERS.TOTAL_COST(`
 * becomes `_xldudf_LEVERS_TOTAL_COST(` inside a dynamic-array cell (`cm="1"`, with the
 * XLDAPR cell metadata Excel writes in xl/metadata.xml). Excel maps those names back to the add-in's
 * functions once the add-in has loaded. A library cannot be sure of that mapping on every Excel
 * build, so the guaranteed path stays the task pane's "Build the model" (formulas entered through
 * Office.js); see docs/readme-preview.md.
 *
 * exceljs writes legacy array formulas (`t="array"`) but not the dynamic-array flag, so the saved
 * file is post-processed with JSZip (exceljs's own zip library) to add it. exceljs cannot write
 * charts: the pane's "Write the negotiation brief" adds the cost-vs-commit chart.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_PRICE_BOOK } from "../src/core";
import { priceBookTable } from "../src/sheet";
import { CellStyle, ModelCell, ModelDefinition, SHEETS, buildModel } from "../src/model/definition";

export const DEFAULT_OUTPUT = resolve(__dirname, "..", "dist", "commit-levers-model.xlsx");
export const USAGE_TABLE = "UsageTable";

/** A formula as Excel stores a JavaScript custom function in a file: `_xldudf_NAMESPACE_NAME(`. */
export function toStoredFormula(formula: string, namespace = "LEVERS"): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  return body.replace(new RegExp(`\\b${namespace}\\.([A-Z][A-Z0-9_]*)\\(`, "g"), `_xldudf_${namespace}_$1(`);
}

/** Whether a formula calls one of the add-in's functions (such cells are saved as dynamic arrays). */
export function callsCustomFunction(formula: string, namespace = "LEVERS"): boolean {
  return formula.includes(`${namespace}.`);
}

const FILLS: Partial<Record<CellStyle, string>> = {
  header: "FFD9E1F2",
  input: "FFFFF2CC",
  output: "FFE2EFDA",
  assumption: "FFFCE4D6",
};

function applyStyle(cell: ExcelJS.Cell, style: CellStyle | undefined): void {
  if (!style) return;
  const fill = FILLS[style];
  if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  switch (style) {
    case "title":
      cell.font = { bold: true, size: 14 };
      break;
    case "header":
      cell.font = { bold: true };
      cell.border = { bottom: { style: "thin" } };
      break;
    case "input":
      // Finance convention: inputs in blue.
      cell.font = { color: { argb: "FF0000FF" } };
      break;
    case "output":
      cell.font = { bold: true };
      break;
    case "note":
      cell.font = { italic: true, color: { argb: "FF595959" } };
      break;
    case "assumption":
      cell.font = { italic: true, color: { argb: "FF833C0B" } };
      break;
  }
}

function writeCell(sheet: ExcelJS.Worksheet, model: ModelCell): void {
  const cell = sheet.getCell(model.address);
  if (model.formula) {
    const formula = toStoredFormula(model.formula);
    cell.value = callsCustomFunction(model.formula)
      ? ({ formula, shareType: "array", ref: model.address } as unknown as ExcelJS.CellFormulaValue)
      : { formula };
  } else if (model.value !== undefined && model.value !== null) {
    cell.value = model.value;
  }
  if (model.format) cell.numFmt = model.format;
  applyStyle(cell, model.style);
}

/** The Usage sheet's header row and month rows as an Excel table (the range keeps its cells' formulas). */
function addUsageTable(sheet: ExcelJS.Worksheet, usage: ModelDefinition["sheets"][number]): void {
  const headers = usage.cells.filter((c) => /^[A-Z]+1$/.test(c.address));
  const lastRow = Math.max(...usage.cells.map((c) => Number(/\d+$/.exec(c.address)![0])));
  const columns = headers.length;
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 2; r <= lastRow; r++) {
    rows.push(
      Array.from({ length: columns }, (_, c) => {
        const cell = sheet.getRow(r).getCell(c + 1);
        return cell.value;
      }),
    );
  }
  sheet.addTable({
    name: USAGE_TABLE,
    displayName: USAGE_TABLE,
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: headers
      .sort((a, b) => a.address.localeCompare(b.address, "en", { numeric: true }))
      .map((h) => ({ name: String(h.value), filterButton: true })),
    rows,
  });
}

/** The workbook as exceljs builds it (before the dynamic-array post-processing). */
export function buildWorkbook(model: ModelDefinition): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Commit Levers";
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const sheetModel of model.sheets) {
    const sheet = workbook.addWorksheet(sheetModel.name);
    sheetModel.widths?.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    for (const cell of sheetModel.cells) writeCell(sheet, cell);
    if (sheetModel.name === SHEETS.usage) {
      addUsageTable(sheet, sheetModel);
      // The table rewrites its cells' values: put formats and styles back.
      for (const cell of sheetModel.cells) {
        const target = sheet.getCell(cell.address);
        if (cell.format) target.numFmt = cell.format;
        applyStyle(target, cell.style);
      }
    }
  }
  for (const name of model.names) workbook.definedNames.add(name.ref, name.name);
  return workbook;
}

const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" ' +
  'pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" ' +
  'coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">' +
  '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/** Marks every array formula cell as a dynamic array (cm="1") and adds the cell metadata Excel reads. */
export async function markDynamicArrays(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  let marked = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    const next = xml.replace(
      /<c r="([A-Z]+\d+)"([^>]*)><f t="array" ref="\1">/g,
      (_whole, ref: string, attrs: string) => {
        marked++;
        return `<c r="${ref}"${attrs} cm="1"><f t="array" ref="${ref}">`;
      },
    );
    zip.file(path, next);
  }
  if (marked > 0) {
    zip.file("xl/metadata.xml", METADATA_XML);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>',
      ),
    );
    const relsPath = "xl/_rels/workbook.xml.rels";
    const rels = await zip.file(relsPath)!.async("string");
    zip.file(
      relsPath,
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCommitLeversMetadata" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>',
      ),
    );
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Writes the sample model workbook to `path` and returns the path. */
export async function writeModelWorkbook(path: string = DEFAULT_OUTPUT): Promise<string> {
  const model = buildModel({ sample: true, priceBook: priceBookTable(DEFAULT_PRICE_BOOK) });
  const workbook = buildWorkbook(model);
  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  const { writeFile } = await import("node:fs/promises");
  mkdirSync(dirname(path), { recursive: true });
  await writeFile(path, await markDynamicArrays(raw));
  return path;
}

if (require.main === module) {
  const target = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTPUT;
  writeModelWorkbook(target).then(
    (path) => console.log(`Wrote ${join(path)}`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
