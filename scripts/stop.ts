/** `npm stop`: undoes `npm start`'s sideload (office-addin-debugging stop) where there is one. */
import { planStop } from "./office";
import { realSystem, runForeground, tools } from "./system";

const plan = planStop(realSystem, tools);
console.log(plan.why);
if (plan.command) runForeground(plan.command);
