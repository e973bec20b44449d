/**
 * npm run fuzz: the hardening properties (test/hardening/properties.ts) at length, through the shipped
 * bundle. Runs at least 100,000 cases in total, split by each property's weight, and prints the count
 * and the seed; exits non-zero on a failure, after printing fast-check's counterexample.
 *
 *   npm run fuzz                          a fresh seed each run (printed)
 *   npm run fuzz -- --seed 42             replay a run
 *   npm run fuzz -- --cases 500000        a longer run
 */
import { properties } from "../test/hardening/properties";
import { shipped } from "../test/hardening/shipped";

const MIN_CASES = 100_000;

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

function main(): number {
  const seed = wholeNumber("--seed", option("--seed") ?? process.env.FUZZ_SEED, Date.now() % 2 ** 31);
  const cases = Math.max(MIN_CASES, wholeNumber("--cases", option("--cases"), MIN_CASES));
  console.log(`fuzz: seed ${seed}, at least ${cases} cases (replay: npm run fuzz -- --seed ${seed})`);

  const all = properties(shipped());
  const weights = all.reduce((s, p) => s + p.weight, 0);
  let ran = 0;
  let failures = 0;
  all.forEach((p, i) => {
    const numRuns = Math.ceil((cases * p.weight) / weights);
    const started = Date.now();
    const run = p.check(numRuns, seed + i);
    ran += run.numRuns;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${run.failed ? "FAIL" : "ok  "} ${String(run.numRuns).padStart(7)} cases ${seconds.padStart(6)} s  ${p.name}`,
    );
    if (run.failed) {
      failures++;
      console.log(run.report);
    }
  });
  console.log(`fuzz: ${ran} cases, seed ${seed}, ${failures === 0 ? "no failures" : `${failures} failing properties`}`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = main();
