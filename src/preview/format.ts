import { CALC, isCalcError } from "./leversPlugin";

/** Excel number formats applied simply for the preview grid: money ($), percent (%), grouped numbers. */
export function formatCell(value: unknown, format: string | undefined): string {
  if (value === null || value === undefined) return "";
  // An engine error (DetailedCellError) shows its code, as Excel shows #VALUE!; HyperFormula has no
  // #CALC!, which the stand-in carries as a marked error (leversPlugin.ts, CALC).
  if (typeof value === "object") {
    if (!("value" in value)) return "";
    if ("type" in value && isCalcError(value as Parameters<typeof isCalcError>[0])) return CALC;
    return String(value.value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (typeof value !== "number") return "";
  const decimals = (format ?? "").match(/0\.(0+)/)?.[1]?.length ?? 0;
  if (format?.includes("%")) return `${(value * 100).toFixed(decimals)}%`;
  const grouped = (v: number) =>
    Math.abs(v).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  if (format?.includes("$")) return `${value < 0 ? "-" : ""}$${grouped(value)}`;
  if (format?.includes("#,##0")) return `${value < 0 ? "-" : ""}${grouped(value)}`;
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
}
