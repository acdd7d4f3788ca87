import type { IatiActivity, IatiProblem, SourcePosition } from '../iati.model.js';
import type { CodelistIndex } from './codelists.js';
import type { IatiFileInfo } from './root.js';
import type { ElementPositions } from './xml.tree.js';

export type { IatiFileInfo } from './root.js';
export type { ElementPositions } from './xml.tree.js';

export interface ParseOptions {
  /** Bytes read before the file is refused (`xml.too_large`). Default 2 GiB. */
  maxBytes?: number;
  /** Element nesting allowed, root included (`xml.too_deep`). Default 20; IATI needs 9. */
  maxDepth?: number;
  /** Largest single activity, in characters (`xml.node_too_large`). Default 32 Mi. */
  maxActivityChars?: number;
  /** Language of narratives when neither they, the activity nor the file give one. Default 'en'. */
  fallbackLang?: string;
  /** Called after each chunk of input with the bytes read and the activities found so far. */
  onProgress?: (bytes: number, activities: number) => void;
  /** Called once, as soon as the root element has been read. */
  onFile?: (file: IatiFileInfo) => void;
  /** When given, each activity's problems include validateActivity's (and `now` dates "future"). */
  validate?: { codelists: CodelistIndex; now?: Date };
}

export interface ParsedActivity {
  activity: IatiActivity;
  /** Where `<iati-activity` starts. */
  position: SourcePosition;
  /** The activity's XML exactly as in the file, from `<iati-activity` to `</iati-activity>`. */
  xml: string;
  /** The parser's problems (and the validator's with `validate`), with `activity` filled in. */
  problems: IatiProblem[];
  /** Position of every element read, by path (`transaction[3]/value`), for validateActivity. */
  positions: ElementPositions;
}

/** What the generator returns once the file has been read (or refused). */
export interface ParseSummary {
  file: IatiFileInfo | null;
  /** Problems about the file rather than one activity: at most one of them is critical. */
  problems: IatiProblem[];
  activities: number;
  bytes: number;
  /** True when the whole file was read: no critical file problem. */
  complete: boolean;
}
