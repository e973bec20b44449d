/**
 * Browser tests: real headless Chromium (Debian's chromium) driven by playwright-core against the
 * built pages in dist/. `npm run test:browser` builds first. Screenshots go to test-output/. A machine
 * without Chromium gets it installed (as root) or is told the command to run (scripts/chromium.ts).
 */
/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 120000,
  maxWorkers: 1,
  // Installs Chromium first when it is missing and the tests run as root (scripts/chromium.ts).
  globalSetup: "<rootDir>/scripts/chromium.ts",
};
