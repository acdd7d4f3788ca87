/** Test support: reads written XML back into a small tree with saxes, as the importer would. */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The node's own text, without its children's. */
  text: string;
}

export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const document: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [document];
  const top = () => stack[stack.length - 1] ?? document;
  const errors: Error[] = [];
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attrs: { ...tag.attributes }, children: [], text: '' };
    top().children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    top().text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (e) => {
    errors.push(e);
  });
  parser.write(xml).close();
  if (errors[0]) throw errors[0];
  const root = document.children[0];
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of `node` named `name`. */
export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Narratives of `node` keyed by xml:lang, the missing one keyed by `defaultLang`. */
export function narrativesOf(node: XmlNode, defaultLang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of childrenNamed(node, 'narrative'))
    out[n.attrs['xml:lang'] ?? defaultLang] = n.text;
  return out;
}
