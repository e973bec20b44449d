/**
 * RFC 4180 CSV split as it arrives, in pieces of any size (a streamed file), as Excel opens it: the
 * delimiter found from the header line, quoted fields holding delimiters, doubled quotes and line
 * breaks. Fields come out as text; what a cell is (a number, blank) is the reader's business.
 */

/** The delimiter of a header line: the most frequent of `,` `;` tab outside quotes (a comma on a tie). */
export function delimiterOf(line: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

const QUOTE = 34;
const RETURN = 13;

/**
 * RFC 4180 records from text that arrives in pieces. A line with no quote is split natively; a
 * record with quotes is read character by character (quoted delimiters, doubled quotes, line
 * breaks). Fields are the text between delimiters, unconverted: the aggregator reads the cells it
 * needs. A record cut by the end of a piece waits for the next.
 */
/** The longest record waited for: past it, a quote that is never closed is taken as one (not a record). */
export const MAX_RECORD_CHARS = 1_000_000;

export class CsvSplitter {
  private carry = "";
  /**
   * A quoted field that is never closed: the text from its record on cannot be split. Set once the
   * text waiting passes MAX_RECORD_CHARS or ends inside it; the reader then refuses the file (a
   * silently dropped rest of the file is the worst answer).
   */
  unclosed = false;
  /** Columns wanted (the aggregator's), once set: a line without quotes gives only those, in one reused row. */
  private wanted: boolean[] | undefined;
  private row: string[] = [];
  private key = -1;

  constructor(private readonly delimiter: string) {}

  /**
   * From now on, give lines without quotes as one reused row holding only `columns` (others
   * undefined): the rest of the fields are never made into strings. A line whose `key` column is
   * empty is given whole, so a row that is blank there is still looked at cell by cell.
   */
  only(columns: readonly number[], key: number): void {
    const wanted: boolean[] = [];
    for (const c of columns) if (c >= 0) wanted[c] = true;
    this.wanted = wanted;
    this.row = new Array<string>(wanted.length);
    this.key = key;
  }

  /** The wanted fields of the line buf[from, end), or undefined when its key column is empty. */
  private pick(buf: string, from: number, end: number): string[] | undefined {
    const wanted = this.wanted!;
    const row = this.row;
    const d = this.delimiter;
    let col = 0;
    let start = from;
    while (col < wanted.length) {
      let stop = start > end ? -1 : buf.indexOf(d, start);
      if (stop === -1 || stop > end) stop = end;
      if (wanted[col]) row[col] = start > end ? "" : buf.slice(start, stop);
      start = stop + 1;
      col++;
    }
    return row[this.key] === "" ? undefined : row;
  }

  /** Feeds a piece; `emit` gets each whole record. */
  push(text: string, emit: (fields: string[]) => void): void {
    if (this.unclosed) return;
    const buf = this.carry === "" ? text : this.carry + text;
    this.carry = "";
    const d = this.delimiter;
    let pos = 0;
    let nextQuote = buf.indexOf('"');
    while (pos < buf.length) {
      const nl = buf.indexOf("\n", pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);
      if (nextQuote === -1 || (nl !== -1 && nextQuote > nl)) {
        if (nl === -1) break; // the rest waits for its line's end
        const end = nl > pos && buf.charCodeAt(nl - 1) === RETURN ? nl - 1 : nl;
        const picked = this.wanted ? this.pick(buf, pos, end) : undefined;
        emit(picked ?? buf.slice(pos, end).split(d));
        pos = nl + 1;
        continue;
      }
      const next = this.quoted(buf, pos, emit);
      if (next === -1) break;
      pos = next;
    }
    this.carry = buf.slice(pos);
    // A record this long is a quote left open: waiting on would read the rest of the file again at
    // every piece (quadratic time) and hold it all.
    if (this.carry.length > MAX_RECORD_CHARS) this.unclosed = true;
  }

  /** Ends the text: a last record without a line break is emitted; one that cannot close marks `unclosed`. */
  end(emit: (fields: string[]) => void): void {
    if (this.carry === "" || this.unclosed) return;
    const rest = this.carry;
    this.carry = "";
    this.push(`${rest}\n`, emit);
    if (this.carry !== "") this.unclosed = true;
    this.carry = "";
  }

  /**
   * Reads one record with quotes from `start`: the position after it, or -1 when the text ends
   * inside it. A field that starts with a quote runs to its closing quote (a doubled quote is one
   * quote; delimiters and line breaks inside are text; what follows the closing quote up to the
   * delimiter is kept, as Excel keeps it); any other field runs to the next delimiter or line end,
   * a quote inside it being text. Fields are found with indexOf, not character by character.
   */
  private quoted(buf: string, start: number, emit: (fields: string[]) => void, whole = false): number {
    const d = this.delimiter;
    // With wanted columns, only those are made into strings, into the reused row.
    const wanted = whole ? undefined : this.wanted;
    const fields: string[] = wanted ? this.row : [];
    if (wanted) fields.fill("");
    let col = 0;
    let i = start;
    let nl = buf.indexOf("\n", i);
    for (;;) {
      let field = "";
      if (buf.charCodeAt(i) === QUOTE) {
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || q + 1 >= buf.length) return -1;
          if (buf.charCodeAt(q + 1) === QUOTE) {
            field += buf.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          field += buf.slice(from, q);
          i = q + 1;
          break;
        }
        if (nl !== -1 && nl < i) nl = buf.indexOf("\n", i);
      }
      if (nl === -1) return -1;
      let stop = buf.indexOf(d, i);
      if (stop === -1 || stop > nl) stop = nl;
      const end = stop === nl && stop > i && buf.charCodeAt(stop - 1) === RETURN ? stop - 1 : stop;
      if (!wanted) fields.push(i === end ? field : field + buf.slice(i, end));
      else if (wanted[col]) fields[col] = i === end ? field : field + buf.slice(i, end);
      col++;
      if (stop === nl) {
        // A row blank in its key column is given whole, to be looked at cell by cell.
        if (wanted && fields[this.key] === "") return this.quoted(buf, start, emit, true);
        emit(fields);
        return nl + 1;
      }
      i = stop + 1;
    }
  }
}
