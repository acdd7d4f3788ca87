import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { IatiProblem, SourcePosition } from '../iati.model.js';
import { ActivityTree, unknownElement } from './activity.tree.js';
import { makeProblem, type ProblemCode } from './problems.js';
import { readRoot, type IatiFileInfo } from './root.js';
import { TreePositions, type XNode } from './xml.tree.js';

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
  private activity: ActivityTree | null = null;
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
        if (!this.feed(text.slice(0, k))) return;
        if (!this.hasRoot()) {
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

  /** Parses `text`; false once reading has stopped. */
  private feed(text: string): boolean {
    if (text === '') return !this.stopped;
    this.buf += text;
    try {
      this.sax.write(text);
    } catch (err) {
      if (!(err instanceof StopReading)) throw err;
    }
    return !this.stopped;
  }

  /** A method, not the field, so that type narrowing does not outlive a call to saxes. */
  private hasRoot(): boolean {
    return this.rootSeen;
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
        throw this.halt(
          'xml.encoding',
          `the file declares encoding "${enc}": only UTF-8 files are read`,
        );
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
      if (tag.name === 'iati-activity') {
        this.activity = new ActivityTree(tag, position, this.tagStart.offset);
      } else {
        if (!this.rootReported.has(tag.name)) {
          this.rootReported.add(tag.name);
          this.problems.push(unknownElement(tag.name, position, `iati-activities/${tag.name}`));
        }
        this.skipDepth = depth;
      }
    } else if (this.activity && !this.activity.open(tag, position)) {
      this.skipDepth = depth; // an unknown element: its subtree is kept in the XML only
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

  private onText(text: string): void {
    if (this.skipDepth === null) this.activity?.text(text);
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
      a.close();
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
    } else {
      a?.close();
    }
  }

  get complete(): boolean {
    return this.rootClosed;
  }
}
