/**
 * Saving a file the pane made, in the browser: a Blob, an object URL and a link with `download`,
 * clicked. The file goes to the user's downloads and nowhere else: no request leaves the pane.
 * The one DOM helper the store holds (as `saveText`); tests give the store one of their own.
 */
import type { TextFile } from "./focus";

/** Saves `file` as a download (CSV text, UTF-8). Throws when the page cannot make a download. */
export function downloadText(file: TextFile, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([file.text], { type }));
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = file.name;
    link.rel = "noopener";
    link.style.display = "none";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has started the download: revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
