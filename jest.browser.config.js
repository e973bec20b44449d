/**
 * Browser tests: real headless Chromium (Debian's chromium) driven by playwright-core against the
 * built pages in dist/. `npm run test:browser` builds first. Screenshots go to test-output/.
 */
/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 120000,
  maxWorkers: 1,
};
