/**
 * The Web Worker that reads a picked export (issue "A year of real exports"): the pane's thread hands
 * it the `File` and stays responsive while it streams, decodes, splits and sums the file
 * (sheet/stream.ts). It posts progress, then the summary, a message, or "cancelled". The file never
 * leaves the machine: the worker makes no request of its own. Cancel ends the worker (terminate).
 */
import { LeverError } from "../core";
import { readExportStream } from "../sheet/stream";
import type { WorkerReply, WorkerRequest } from "./fileReader";

/** The worker's global scope, as much of it as is used here (the pages' TypeScript lib is DOM's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

scope.onmessage = (event) => {
  const { file, dayFirst } = event.data;
  readExportStream(file, { dayFirst, onProgress: (p) => scope.postMessage({ kind: "progress", ...p }) }).then(
    (read) => {
      if (read === "cancelled") scope.postMessage({ kind: "cancelled" });
      else if (read instanceof LeverError) scope.postMessage({ kind: "error", type: read.type, message: read.message });
      else scope.postMessage({ kind: "done", read });
    },
    (e: unknown) =>
      scope.postMessage({ kind: "error", type: "#VALUE!", message: `file: could not be read (${String(e)})` }),
  );
};
