/**
 * The quick pass of the fuzzing properties (test/hardening/properties.ts): a few hundred cases each,
 * with a fixed seed so a failure here is the same failure on every machine. `npm run fuzz` runs the
 * same properties at length with a fresh seed.
 */
import { properties } from "./properties";
import { BUNDLE_TIMEOUT_MS, shipped } from "./shipped";

/** Fixed: the quick pass is reproducible. */
export const QUICK_SEED = 20261122;
const CASES_PER_WEIGHT = 100;

const all = properties(shipped());

describe("fuzzing, quick pass (seed 20261122)", () => {
  test.each(all.map((p, i) => [p.name, p, i] as const))(
    "%s",
    (_, p, i) => {
      const run = p.check(CASES_PER_WEIGHT * p.weight, QUICK_SEED + i);
      if (run.failed) throw new Error(run.report);
      expect(run.numRuns).toBe(CASES_PER_WEIGHT * p.weight);
    },
    BUNDLE_TIMEOUT_MS,
  );
});
