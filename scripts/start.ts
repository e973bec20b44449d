/**
 * `npm start`: sideloads into desktop Excel where it is installed, otherwise serves the add-in and the
 * preview at https://localhost:3000 (scripts/office.ts decides; `npm start -- --serve-only` always serves).
 */
import { planStart } from "./office";
import { realSystem, runForeground, tools } from "./system";

const plan = planStart(realSystem, process.argv.slice(2), tools);

console.log(`
Commit Levers development server (https://localhost:3000)

  ${plan.why}

  Try it without Excel:  https://localhost:3000/preview.html
      the model workbook computed live (HyperFormula, development only) with the task pane beside it

  Use it in Excel:       ${
    plan.mode === "sideload"
      ? "Excel opens with the add-in sideloaded (Home > Commit Levers); npm stop removes it"
      : "sideload manifest.xml"
  }
      Excel on the web: Home > Add-ins > More add-ins > Upload My Add-in > manifest.xml
      Excel desktop:    npm start on Windows or Mac sideloads it (see README, "Use it in Excel")
      then open dist/commit-levers-model.xlsx (npm run template) or use the pane's "Build the model"
`);

runForeground(plan.command);
