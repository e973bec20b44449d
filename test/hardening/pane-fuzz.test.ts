/**
 * The short, seeded pass of the pane's model-based fuzz (paneFuzz.ts) on both platforms; `npm run
 * fuzz` runs it for 10,000 steps and more with a fresh seed.
 */
import { runPaneFuzz } from "./paneFuzz";

const SEED = 20261202;
const STEPS = 120;

describe("the pane under random use, on the Excel-faithful workbook (seed 20261202)", () => {
  test.each(["desktop", "web"] as const)(
    "%s: user data and names untouched, every model copy whole, no unhandled rejection, figures or a message, every formula recalculated",
    async (platform) => {
      const run = await runPaneFuzz(STEPS, SEED, platform, { recalculationEvery: 1 });
      expect(run.steps).toBe(STEPS);
      // The run reached the actions that matter.
      for (const action of ["build", "useMyData", "rename", "brief", "input", "failing", "cell"])
        expect([action, (run.actions[action] ?? 0) > 0]).toEqual([action, true]);
    },
    120_000,
  );
});
