/**
 * The fine-print step's headline ("Your asks are worth over the term (each alone)") with a draft that
 * carries unused commitment over, so the carryover cap is a live term: the sum of the lever values of
 * step_up, ratchet, excluded_share and carryover_cap, each the whole draft's cost less the same draft
 * with that one term at its ask (DOMAIN.md "The value of a lever"). An old test mirror restated the
 * headline without carryover_cap; these goldens catch that where the cap binds.
 *
 * Every figure below is worked by hand (a calculator, exact fractions) from docs/DOMAIN.md's ledger
 * rules and the sample model's inputs, never read off the code.
 *
 * The inputs (./sampleGoldens.ts): monthly list dollars = sampleUsage().usage, 24 months; the Deal,
 * draft / ask: commit 3,000,000 / 3,000,000; discount 0.15 / 0.15; overage_rate 1 / "committed";
 * carryover 0 / 0.5 (the draft set to 0.5 here); period_months 12 / 12; uplift 0.08 / 0; step_up 0.1 / 0;
 * ratchet 0 / 0; excluded_share 0.05 / 0; renewal_cap "none" / 0.05; renewal_months 12 / 12;
 * carryover_cap 0.25 / "none".
 *
 * Per-period sums of the list dollars:
 *   L1 = months 1-12  = 3,421,035
 *   L2 = months 13-24 = 4,554,310
 *
 * What is common to every cost below (the draft, and the draft with step_up, excluded_share or
 * carryover_cap at its ask):
 *   - two 12-month periods, d = 0.15 (1 - d = 0.85), overage at list (m = 1);
 *   - uplift 0.08 without a lock: year-2 list is 1.08 x L2 = 4,918,654.8 (year 1 is L1);
 *   - the renewal horizon is in every cost (renewal_cap is in the table): the last 12 months once, at
 *     the renewal rate; no cap in the draft, so rate 1: 4,554,310. None of the fine-print asks moves
 *     it (it depends on the discount and the renewal cap only), so it cancels in every lever;
 *   - ratchet is 0 in draft and ask: not an ask, its lever is 0 (no summary row).
 *
 * ---------------------------------------------------------------------------------------------------
 * Case A: the draft carryover set to 0.5 (the cap stays at the sample's 0.25).
 *
 * The draft: C1 = 3,000,000, C2 = 3,000,000 x 1.1 = 3,300,000; 5% of usage excluded.
 *   drawn D1 = 0.85 x 0.95 x 3,421,035 = 2,762,485.7625
 *   drawn D2 = 0.85 x 0.95 x 4,918,654.8 = 3,971,813.751
 *   period 1: available 3,000,000, unused U1 = 237,514.2375;
 *     carry = min(0.5 x U1, 0.25 x C1) = min(118,757.11875, 750,000) = 118,757.11875 (the cap does NOT bind)
 *     forfeited 118,757.11875
 *   period 2: available 3,300,000 + 118,757.11875 = 3,418,757.11875; overage E2 = 553,056.63225,
 *     billed at list E2 / 0.85 = 650,654.861471 (= 2,212,226,529 / 3,400); nothing left unused
 *   excluded usage billed at m x list: 0.05 x (3,421,035 + 4,918,654.8) = 416,984.49
 *   cost = 6,300,000 + 650,654.861471 + 416,984.49 + 4,554,310 = 11,921,949.351471 (= 8,106,925,559 / 680)
 *
 * step_up at 0: C2 = 3,000,000, carry unchanged (period 1 is the same), available 3,118,757.11875,
 *   E2 = 853,056.63225, billed 1,003,596.037941: cost 11,974,890.527941;
 *   lever = -300,000 commitment + 300,000 / 0.85 more overage = 300,000 - 352,941.176471 = -52,941.176471 (= -900,000 / 17)
 * excluded_share at 0: D1 = 0.85 x 3,421,035 = 2,907,879.75, U1 = 92,120.25, carry min(46,060.125, 750,000)
 *   = 46,060.125; D2 = 0.85 x 4,918,654.8 = 4,180,856.58 against 3,346,060.125: E2 = 834,796.455,
 *   billed 982,113.476471; nothing excluded: cost 11,836,423.476471;
 *   lever = 650,654.861471 + 416,984.49 - 982,113.476471 = 85,525.875 (= 684,207 / 8)
 * carryover_cap at "none": carry 0.5 x U1 = 118,757.11875, the same as capped: lever 0.
 *
 * Headline A = -52,941.176471 + 0 + 85,525.875 + 0 = 32,584.698529 (= 4,431,519 / 136).
 * Here the cap cannot bind: 0.5 x U1 > 0.25 x C1 would need U1 > 1,500,000, i.e. C1 > 2 x D1 = 5,524,971.5,
 * and then period 2 (D2 = 3,971,813.751 < 1.35 C1) has no overage for a carry to reduce; so with the
 * sample's 0.25 cap its lever is 0 at any commit, and case A cannot tell the mirror's sum from the pane's.
 *
 * ---------------------------------------------------------------------------------------------------
 * Case B: the draft carryover 0.5 and the draft cap 2% (cap = 0.02 x 3,000,000 = 60,000), so it binds.
 *
 * The draft: D1, D2 and U1 as in case A.
 *   carry = min(118,757.11875, 60,000) = 60,000 (binds); forfeited 237,514.2375 - 60,000 = 177,514.2375
 *   period 2: available 3,360,000, E2 = 3,971,813.751 - 3,360,000 = 611,813.751, billed / 0.85 = 719,780.883529
 *   cost = 6,300,000 + 719,780.883529 + 416,984.49 + 4,554,310 = 11,991,075.373529 (= 4,076,965,627 / 340)
 *
 * step_up at 0: carry still 60,000, available 3,060,000, E2 = 911,813.751, billed 1,072,722.06:
 *   cost 12,044,016.55; lever = 11,991,075.373529 - 12,044,016.55 = -52,941.176471 (= -900,000 / 17)
 * excluded_share at 0: U1 = 92,120.25, carry min(46,060.125, 60,000) = 46,060.125 (the cap no longer binds);
 *   E2 = 4,180,856.58 - 3,346,060.125 = 834,796.455, billed 982,113.476471: cost 11,836,423.476471 (as in A);
 *   lever = 11,991,075.373529 - 11,836,423.476471 = 154,651.897059 (= 10,516,329 / 68)
 * carryover_cap at "none": carry 118,757.11875, period 2 as in case A's draft: cost 11,921,949.351471;
 *   lever = 11,991,075.373529 - 11,921,949.351471 = 69,126.022059 (= (118,757.11875 - 60,000) / 0.85
 *   = 9,401,139 / 136): the 58,757.11875 committed-rate dollars the cap forfeits come back as overage at list.
 *
 * Headline B = -52,941.176471 + 0 + 154,651.897059 + 69,126.022059 = 170,836.742647 (= 23,233,797 / 136).
 * Without carryover_cap (the mirror's bug) it would read -52,941.176471 + 154,651.897059 = 101,710.720588
 * (= 13,832,658 / 136).
 */
import { samplePane } from "./helpers";
import { sampleUsage } from "./sampleGoldens";

const L1 = 3_421_035;
const L2 = 4_554_310;

/** Case A: draft carryover 0.5, cap 0.25 (does not bind). */
const A = {
  step_up: -900_000 / 17,
  excluded_share: 684_207 / 8,
  carryover_cap: 0,
  headline: 4_431_519 / 136,
};

/** Case B: draft carryover 0.5, cap 0.02 (binds). */
const B = {
  step_up: -900_000 / 17,
  excluded_share: 10_516_329 / 68,
  carryover_cap: 9_401_139 / 136,
  headline: 23_233_797 / 136,
  /** The mirror's bug: the headline without the carryover cap's lever. */
  withoutCap: 13_832_658 / 136,
};

type Pane = Awaited<ReturnType<typeof samplePane>>["pane"];

const leverOf = (pane: Pane, key: string) => pane.state.figures!.summary.rows.find((r) => r.key === key)?.value;

describe("fine print with carryover in the draft", () => {
  it("reads the sample usage the goldens rest on", async () => {
    const { usage } = sampleUsage();
    expect(usage).toHaveLength(24);
    expect(usage.slice(0, 12).reduce((s, u) => s + u, 0)).toBe(L1);
    expect(usage.slice(12).reduce((s, u) => s + u, 0)).toBe(L2);
    const { pane } = await samplePane();
    expect(pane.state.data!.usage).toEqual(usage);
  });

  it("carryover 50%, the sample's 25% cap: the cap does not bind and is worth 0", async () => {
    const { pane } = await samplePane();
    expect(await pane.setInput("carryover.draft", "50%")).toMatchObject({ ok: true });
    expect(pane.state.data!.terms.draft.carryover).toBe(0.5);
    expect(pane.state.data!.terms.draft.carryoverCap).toBe(0.25);
    expect(leverOf(pane, "step_up")).toBeCloseTo(A.step_up, 6);
    expect(leverOf(pane, "excluded_share")).toBeCloseTo(A.excluded_share, 6);
    expect(leverOf(pane, "carryover_cap")).toBeCloseTo(A.carryover_cap, 6);
    expect(leverOf(pane, "ratchet")).toBeUndefined();
    expect(pane.state.figures!.steps.fineprint.headline.value).toBeCloseTo(A.headline, 6);
  });

  it("carryover 50% and a 2% cap: the cap binds and its lever is in the headline", async () => {
    const { pane } = await samplePane();
    expect(await pane.setInput("carryover.draft", "50%")).toMatchObject({ ok: true });
    expect(await pane.setInput("carryover_cap.draft", "2%")).toMatchObject({ ok: true });
    expect(pane.state.data!.terms.draft.carryover).toBe(0.5);
    expect(pane.state.data!.terms.draft.carryoverCap).toBe(0.02);
    expect(leverOf(pane, "step_up")).toBeCloseTo(B.step_up, 6);
    expect(leverOf(pane, "excluded_share")).toBeCloseTo(B.excluded_share, 6);
    expect(leverOf(pane, "carryover_cap")).toBeCloseTo(B.carryover_cap, 6);
    const headline = pane.state.figures!.steps.fineprint.headline.value;
    expect(headline).toBeCloseTo(B.headline, 6);
    // The mirror's bug: dropping carryover_cap from the sum would show 101,710.72.
    expect(Math.abs(headline - B.withoutCap)).toBeGreaterThan(60_000);
  });
});
