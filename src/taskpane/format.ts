/** Display formats for the pane: money like $1,234,567, rates as percents. Figures stay floats until here. */

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** Dollars, rounded to the dollar: $1,234,567; negative -$1,234. "-$0" never shows. */
export function formatMoney(dollars: number): string {
  if (!Number.isFinite(dollars)) return "—";
  const rounded = Math.round(dollars);
  return money.format(rounded === 0 ? 0 : rounded);
}

const cents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });

/** A price per MTok, to the cent: $7.12. */
export function formatPrice(dollars: number): string {
  return Number.isFinite(dollars) ? cents.format(dollars) : "—";
}

/** Short money for chart labels: $250K, $1.5M. */
export function formatMoneyShort(dollars: number): string {
  const abs = Math.abs(dollars);
  const sign = dollars < 0 ? "-" : "";
  if (abs >= 1e6) return `${sign}$${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}$${trim(abs / 1e3)}K`;
  return `${sign}$${Math.round(abs)}`;
}

function trim(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** A decimal rate as a percent with at most one decimal: 0.15 -> "15%", 0.125 -> "12.5%". */
export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate)) return "—";
  const pct = Math.round(rate * 1000) / 10;
  return `${pct === 0 ? 0 : pct}%`;
}

/** Parses typed money: "$3,000,000", "3000000", "3m" -> 3000000. */
export function parseMoneyText(text: string): number | undefined {
  const t = text
    .trim()
    .replace(/[$,\s]/g, "")
    .toLowerCase();
  const m = /^(-?\d*\.?\d+)([km]?)$/.exec(t);
  if (!m) return undefined;
  const scale = m[2] === "k" ? 1e3 : m[2] === "m" ? 1e6 : 1;
  return Number(m[1]) * scale;
}

/** Parses a typed rate: "15%" or "15" -> 0.15, "0.15" -> 0.15 (a number above 1 is taken as a percent). */
export function parsePercentText(text: string): number | undefined {
  const t = text.trim().replace(/\s/g, "");
  const percent = t.endsWith("%");
  const n = Number(percent ? t.slice(0, -1) : t);
  if (t === "" || t === "%" || !Number.isFinite(n)) return undefined;
  return percent || Math.abs(n) > 1 ? n / 100 : n;
}
