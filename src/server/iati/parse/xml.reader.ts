import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { IatiProblem, SourcePosition } from '../iati.model.js';
import { ACTIVITY_SPEC, isForeignAttribute } from './iati.elements.js';
import { makeProblem, type ProblemCode } from './problems.js';
import { readRoot, type IatiFileInfo } from './root.js';
import { joinPath, pathOf, stepName, TreePositions, type XNode } from './xml.tree.js';

/** An activity as read from the XML, before it becomes an IatiActivity. */
export interface RawActivity {
  root: XNode;
  xml: string;
  position: SourcePosition;
  positions: TreePositions;
  /** Reader problems; their `activity` is filled in once the identifier is known. */
  problems: IatiProblem[];
}

export interface ReaderLimits {
  maxDepth: number;
  /** Largest activity (or other single node) held in memory, in UTF-16 code units. */
  maxNodeChars: number;
}

type SaxOptions = { xmlns: false; position: true };

interface SaxHandlers {
  opentagstart: (tag: { name: string }) => void;
  opentag: (tag: SaxesTagPlain) => void;
  closetag: (tag: SaxesTagPlain) => void;
  text: (text: string) => void;
  cdata: (text: string) => void;
  doctype: () => void;
  error: (err: Error) => void;
}

/**
 * saxes keeps each handler in a property that `on()` adds to the parser. Added after
 * construction, the seventh or eighth such property turns the parser into a slow dictionary-mode
 * object in V8 (measured: 12 instead of 60 MB/s); added while it is being constructed they stay
 * fast, hence this subclass.
 */
class Sax extends SaxesParser<SaxOptions> {
  constructor(h: SaxHandlers) {
    super({ xmlns: false, position: true });
    this.on('opentagstart', h.opentagstart);
    this.on('opentag', h.opentag);
    this.on('closetag', h.closetag);
    this.on('text', h.text);
    this.on('cdata', h.cdata);
    this.on('doctype', h.doctype);
    this.on('error', h.error);
  }
}

/** Thrown from saxes handlers to abandon the chunk being parsed once reading must stop. */
class StopReading extends Error {}

/** Text kept behind the parser so that a tag's `<` can be found after saxes has read its name. */
const KEEP_CHARS = 4096;

interface OpenActivity {
  start: number;
  root: XNode;
  stack: XNode[];
  /** Children seen so far, by name, for each open element (the stack's); null until one is. */
  ranks: (Map<string, number> | null)[];
  problems: IatiProblem[];
  reported: Set<string>;
}

/**
 * Drives saxes over decoded text and hands out one RawActivity per `iati-activity`, keeping only
 * the activity being read (and a few KB of text) in memory. Anything that makes the file
 * unreadable becomes one critical file problem and stops the reader for good.
 */
export class XmlReader {
  readonly ready: RawActivity[] = [];
  readonly problems: IatiProblem[] = [];
  file: IatiFileInfo | null = null;
  stopped = false;
  activities = 0;

  private readonly sax: Sax;
  private buf = '';
  private bufStart = 0;
  private prologTail = '';
  private rootSeen = false;
  private rootClosed = false;
  private sawContent = false;
  private readonly open: string[] = [];
  private tagStart: { offset: number; position: SourcePosition } = {
    offset: 0,
    position: { line: 1, column: 1 },
  };
  private lastEvent = 0;
  private lastLine = { line: 1, start: 0 };
  private activity: OpenActivity | null = null;
  private skipDepth: number | null = null;
  private readonly rootReported = new Set<string>();

  constructor(private readonly limits: ReaderLimits) {
    this.sax = new Sax({
      opentagstart: (tag) => this.onOpenStart(tag.name),
      opentag: (tag) => this.onOpen(tag),
      closetag: (tag) => this.onClose(tag),
      text: (t) => this.onText(t),
      cdata: (t) => this.onText(t),
      doctype: () => {
        throw this.refuseDoctype();
      },
      error: (err) => {
        const reason = err.message.replace(/^\d+:\d+: /, '');
        throw this.halt('xml.malformed', `the file is not well-formed XML: ${reason}`);
      },
    });
  }

  write(text: string): void {
    if (this.stopped || text === '') return;
    this.keepOnlyNeededText();
    if (!this.sawContent && /\S/.test(text)) this.sawContent = true;
    let rest = text;
    if (!this.rootSeen) {
      // A DOCTYPE is refused before saxes sees any of it: no entity is ever declared or expanded.
      const scan = this.prologTail + text;
      const hit = scan.search(/<!DOCTYPE/i);
      const k = Math.max(0, hit - this.prologTail.length); // where it starts in `text`
      this.prologTail = scan.slice(-8);
      if (hit >= 0) {
        this.feed(text.slice(0, k));
        if (this.stopped) return;
        if (!this.rootSeen) {
          this.refuseDoctype();
          return;
        }
        rest = text.slice(k); // inside the root element: a comment or CDATA that mentions it
      }
    }
    this.feed(rest);
    this.checkNodeSize();
  }

  /** Call once the input has ended. */
  end(): void {
    if (this.stopped) return;
    if (!this.rootSeen) {
      if (this.sawContent)
        this.halt('xml.truncated', 'the file ends before its root element iati-activities');
      else this.halt('xml.empty', 'the file is empty');
      return;
    }
    if (this.open.length > 0) {
      const inside = this.open[this.open.length - 1] ?? 'iati-activities';
      const lost = this.activity
        ? `; the activity that starts at line ${this.activity.root.position.line} was not read`
        : '';
      this.halt('xml.truncated', `the file ends inside <${inside}>: it is cut short${lost}`);
      return;
    }
    try {
      this.sax.close();
    } catch (err) {
      if (!(err instanceof StopReading)) throw err;
    }
  }

  /** Stops reading because of a problem found outside the XML (bytes, size, encoding). */
  fail(code: ProblemCode, message: string): void {
    if (!this.stopped) this.halt(code, message);
  }

  private feed(text: string): void {
    if (text === '') return;
    this.buf += text;
    try {
      this.sax.write(text);
    } catch (err) {
      if (!(err instanceof StopReading)) throw err;
    }
  }

  private keepOnlyNeededText(): void {
    const end = this.bufStart + this.buf.length;
    const keep = this.activity ? this.activity.start : Math.max(this.bufStart, end - KEEP_CHARS);
    if (keep > this.bufStart) {
      this.buf = this.buf.slice(keep - this.bufStart);
      this.bufStart = keep;
    }
  }

  private checkNodeSize(): void {
    if (this.stopped) return;
    const p = this.sax.position;
    const from = this.activity ? this.activity.start : this.lastEvent;
    if (p - from > this.limits.maxNodeChars) this.tooLarge();
  }

  private tooLarge(): StopReading {
    const what = this.activity
      ? `the activity that starts at line ${this.activity.root.position.line}`
      : 'a single XML node';
    return this.halt(
      'xml.node_too_large',
      `${what} is larger than the limit of ${this.limits.maxNodeChars} characters`,
    );
  }

  private here(): SourcePosition {
    return { line: this.sax.line, column: this.sax.column + 1 };
  }

  /** Records the problem that ends reading; saxes handlers throw what it returns. */
  private halt(code: ProblemCode, message: string): StopReading {
    this.stopped = true;
    this.problems.push(makeProblem(code, message, { position: this.here() }));
    return new StopReading(code);
  }

  private refuseDoctype(): StopReading {
    return this.halt(
      'xml.doctype',
      'the file contains a DOCTYPE declaration: IATI files never need one, and it can declare ' +
        'entities that expand without bound or read other files, so the file is refused',
    );
  }

  private charAt(offset: number): string {
    return this.buf.charAt(offset - this.bufStart);
  }

  /** saxes reports a tag once it has read the character after its name: step back to its `<`. */
  private onOpenStart(name: string): void {
    const p = this.sax;
    if (this.open.length + 1 > this.limits.maxDepth) {
      throw this.halt(
        'xml.too_deep',
        `elements are nested more than ${this.limits.maxDepth} deep (at <${name}>)`,
      );
    }
    const newline = p.column === 0;
    const after = newline && this.charAt(p.position - 2) === '\r' ? 2 : 1;
    const offset = p.position - after - name.length - 1;
    let line = p.line;
    let lineStart = p.position - p.columnIndex;
    if (newline) {
      line -= 1;
      lineStart = this.lineStartBefore(offset, line);
    }
    this.tagStart = { offset, position: { line, column: offset - lineStart + 1 } };
    this.open.push(name);
    if (!this.rootSeen) {
      this.rootSeen = true;
      // The XML declaration, if any, has been read by now: nothing else precedes the root.
      const enc = p.xmlDecl.encoding?.trim();
      if (enc !== undefined && !/^utf-?8$/i.test(enc))
        throw this.halt('xml.encoding', `the file declares encoding "${enc}": only UTF-8 files are read`);
    }
  }

  private lineStartBefore(offset: number, line: number): number {
    for (let i = offset - 1; i >= this.bufStart; i--) {
      const c = this.charAt(i);
      if (c === '\n' || c === '\r') return i + 1;
    }
    if (this.bufStart === 0) return 0;
    return this.lastLine.line === line ? this.lastLine.start : offset;
  }

  private noteEvent(): void {
    const p = this.sax;
    this.lastEvent = p.position;
    this.lastLine = { line: p.line, start: p.position - p.columnIndex };
  }

  private onOpen(tag: SaxesTagPlain): void {
    this.noteEvent();
    const depth = this.open.length;
    const position = this.tagStart.position;
    if (depth === 1) {
      this.openRoot(tag, position);
    } else if (this.skipDepth !== null) {
      return;
    } else if (depth === 2) {
      if (tag.name === 'iati-activity') this.openActivity(tag, position);
      else {
        this.warnOnce(this.rootReported, tag.name, position, null, `iati-activities/${tag.name}`);
        this.skipDepth = depth;
      }
    } else if (this.activity) {
      this.openChild(this.activity, tag, position, depth);
    }
  }

  private openRoot(tag: SaxesTagPlain, position: SourcePosition): void {
    const { file, problems } = readRoot(tag.name, tag.attributes, position);
    this.file = file;
    this.problems.push(...problems);
    const critical = problems.find((p) => p.severity === 'critical');
    if (critical) {
      this.stopped = true;
      throw new StopReading(critical.code);
    }
  }

  private openActivity(tag: SaxesTagPlain, position: SourcePosition): void {
    const root: XNode = {
      name: tag.name,
      attrs: tag.attributes,
      children: [],
      text: '',
      position,
      spec: ACTIVITY_SPEC,
      parent: null,
      rank: 1,
    };
    const a: OpenActivity = {
      start: this.tagStart.offset,
      root,
      stack: [root],
      ranks: [null],
      problems: [],
      reported: new Set(),
    };
    this.activity = a;
    this.checkAttributes(a, root);
  }

  private openChild(a: OpenActivity, tag: SaxesTagPlain, position: SourcePosition, depth: number) {
    const parent = a.stack[a.stack.length - 1] ?? a.root;
    const spec = parent.spec.children.get(tag.name);
    if (!spec) {
      this.warnOnce(a.reported, tag.name, position, a, joinPath(pathOf(parent), tag.name));
      this.skipDepth = depth; // its subtree is kept in the activity's XML only
      return;
    }
    const top = a.ranks.length - 1;
    let ranks = a.ranks[top];
    if (!ranks) a.ranks[top] = ranks = new Map<string, number>();
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
    if (rank > 1 && !spec.repeat) {
      a.problems.push(
        makeProblem(
          'xml.element_repeated',
          `<${tag.name}> may occur only once in <${parent.name}>: only the first one is read`,
          { position, path: pathOf(node) },
        ),
      );
    }
    parent.children.push(node);
    a.stack.push(node);
    a.ranks.push(null);
    this.checkAttributes(a, node);
  }

  private checkAttributes(a: OpenActivity, node: XNode): void {
    for (const name of node.spec.requiredAttrs) {
      if (node.attrs[name] !== undefined) continue; // an empty value is valid xsd:string
      a.problems.push(
        makeProblem('field.missing', `<${node.name}> needs a ${name} attribute`, {
          position: node.position,
          path: joinPath(pathOf(node), `@${name}`),
        }),
      );
    }
    for (const name of Object.keys(node.attrs)) {
      if (node.spec.attrs.has(name) || isForeignAttribute(name)) continue;
      const key = `${node.name}@${name}`;
      if (a.reported.has(key)) continue;
      a.reported.add(key);
      a.problems.push(
        makeProblem(
          'xml.unknown_attribute',
          `<${node.name}> has an attribute "${name}" that IATI does not define: it is not read`,
          { position: node.position, path: joinPath(pathOf(node), `@${name}`) },
        ),
      );
    }
  }

  private warnOnce(
    seen: Set<string>,
    name: string,
    position: SourcePosition,
    a: OpenActivity | null,
    path: string,
  ): void {
    if (seen.has(name)) return;
    seen.add(name);
    const extension = name.includes(':');
    const problem = makeProblem(
      extension ? 'xml.extension_element' : 'xml.unknown_element',
      extension
        ? `<${name}> is an extension element from another namespace: it is kept in the original XML but not read`
        : `<${name}> is not an IATI element here: it is kept in the original XML but not read`,
      { position, path },
    );
    (a ? a.problems : this.problems).push(problem);
  }

  private onText(text: string): void {
    const a = this.activity;
    if (!a || this.skipDepth !== null) return;
    const node = a.stack[a.stack.length - 1];
    if (node) node.text += text;
  }

  private onClose(tag: SaxesTagPlain): void {
    this.noteEvent();
    const depth = this.open.length;
    this.open.pop();
    if (this.skipDepth !== null) {
      if (this.skipDepth === depth) this.skipDepth = null;
      return;
    }
    const a = this.activity;
    if (depth === 1) {
      this.rootClosed = true;
    } else if (a && depth === 2 && tag.name === 'iati-activity') {
      const end = this.sax.position;
      this.checkContent(a, a.root, a.ranks[0]);
      // Same verdict whether the activity ended inside one chunk or across many.
      if (end - a.start > this.limits.maxNodeChars) throw this.tooLarge();
      this.ready.push({
        root: a.root,
        xml: this.buf.slice(a.start - this.bufStart, end - this.bufStart),
        position: a.root.position,
        positions: new TreePositions(a.root),
        problems: a.problems,
      });
      this.activities++;
      this.activity = null;
    } else if (a) {
      const node = a.stack.pop();
      const ranks = a.ranks.pop();
      if (node) this.checkContent(a, node, ranks);
    }
  }

  /** Required children (the schema's minOccurs) and text where only elements belong. */
  private checkContent(a: OpenActivity, node: XNode, ranks: Map<string, number> | null | undefined) {
    const bare = node.text !== '' && /\S/.test(node.text);
    for (const name of node.spec.requiredChildren) {
      if (ranks?.has(name)) continue;
      if (name === 'narrative') {
        // Text written straight inside is read as a narrative (narrative.bare_text says so).
        if (!bare)
          a.problems.push(
            makeProblem('narrative.missing', `<${node.name}> has no narrative`, {
              position: node.position,
              path: pathOf(node),
            }),
          );
      } else {
        a.problems.push(
          makeProblem('field.missing', `<${node.name}> needs a <${name}> element`, {
            position: node.position,
            path: joinPath(pathOf(node), name),
          }),
        );
      }
    }
    if (bare && !node.spec.text && !node.spec.children.has('narrative')) {
      const key = `${node.name}#text`;
      if (a.reported.has(key)) return;
      a.reported.add(key);
      a.problems.push(
        makeProblem(
          'xml.unexpected_text',
          `<${node.name}> holds text ("${node.text.trim().slice(0, 40)}") where IATI expects none: it is not read`,
          { position: node.position, path: pathOf(node) },
        ),
      );
    }
  }

  get complete(): boolean {
    return this.rootClosed;
  }
}
