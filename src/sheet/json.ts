/**
 * JSON values split as text arrives, in pieces of any size (a streamed file): each top-level value
 * (one response page, or several pasted one after another) and, in a top-level array, each of its
 * elements (an array of pages, or of records) comes out as its own text, so a reader holds one page
 * at a time, never the file.
 */
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;

export class JsonSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The top-level value is an array: its elements are what comes out. */
  private topArray = false;
  /** The text of the value being read, from the pieces before this one. */
  private parts: string[] = [];
  private collecting = false;
  /** How many values came out. */
  count = 0;
  /** A closing bracket without its opening one: the text is no JSON. */
  broken = false;

  /** Whether the text so far ends between values (no value half read). */
  get whole(): boolean {
    return this.depth === 0 && !this.inString && !this.broken;
  }

  /** Feeds a piece; `emit` gets the text of each whole value. */
  push(text: string, emit: (value: string) => void): void {
    let start = this.collecting ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.depth === 0 && c === OPEN_ARRAY) this.topArray = true;
        else if (this.depth === 0 || (this.depth === 1 && this.topArray)) {
          start = i;
          this.collecting = true;
        }
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth < 0) {
          this.broken = true;
          return;
        }
        if (this.depth === 0 && this.topArray && !this.collecting) {
          this.topArray = false;
          continue;
        }
        if (this.collecting && this.depth === (this.topArray ? 1 : 0)) {
          this.parts.push(text.slice(start, i + 1));
          emit(this.parts.join(""));
          this.count++;
          this.parts = [];
          this.collecting = false;
          start = -1;
        }
      }
    }
    if (this.collecting) this.parts.push(text.slice(start === -1 ? 0 : start));
  }
}
