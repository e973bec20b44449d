/**
 * A small XML reader for tests: enough for manifest.xml (elements, attributes, text, comments, the XML
 * declaration, the five predefined entities). No DTDs, no CDATA. Names keep their prefix ("bt:Url").
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (not its descendants'), entities decoded, trimmed. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? "";
  });
}

/** Parses a document and returns its root element. Throws on mismatched or unclosed tags. */
export function parseXml(source: string): XmlElement {
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  const attribute = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let consumed = 0;

  for (const match of source.matchAll(token)) {
    if (match.index !== consumed) throw new Error(`Unreadable XML at offset ${consumed}`);
    consumed = match.index + match[0].length;
    const [, closing, opening, attributeText = "", selfClosing, text] = match;
    const parent = stack[stack.length - 1];
    if (text !== undefined) {
      if (parent) parent.text = (parent.text + decode(text)).trim();
      else if (text.trim()) throw new Error("Text outside the root element");
    } else if (opening !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [, name = "", double, single] of attributeText.matchAll(attribute)) {
        attributes[name] = decode(double ?? single ?? "");
      }
      const element: XmlElement = { name: opening, attributes, children: [], text: "" };
      if (parent) parent.children.push(element);
      else if (root) throw new Error("More than one root element");
      else root = element;
      if (!selfClosing) stack.push(element);
    } else if (closing !== undefined) {
      const open = stack.pop();
      if (open?.name !== closing) throw new Error(`</${closing}> closes <${open?.name ?? "nothing"}>`);
    }
  }
  if (consumed !== source.length) throw new Error(`Unreadable XML at offset ${consumed}`);
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  if (!root) throw new Error("No root element");
  return root;
}

/** The element and all its descendants, in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}

/** Every element named `name` (with its prefix, if it has one) at or under `element`. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return descendants(element).filter((e) => e.name === name);
}

/** The one element named `name` at or under `element`; throws if there is not exactly one. */
export function findOne(element: XmlElement, name: string): XmlElement {
  const found = findAll(element, name);
  if (found.length !== 1) throw new Error(`Expected one <${name}>, found ${found.length}`);
  return found[0] as XmlElement;
}
