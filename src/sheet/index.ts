/** The sheet layer: cell values <-> core values, for the functions and the pane alike. */
export * from "./cells";
export * from "./tables";
export * from "./terms";
export * from "./readers";
export * from "./files";
export * from "./monthly";
