/**
 * npm run fuzz: the hardening properties (test/hardening/properties.ts) at length, through the shipped
 * bundle. Runs at least 100,000 cases in total, split by each property's weight, and prints the count
 * and the seed; exits non-zero on a failure, after printing fast-check's counterexample.
 *
 *   npm run fuzz                          a fresh seed each run (printed)
 *   npm run fuzz -- --seed 42             replay a run
 *   npm run fuzz -- --cases 500000        a longer run
 *   npm run fuzz -- --pane-steps 20000    a longer run of the pane's model-based fuzz
 *
 * Then the pane's model-based fuzz (test/hardening/paneFuzz.ts): at least 10,000 steps, half on
 * Excel desktop's conventions and half on the web's, on the Excel-faithful workbook, in runs of 500
 * steps; each run prints a line as it ends (its number, platform, seed, steps, seconds and the
 * seconds so far), and the end prints how long each phase took.
 */
import { runPaneFuzz } from "../test/hardening/paneFuzz";
import { properties } from "../test/hardening/properties";
import { shipped } from "../test/hardening/shipped";

const MIN_CASES = 100_000;
const MIN_PANE_STEPS = 10_000;
/** Steps per pane run: each run starts from a fresh workbook (a longer one only piles up model copies). */
const PANE_RUN = 500;
/** The pane fuzz checks the workbook's incremental recalculation against a full one every this many steps. */
const RECALCULATION_EVERY = 50;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}: expected a whole number, got ${text}`);
  return n;
}

/** Seconds from `from` to `to` (now), as printed. */
const seconds = (from: number, to = Date.now()): string => ((to - from) / 1000).toFixed(1);

/** The pane fuzz: `steps` in runs of PANE_RUN, alternating platforms; returns the failures. */
async function paneFuzz(steps: number, seed: number): Promise<number> {
  let ran = 0;
  let failures = 0;
  const started = Date.now();
  const runs = Math.ceil(steps / PANE_RUN);
  for (let run = 0; ran < steps; run++) {
    const platform = run % 2 === 0 ? "desktop" : "web";
    const n = Math.min(PANE_RUN, steps - ran);
    const runStarted = Date.now();
    let failure: string | undefined;
    try {
      await runPaneFuzz(n, seed + run, platform, { recalculationEvery: RECALCULATION_EVERY });
    } catch (e) {
      failures++;
      failure = e instanceof Error ? e.message : String(e);
    }
    ran += n;
    // One line per run as it ends, so a long fuzz shows its progress (and a slow run stands out).
    const which = `${String(run + 1).padStart(String(runs).length)}/${runs}`;
    console.log(
      `${failure ? "FAIL" : "ok  "} pane run ${which} ${platform.padEnd(7)} seed ${seed + run}: ${n} steps ${seconds(runStarted).padStart(6)} s; ${String(ran).padStart(String(steps).length)} steps ${seconds(started).padStart(7)} s so far`,
    );
    if (failure) console.log(`FAIL pane fuzz run ${which} (${platform}, seed ${seed + run}):\n${failure}`);
  }
  console.log(
    `${failures ? "FAIL" : "ok  "} ${String(ran).padStart(7)} steps ${seconds(started).padStart(6)} s  the pane under random use (desktop and web)`,
  );
  return failures;
}

async function main(): Promise<number> {
  const seed = wholeNumber("--seed", option("--seed") ?? process.env.FUZZ_SEED, Date.now() % 2 ** 31);
  const cases = Math.max(MIN_CASES, wholeNumber("--cases", option("--cases"), MIN_CASES));
  console.log(`fuzz: seed ${seed}, at least ${cases} cases (replay: npm run fuzz -- --seed ${seed})`);

  const started = Date.now();
  const all = properties(shipped());
  const bundled = Date.now();
  const weights = all.reduce((s, p) => s + p.weight, 0);
  let ran = 0;
  let failures = 0;
  all.forEach((p, i) => {
    const numRuns = Math.ceil((cases * p.weight) / weights);
    const checked = Date.now();
    const run = p.check(numRuns, seed + i);
    ran += run.numRuns;
    console.log(
      `${run.failed ? "FAIL" : "ok  "} ${String(run.numRuns).padStart(7)} cases ${seconds(checked).padStart(6)} s  ${p.name}`,
    );
    if (run.failed) {
      failures++;
      console.log(run.report);
    }
  });
  const propertiesDone = Date.now();
  console.log(`fuzz: ${ran} cases, seed ${seed}, ${failures === 0 ? "no failures" : `${failures} failing properties`}`);
  const paneSteps = Math.max(MIN_PANE_STEPS, wholeNumber("--pane-steps", option("--pane-steps"), MIN_PANE_STEPS));
  const paneFailures = await paneFuzz(paneSteps, seed);
  console.log(
    `fuzz: ${paneSteps} pane steps, seed ${seed}, ${paneFailures === 0 ? "no failures" : `${paneFailures} failing runs`}`,
  );
  console.log(
    `fuzz: ${seconds(started)} s in all: the bundle ${seconds(started, bundled)} s, the properties ${seconds(bundled, propertiesDone)} s, the pane ${seconds(propertiesDone)} s`,
  );
  return failures + paneFailures === 0 ? 0 : 1;
}

let finished = false;
// Node exits when nothing is left to wait for: a run that stops early must not look like a pass.
process.on("exit", () => {
  if (finished) return;
  console.log("fuzz: stopped before it finished");
  process.exitCode = 1;
});
void main().then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (e: unknown) => {
    finished = true;
    console.log(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
