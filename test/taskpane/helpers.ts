/** A pane over an in-memory workbook, as the unit tests use it. */
import { MemoryWorkbook, memoryPort } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import { Pane } from "../../src/taskpane/pane";
import { GuardedPort } from "../../src/taskpane/port/port";

export function memoryPane(workbook = new MemoryWorkbook(calculateModelFormula)): {
  workbook: MemoryWorkbook;
  port: GuardedPort;
  pane: Pane;
} {
  const port = memoryPort(workbook);
  return { workbook, port, pane: new Pane(port) };
}

/**
 * Lets the workbook's custom functions finish calculating (they read #BUSY! until then, as in Excel)
 * and the pane read the result.
 */
export async function settle({ workbook, pane }: { workbook: MemoryWorkbook; pane: Pane }): Promise<void> {
  await workbook.calculated();
  await pane.refresh();
}

/** A pane with the sample model built and read. */
export async function samplePane(): Promise<ReturnType<typeof memoryPane>> {
  const made = memoryPane();
  await made.pane.start();
  const built = await made.pane.buildModel(true);
  if (!built.ok) throw new Error(built.message);
  await settle(made);
  return made;
}
