/**
 * The pane's file reader: a Web Worker where the page can start one, else the same streamed read
 * on the pane's thread. Node has no Worker: a stand-in plays one that the page could not start
 * (its script refused), and one that answers.
 */
import { LeverError } from "../../src/core";
import { workerReader } from "../../src/taskpane/fileReader";
import type { ByteSource, FileRead } from "../../src/sheet/stream";

const csv = "Month,Model,List $\n2026-10,Opus,5\n2026-11,Opus,7\n";
const blob = new Blob([csv]);
const file: ByteSource = { name: "usage.csv", size: blob.size, stream: () => blob.stream() };
const global = globalThis as unknown as { Worker?: unknown };

afterEach(() => {
  delete global.Worker;
});

test("a worker the page cannot start: the file is read on the pane's thread instead", async () => {
  global.Worker = class {
    onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
    constructor() {
      setTimeout(() => this.onerror?.({ message: "refused by the page's policy", preventDefault() {} }), 0);
    }
    postMessage(): void {}
    terminate(): void {}
  };
  const read = (await workerReader()(file, {})) as FileRead;
  expect(read.months.map((m) => [m.month, m.list])).toEqual([
    ["2026-10", 5],
    ["2026-11", 7],
  ]);
});

test("a worker that stops after it answered: said, not read again", async () => {
  global.Worker = class {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
    postMessage(): void {
      setTimeout(() => {
        this.onmessage?.({ data: { kind: "progress", bytes: 10, rows: 1 } });
        this.onerror?.({ message: "out of memory", preventDefault() {} });
      }, 0);
    }
    terminate(): void {}
  };
  const read = await workerReader()(file, {});
  expect((read as LeverError).message).toBe("file: could not be read (out of memory)");
});
