import type { SourcePosition } from '../iati.model.js';
import type { ElementSpec } from './iati.elements.js';

/**
 * One known element of an activity, kept only until the activity has been turned into an
 * IatiActivity. Unknown elements are not kept (they stay in the activity's original XML).
 */
export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Text and CDATA directly inside the element, untrimmed. */
  text: string;
  position: SourcePosition;
  spec: ElementSpec;
  parent: XNode | null;
  /** 1-based rank among the parent's children of the same name. */
  rank: number;
}

/**
 * A path step names the element, with its 1-based rank among same-named siblings when the schema
 * lets it repeat (or when a singleton was repeated anyway): `transaction[3]`, `value`, `title[2]`.
 */
export function stepName(name: string, rank: number, repeatable: boolean): string {
  return repeatable || rank > 1 ? `${name}[${rank}]` : name;
}

export function joinPath(parent: string, step: string): string {
  return parent === '' ? step : `${parent}/${step}`;
}

/** The node's path relative to its activity, e.g. `transaction[3]/value` ('' for the activity). */
export function pathOf(node: XNode): string {
  const steps: string[] = [];
  for (let n = node; n.parent !== null; n = n.parent)
    steps.push(stepName(n.name, n.rank, n.spec.repeat));
  return steps.reverse().join('/');
}

/** Element positions by path, as problems name them; a Map of them works as well. */
export interface ElementPositions {
  get(path: string): SourcePosition | undefined;
}

/**
 * Positions looked up in the activity's element tree, so that no path is built for an element
 * nobody asks about. Each node's children are indexed on first use.
 */
export class TreePositions implements ElementPositions {
  private readonly index = new WeakMap<XNode, Map<string, XNode>>();

  constructor(private readonly root: XNode) {}

  get(path: string): SourcePosition | undefined {
    let node: XNode | undefined = this.root;
    for (const step of path === '' ? [] : path.split('/')) {
      if (!node) return undefined;
      node = this.childrenOf(node).get(step.includes('[') ? step : `${step}[1]`);
    }
    return node?.position;
  }

  private childrenOf(node: XNode): Map<string, XNode> {
    let map = this.index.get(node);
    if (!map) {
      map = new Map(node.children.map((c) => [`${c.name}[${c.rank}]`, c]));
      this.index.set(node, map);
    }
    return map;
  }
}

export function childNodes(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

export function childNode(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/**
 * An attribute value with surrounding whitespace removed (every IATI attribute is a code, a
 * number, a date or an identifier, for which XML Schema collapses whitespace); empty → null.
 */
export function attr(node: XNode | undefined, name: string): string | null {
  const v = node?.attrs[name]?.trim();
  return v === undefined || v === '' ? null : v;
}

/** `attr` of the first `child` element: `<activity-status code="2"/>` → "2". */
export function childAttr(node: XNode | undefined, child: string, name = 'code'): string | null {
  return attr(childNode(node, child), name);
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. Strings read from the XML
 * are slices of the decoded chunk they came from and keep all of it alive: kept for the whole
 * file (an identifier in a set, say), they would keep the whole file in memory.
 */
export function detached(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}
