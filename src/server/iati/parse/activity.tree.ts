import type { SaxesTagPlain } from 'saxes';
import type { IatiProblem, SourcePosition } from '../iati.model.js';
import { ACTIVITY_SPEC, isForeignAttribute } from './iati.elements.js';
import { makeProblem } from './problems.js';
import { joinPath, pathOf, type XNode } from './xml.tree.js';

/** An unknown element found outside any activity or inside one: reported once per name. */
export function unknownElement(name: string, position: SourcePosition, path: string): IatiProblem {
  const extension = name.includes(':');
  return makeProblem(
    extension ? 'xml.extension_element' : 'xml.unknown_element',
    extension
      ? `<${name}> is an extension element from another namespace: it is kept in the original XML but not read`
      : `<${name}> is not an IATI element here: it is kept in the original XML but not read`,
    { position, path },
  );
}

/**
 * Builds the element tree of one activity as saxes reads it, and checks it against the schema's
 * element tree as it goes (what a validating parser would say, without one): unknown elements
 * and attributes, repeated singletons, missing required attributes and children, stray text.
 */
export class ActivityTree {
  readonly root: XNode;
  readonly problems: IatiProblem[] = [];
  private readonly stack: XNode[];
  /** Children seen so far, by name, for each open element (the stack's); null until one is. */
  private readonly ranks: (Map<string, number> | null)[] = [null];
  /** What was reported once per activity: unknown names, stray attributes, stray text. */
  private readonly reported = new Set<string>();

  constructor(
    tag: SaxesTagPlain,
    position: SourcePosition,
    /** Offset of `<iati-activity` in the text stream, to cut the activity's XML out. */
    readonly start: number,
  ) {
    this.root = {
      name: tag.name,
      attrs: tag.attributes,
      children: [],
      text: '',
      position,
      spec: ACTIVITY_SPEC,
      parent: null,
      rank: 1,
    };
    this.stack = [this.root];
    this.checkAttributes(this.root);
  }

  /** Opens a child of the innermost open element; false when it is unknown (skip its subtree). */
  open(tag: SaxesTagPlain, position: SourcePosition): boolean {
    const parent = this.stack[this.stack.length - 1] ?? this.root;
    const spec = parent.spec.children.get(tag.name);
    if (!spec) {
      if (!this.reported.has(tag.name)) {
        this.reported.add(tag.name);
        this.problems.push(unknownElement(tag.name, position, joinPath(pathOf(parent), tag.name)));
      }
      return false;
    }
    const top = this.ranks.length - 1;
    let ranks = this.ranks[top];
    if (!ranks) this.ranks[top] = ranks = new Map<string, number>();
    const rank = (ranks.get(tag.name) ?? 0) + 1;
    ranks.set(tag.name, rank);
    const node: XNode = {
      name: tag.name,
      attrs: tag.attributes,
      children: [],
      text: '',
      position,
      spec,
      parent,
      rank,
    };
    if (rank > 1 && !spec.repeat)
      this.problems.push(
        makeProblem(
          'xml.element_repeated',
          `<${tag.name}> may occur only once in <${parent.name}>: only the first one is read`,
          { position, path: pathOf(node) },
        ),
      );
    parent.children.push(node);
    this.stack.push(node);
    this.ranks.push(null);
    this.checkAttributes(node);
    return true;
  }

  text(text: string): void {
    const node = this.stack[this.stack.length - 1];
    if (node) node.text += text;
  }

  /** Closes the innermost open element (the activity itself last). */
  close(): void {
    const node = this.stack.pop();
    const ranks = this.ranks.pop();
    if (node) this.checkContent(node, ranks ?? null);
  }

  private checkAttributes(node: XNode): void {
    for (const name of node.spec.requiredAttrs) {
      if (node.attrs[name] !== undefined) continue; // an empty value is valid xsd:string
      this.problems.push(
        makeProblem('field.missing', `<${node.name}> needs a ${name} attribute`, {
          position: node.position,
          path: joinPath(pathOf(node), `@${name}`),
        }),
      );
    }
    for (const name of Object.keys(node.attrs)) {
      if (node.spec.attrs.has(name) || isForeignAttribute(name)) continue;
      const key = `${node.name}@${name}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.problems.push(
        makeProblem(
          'xml.unknown_attribute',
          `<${node.name}> has an attribute "${name}" that IATI does not define: it is not read`,
          { position: node.position, path: joinPath(pathOf(node), `@${name}`) },
        ),
      );
    }
  }

  /** Required children (the schema's minOccurs) and text where only elements belong. */
  private checkContent(node: XNode, ranks: Map<string, number> | null): void {
    const bare = node.text !== '' && /\S/.test(node.text);
    for (const name of node.spec.requiredChildren) {
      if (ranks?.has(name)) continue;
      if (name === 'narrative') {
        // Text written straight inside is read as a narrative (narrative.bare_text says so).
        if (!bare)
          this.problems.push(
            makeProblem('narrative.missing', `<${node.name}> has no narrative`, {
              position: node.position,
              path: pathOf(node),
            }),
          );
      } else {
        this.problems.push(
          makeProblem('field.missing', `<${node.name}> needs a <${name}> element`, {
            position: node.position,
            path: joinPath(pathOf(node), name),
          }),
        );
      }
    }
    const key = `${node.name}#text`;
    if (!bare || node.spec.text || node.spec.children.has('narrative') || this.reported.has(key))
      return;
    this.reported.add(key);
    this.problems.push(
      makeProblem(
        'xml.unexpected_text',
        `<${node.name}> holds text ("${node.text.trim().slice(0, 40)}") where IATI expects none: it is not read`,
        { position: node.position, path: pathOf(node) },
      ),
    );
  }
}
