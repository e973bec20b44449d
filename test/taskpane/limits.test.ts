/**
 * The in-memory workbook refuses a settings save above 2 MB, as Office's settings.saveAsync reports a
 * failed result (excelBehaviour.ts, SETTINGS_LIMIT_BYTES, has the sources and what is unverified).
 */
import { CommonApiCodes, OfficeAsyncError, SETTINGS_LIMIT_BYTES, payloadBytes } from "../../src/taskpane/port/excel";
import { MemoryWorkbook, memoryPort } from "../../src/taskpane/port/memoryPort";

const MB = 1024 * 1024;
/** A text setting whose value is `megabytes` MB of ASCII. */
const text = (megabytes: number) => "x".repeat(Math.round(megabytes * MB));

describe("settings over 2 MB", () => {
  it("a 2.1 MB save fails as saveAsync reports it (4001, Save Settings Error) and stores nothing", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.setSettings({ "commitLevers.term": 24 });
    const save = workbook.setSettings({ "commitLevers.big": text(2.1) });
    await expect(save).rejects.toBeInstanceOf(OfficeAsyncError);
    await expect(save).rejects.toMatchObject({
      code: CommonApiCodes.saveSettings,
      name: "Save Settings Error",
      message: "The settings could not be saved.",
    });
    // The document keeps what it had: nothing of the failed save, nothing lost.
    expect(workbook.settings.has("commitLevers.big")).toBe(false);
    expect(await workbook.getSetting("commitLevers.term")).toBe(24);
  });

  it("a 1.9 MB save succeeds and reads back", async () => {
    const workbook = new MemoryWorkbook();
    const value = text(1.9);
    await workbook.setSettings({ "commitLevers.big": value });
    expect(await workbook.getSetting("commitLevers.big")).toBe(value);
  });

  it("the limit is on all the settings together, as the one JSON property bag Office stores", async () => {
    const workbook = new MemoryWorkbook();
    await workbook.setSettings({ a: text(1.1) });
    expect(payloadBytes({ a: text(1.1), b: text(1.1) })).toBeGreaterThan(SETTINGS_LIMIT_BYTES);
    await expect(workbook.setSettings({ b: text(1.1) })).rejects.toMatchObject({ code: CommonApiCodes.saveSettings });
    expect([...workbook.settings.keys()]).toEqual(["a"]);
    // Replacing the first setting with a smaller one keeps the total under the limit.
    await workbook.setSettings({ a: "small", b: text(1.1) });
    expect([...workbook.settings.keys()].sort()).toEqual(["a", "b"]);
  });

  it("counts UTF-8 bytes of the JSON (bytes or characters is unverified), on desktop as on the web", async () => {
    const workbook = new MemoryWorkbook();
    workbook.platform = "desktop";
    // 1.2 M characters of "é" (2 bytes each in UTF-8): 1.2 MB of characters, 2.4 MB of bytes.
    await expect(workbook.setSettings({ notes: "é".repeat(Math.round(1.2 * MB)) })).rejects.toMatchObject({
      code: CommonApiCodes.saveSettings,
    });
  });

  it("reaches the pane through the port as a failure it can word", async () => {
    const workbook = new MemoryWorkbook();
    const port = memoryPort(workbook);
    await expect(port.setSettings({ "commitLevers.big": text(2.1) })).rejects.toThrow(
      "The settings could not be saved.",
    );
    await port.setSettings({ "commitLevers.big": text(1.9) });
    expect(workbook.settings.has("commitLevers.big")).toBe(true);
  });
});

describe("a failed settings save is said in words, and the pane keeps working", () => {
  it("an import into a workbook whose settings are full: the monthly totals are in, the message says the save failed", async () => {
    const { memoryPane } = await import("./helpers");
    const made = memoryPane();
    // Other settings (an older version's, say) already take all but about 500 bytes of the 2 MB.
    await made.workbook.setSettings({ "other.addin": text(1.9995) });
    await made.pane.start();
    const csv = "Month,Model,List $\n2026-10,Opus,5\n2026-11,Opus,7\n";
    const blob = new Blob([csv]);
    const outcome = await made.pane.importUsage({ name: "usage.csv", size: blob.size, stream: () => blob.stream() });
    expect(outcome.ok).toBe(true);
    expect(made.pane.state.message?.text).toContain("Excel could not save Commit Levers' settings in this workbook");
    expect(made.pane.state.message?.text).toMatch(/^Imported 2 rows of usage\.csv/);
    expect(await made.workbook.getSetting("commitLevers.model")).toBeUndefined();
    // The pane still reads and shows the workbook.
    await made.pane.refresh();
    expect(made.pane.state.phase).not.toBe("failed");
    await made.pane.dispose();
  });
});
