// `npm start`: serves the add-in for sideloading and the preview page (webpack serve, development mode).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const webpack = require.resolve("webpack/bin/webpack.js");

console.log(`
Commit Levers development server (https://localhost:3000)

  Try it without Excel:  https://localhost:3000/preview.html
      the model workbook computed live (HyperFormula, development only) with the task pane beside it

  Use it in Excel:       sideload manifest.xml
      Excel on the web: Home > Add-ins > More add-ins > Upload My Add-in > manifest.xml
      Excel desktop:    add this folder as a shared-folder catalog (see README, "Use it in Excel")
      then open dist/commit-levers-model.xlsx (npm run template) or use the pane's "Build the model"
`);

const child = spawn(process.execPath, [webpack, "serve", "--mode", "development", ...process.argv.slice(2)], {
  stdio: "inherit",
});
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
