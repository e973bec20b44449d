/** Unit tests: ts-jest in Node. Tests under test/browser/ drive a real browser and run separately. */
/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  setupFiles: ["<rootDir>/test/helpers/fastCheckSeed.ts"],
};
