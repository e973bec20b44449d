/**
 * How the pane reads a picked file: in a Web Worker (importWorker.ts), so the pane's thread never
 * blocks on a 100 MB export (desktop Office restarts an add-in unresponsive for 5 seconds). Where a
 * page cannot start a worker, the file is read on the pane's thread as a stream, which yields between
 * chunks.
 */
import { LeverError } from "../core";
import { ByteSource, CANCELLED, dayFirstIn, FileRead, readExportStream, StreamProgress } from "../sheet/stream";
import type { PaneOptions, ReadFile } from "./pane";
import { downloadText } from "./download";

/** What the pane sends the worker: the picked file (a File is cloned to a worker without copying its bytes). */
export interface WorkerRequest {
  readonly file: ByteSource;
  readonly dayFirst: boolean;
}

/** What the worker answers. */
export type WorkerReply =
  | ({ readonly kind: "progress" } & StreamProgress)
  | { readonly kind: "done"; readonly read: FileRead }
  | { readonly kind: "error"; readonly type: LeverError["type"]; readonly message: string }
  | { readonly kind: "cancelled" };

/** The worker's script, beside the pane's (webpack's importWorker entry). */
export const WORKER_URL = "importWorker.js";

/** A ReadFile that runs each read in a fresh worker, ended when the read is done or cancelled. */
export function workerReader(url: string = WORKER_URL): ReadFile {
  return (file, options) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      return readExportStream(file, options);
    }
    return new Promise<FileRead | LeverError | typeof CANCELLED>((resolve) => {
      /** Whether the worker has answered at all: one that fails before that never ran (unverified which hosts refuse a worker). */
      let answered = false;
      const finish = (
        result: FileRead | LeverError | typeof CANCELLED | Promise<FileRead | LeverError | typeof CANCELLED>,
      ) => {
        worker.terminate();
        options.signal?.removeEventListener("abort", cancel);
        resolve(result);
      };
      const cancel = () => finish(CANCELLED);
      if (options.signal?.aborted) return cancel();
      options.signal?.addEventListener("abort", cancel);
      worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        answered = true;
        const reply = event.data;
        if (reply.kind === "progress") options.onProgress?.({ bytes: reply.bytes, rows: reply.rows });
        else if (reply.kind === "done") finish(reply.read);
        else if (reply.kind === "cancelled") finish(CANCELLED);
        else finish(new LeverError(reply.type, reply.message));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        // A worker the page could not start (its script refused or missing): read on this thread
        // instead, as a stream that yields between chunks. One that stopped midway is said.
        if (!answered) finish(readExportStream(file, options));
        else finish(new LeverError("#VALUE!", `file: could not be read (${event.message || "the reader stopped"})`));
      };
      const request: WorkerRequest = { file, dayFirst: options.dayFirst ?? false };
      worker.postMessage(request);
    });
  };
}

/** The pages' pane: files read in a Web Worker; short dates in the display language's order; files saved as downloads. */
export function paneOptions(): PaneOptions {
  return { readFile: workerReader(), dayFirst: dayFirstIn(navigator.language), saveText: downloadText };
}
