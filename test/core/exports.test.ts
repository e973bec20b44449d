/**
 * The export formats as Excel's functions bundle ships them (core/exports.ts writes them compactly:
 * spellings separated by spaces, columns by "|", the date column the first one needed) are the
 * formats written out in full here, together with the columns only the import reads
 * (core/importAggregate.ts REPORTED_COLUMNS). A new or changed format changes both.
 */
import { EXPORT_FORMATS, ExportFormat } from "../../src/core";
import { REPORTED_COLUMNS, ReportedColumns } from "../../src/core/importAggregate";

const LIST_SPELLINGS = ["list", "list_dollars", "list_usd", "list_cost", "list_price", "list_price_usd", "list_amount"];
const PAID_SPELLINGS = ["paid", "paid_dollars", "paid_usd", "billed", "billed_dollars", "billed_usd"];

/** The formats written out in full (as core/exports.ts had them before they were written compactly). */
const WRITTEN_OUT: readonly (ExportFormat & ReportedColumns)[] = [
  {
    id: "anthropic-analytics-cost",
    label: "Anthropic Usage & Cost Analytics cost report",
    needs: [["starting_at"], ["cost_list_amount", "list_amount"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["group_model", "model"],
    list: { column: ["cost_list_amount", "list_amount"], scale: 0.01 },
    billed: { column: ["cost_amount", "amount"], scale: 0.01 },
  },
  {
    id: "anthropic-console-cost",
    label: "Anthropic Console cost CSV",
    needs: [["usage_date_utc"], ["cost_usd"], ["list_price_usd"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model"],
    list: { column: ["list_price_usd"], scale: 1 },
    billed: { column: ["cost_usd"], scale: 1 },
  },
  {
    id: "anthropic-console-cost-billed",
    label: "Anthropic Console cost CSV (older, billed only)",
    needs: [["usage_date_utc"], ["cost_usd"]],
    without: [["list_price_usd"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model"],
    billed: { column: ["cost_usd"], scale: 1 },
  },
  {
    id: "focus",
    label: "FOCUS cost and usage CSV",
    needs: [["chargeperiodstart"], ["chargecategory"], ["listcost"]],
    date: ["chargeperiodstart"],
    dateKind: "calendar",
    model: ["resourcename", "skuid"],
    modelInJson: { column: ["skupricedetails"], key: "ModelId" },
    list: { column: ["listcost"], scale: 1 },
    // What the usage cost at the negotiated terms: EffectiveCost (amortized). BilledCost is cash, 0
    // for usage drawn from a prepaid commitment (EXPORTS.md "FOCUS"); it is read where EffectiveCost is absent.
    billed: { column: ["effectivecost", "billedcost"], scale: 1 },
    usageOnly: { column: ["chargecategory"], values: ["usage"] },
    usageFrequency: { column: ["chargefrequency"], values: ["usagebased"] },
    description: ["chargedescription"],
    cash: { column: ["billedcost"], scale: 1 },
    commitment: {
      category: { column: ["chargecategory"], values: ["purchase"] },
      kind: { column: ["commitmentdiscountcategory"], values: ["spend"] },
      end: ["chargeperiodend"],
    },
  },
  {
    id: "anthropic-console-usage-older",
    label: "Anthropic Console usage CSV (older: one cache-write column)",
    needs: [["usage_date_utc"], ["usage_output_tokens"], ["usage_input_tokens_cache_write"]],
    without: [["usage_input_tokens_cache_write_5m"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model_version", "model"],
    tokens: [
      { column: ["usage_input_tokens_no_cache"], kind: "input" },
      // No 5-minute / 1-hour split: priced as 5-minute writes, and every column says so (EXPORTS.md).
      { column: ["usage_input_tokens_cache_write"], kind: "cache_write" },
      { column: ["usage_input_tokens_cache_read"], kind: "cache_read" },
      { column: ["usage_output_tokens"], kind: "output" },
    ],
    batch: { column: ["usage_type"], values: ["batch"] },
    note: " (cache writes at the 5-minute rate)",
  },
  {
    id: "anthropic-console-usage",
    label: "Anthropic Console usage CSV",
    needs: [["usage_date_utc"], ["usage_output_tokens"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model_version", "model"],
    tokens: [
      { column: ["usage_input_tokens_no_cache"], kind: "input" },
      { column: ["usage_input_tokens_cache_write_5m"], kind: "cache_write" },
      { column: ["usage_input_tokens_cache_write_1h"], kind: "cache_write_1h" },
      { column: ["usage_input_tokens_cache_read"], kind: "cache_read" },
      { column: ["usage_output_tokens"], kind: "output" },
    ],
    batch: { column: ["usage_type"], values: ["batch"] },
  },
  {
    id: "anthropic-analytics-usage",
    label: "Anthropic Usage & Cost Analytics usage report",
    needs: [["starting_at"], ["usage_output_tokens"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["group_model", "model"],
    tokens: [
      { column: ["usage_uncached_input_tokens"], kind: "input" },
      { column: ["usage_cache_creation_ephemeral_5m_input_tokens"], kind: "cache_write" },
      { column: ["usage_cache_creation_ephemeral_1h_input_tokens"], kind: "cache_write_1h" },
      { column: ["usage_cache_read_input_tokens"], kind: "cache_read" },
      { column: ["usage_output_tokens"], kind: "output" },
    ],
    batch: { column: ["group_service_tier", "service_tier"], values: ["batch"] },
  },
  {
    id: "anthropic-usage-report",
    label: "Anthropic Admin API usage report",
    needs: [["starting_at"], ["uncached_input_tokens"], ["output_tokens"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["model"],
    tokens: [
      { column: ["uncached_input_tokens"], kind: "input" },
      { column: ["cache_creation_ephemeral_5m_input_tokens"], kind: "cache_write" },
      { column: ["cache_creation_ephemeral_1h_input_tokens"], kind: "cache_write_1h" },
      { column: ["cache_read_input_tokens"], kind: "cache_read" },
      { column: ["output_tokens"], kind: "output" },
    ],
    batch: { column: ["service_tier"], values: ["batch"] },
  },
  {
    id: "openai-usage",
    label: "OpenAI organization completions usage",
    needs: [["start_time", "bucket_start_time"], ["input_tokens"], ["output_tokens"]],
    date: ["start_time", "bucket_start_time"],
    dateKind: "unixSeconds",
    model: ["model"],
    tokens: [
      { column: ["input_tokens"], kind: "input" },
      { column: ["input_cached_tokens"], kind: "cache_read" },
      { column: ["input_cache_write_tokens"], kind: "cache_write" },
      { column: ["output_tokens"], kind: "output" },
    ],
    inputIncludes: [["input_cached_tokens"], ["input_cache_write_tokens"]],
    batch: { column: ["batch"], values: ["true", "1"] },
  },
  {
    id: "anthropic-cost-report",
    label: "Anthropic Admin API cost report (billed only)",
    needs: [["starting_at"], ["amount"], ["cost_type"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["model", "description"],
    billed: { column: ["amount"], scale: 0.01 },
  },
  {
    id: "openai-costs",
    label: "OpenAI organization costs (billed only)",
    needs: [["start_time", "bucket_start_time"], ["amount_value"]],
    date: ["start_time", "bucket_start_time"],
    dateKind: "unixSeconds",
    model: ["line_item", "project_id"],
    billed: { column: ["amount_value"], scale: 1 },
  },
  {
    id: "plain",
    label: "a plain table of month (or date), model and list dollars",
    needs: [["month", "date"], ["model"], LIST_SPELLINGS],
    date: ["month", "date"],
    dateKind: "calendar",
    model: ["model"],
    list: { column: LIST_SPELLINGS, scale: 1 },
    // The pane's monthly table carries what was paid beside list (Paid $), for OBSERVED_DISCOUNT.
    billed: { column: PAID_SPELLINGS, scale: 1 },
  },
  {
    id: "plain-billed",
    label: "a plain table of month (or date), model and billed dollars",
    needs: [["month", "date"], ["model"], PAID_SPELLINGS],
    without: [LIST_SPELLINGS],
    date: ["month", "date"],
    dateKind: "calendar",
    model: ["model"],
    billed: { column: PAID_SPELLINGS, scale: 1 },
  },
];

describe("EXPORT_FORMATS", () => {
  test("are the formats written out in full, with the import's reported columns", () => {
    const shipped = EXPORT_FORMATS.map((f) => ({ ...f, ...REPORTED_COLUMNS[f.id] }));
    expect(shipped).toStrictEqual(WRITTEN_OUT);
  });

  test("every format with reported columns is a format", () => {
    const ids = EXPORT_FORMATS.map((f) => f.id);
    for (const id of Object.keys(REPORTED_COLUMNS)) expect(ids).toContain(id);
  });

  test("a format's functions-side table holds none of the import's columns", () => {
    for (const f of EXPORT_FORMATS) {
      for (const key of ["description", "cash", "commitment"]) expect(f).not.toHaveProperty(key);
    }
  });
});
