// A small well-formedness check for the SVG the diagram writes (no XML parser
// in the dependencies, and none is needed for this): one root element, every
// tag closed in order, attributes quoted, no raw `<` or stray `&` in text or
// attribute values, only characters XML 1.0 allows. Returns the faults found.

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})="([^"<]*)"`, 'y');
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside, entities decoded. */
  text: string;
}

export function parseXml(xml: string): { root: XmlElement | null; faults: string[] } {
  const faults: string[] = [];
  if (FORBIDDEN.test(xml)) faults.push('a character XML 1.0 forbids');
  let i = 0;
  const prolog = /^<\?xml [^?]*\?>\n?/.exec(xml);
  if (prolog) i = prolog[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const text = (raw: string, where: number) => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      if (raw[k] === '&') {
        ENTITY.lastIndex = k;
        const m = ENTITY.exec(raw);
        if (!m) faults.push(`a stray & at ${where + k}`);
        else {
          out += decode(m[0]);
          k += m[0].length - 1;
          continue;
        }
      }
      out += raw[k];
    }
    return out;
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (chunk.includes('>')) faults.push(`a raw > at ${i + chunk.indexOf('>')}`);
    const decoded = text(chunk, i);
    if (stack.length > 0) stack[stack.length - 1]!.text += decoded;
    else if (chunk.trim() !== '') faults.push(`text outside the root at ${i}`);
    if (lt < 0) break;
    const close = new RegExp(`</(${NAME})\\s*>`, 'y');
    close.lastIndex = lt;
    const c = close.exec(xml);
    if (c) {
      const open = stack.pop();
      if (!open || open.name !== c[1]) faults.push(`</${c[1]}> at ${lt} closes ${open ? `<${open.name}>` : 'nothing'}`);
      i = close.lastIndex;
      continue;
    }
    const start = new RegExp(`<(${NAME})`, 'y');
    start.lastIndex = lt;
    const s = start.exec(xml);
    if (!s) {
      faults.push(`a < that starts no tag at ${lt}`);
      i = lt + 1;
      continue;
    }
    const element: XmlElement = { name: s[1]!, attributes: {}, children: [], text: '' };
    let j = start.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = j;
      const a = ATTRIBUTE.exec(xml);
      if (!a) break;
      if (a[1]! in element.attributes) faults.push(`attribute ${a[1]} twice at ${j}`);
      element.attributes[a[1]!] = text(a[2]!, j);
      j = ATTRIBUTE.lastIndex;
    }
    const end = /\s*(\/?)>/y;
    end.lastIndex = j;
    const e = end.exec(xml);
    if (!e) {
      faults.push(`a malformed tag <${element.name}> at ${lt}`);
      i = j + 1;
      continue;
    }
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) faults.push(`a second root <${element.name}> at ${lt}`);
    else root = element;
    if (!e[1]) stack.push(element);
    i = end.lastIndex;
  }
  for (const open of stack) faults.push(`<${open.name}> never closed`);
  if (!root) faults.push('no root element');
  return { root, faults };
}

function decode(entity: string): string {
  const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  if (named[entity]) return named[entity];
  const hex = entity.startsWith('&#x');
  return String.fromCodePoint(parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
}

/** Every element under `root` (itself included), depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
