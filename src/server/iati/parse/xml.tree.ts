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
  /** Relative to the activity, e.g. `transaction[3]/value`: see `stepName`. */
  path: string;
  spec: ElementSpec;
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
