/** Unit tests: ts-jest in Node. Tests under test/browser/ drive a real browser and run separately. */
/** @type {import("jest").Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  // lit-html ships only ES modules: ts-jest turns them into CommonJS for the suites that load the view.
  transform: {
    "^.+\\.tsx?$": "ts-jest",
    "^.+/node_modules/lit-html/.+\\.js$": [
      "ts-jest",
      { tsconfig: { allowJs: true, module: "commonjs" }, isolatedModules: true },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!lit-html/)"],
  setupFiles: ["<rootDir>/test/helpers/fastCheckSeed.ts"],
};
