import type { IatiProblem, SourcePosition } from '../iati.model.js';
import { isXsdDateTime } from './dates.js';
import { makeProblem } from './problems.js';

/** What the file's root element says about the whole file. */
export interface IatiFileInfo {
  /** `iati-activities/@version` as written. */
  version: string | null;
  /** The version the file is read as: 2.01, 2.02 or 2.03 (an unknown 2.x is read as 2.03). */
  readAs: '2.01' | '2.02' | '2.03';
  generatedDatetime: string | null;
  linkedDataDefault: string | null;
  /** `iati-activities/@xml:lang`: not in the schema, but some publishers set it and XML inherits it. */
  lang: string | null;
  position: SourcePosition;
}

const READ_VERSIONS = ['2.01', '2.02', '2.03'] as const;

function value(attrs: Record<string, string>, name: string): string | null {
  const v = attrs[name]?.trim();
  return v === undefined || v === '' ? null : v;
}

function isReadVersion(v: string): v is IatiFileInfo['readAs'] {
  return (READ_VERSIONS as readonly string[]).includes(v);
}

/**
 * Checks the root element: only `iati-activities` files of version 2.x are read. 1.x files differ
 * too much (no narratives, other codes) to be read faithfully; IATI's own tools convert them.
 */
export function readRoot(
  name: string,
  attrs: Record<string, string>,
  position: SourcePosition,
): { file: IatiFileInfo | null; problems: IatiProblem[] } {
  const at = { position, path: name };
  if (name !== 'iati-activities') {
    const message =
      name === 'iati-organisations'
        ? 'this is an IATI organisation file: only activity files (iati-activities) are imported'
        : `the root element is <${name}>, not <iati-activities>: this is not an IATI activity file`;
    return { file: null, problems: [makeProblem('iati.not_activities', message, at)] };
  }
  const version = value(attrs, 'version');
  const file: IatiFileInfo = {
    version,
    readAs: version !== null && isReadVersion(version) ? version : '2.03',
    generatedDatetime: value(attrs, 'generated-datetime'),
    linkedDataDefault: value(attrs, 'linked-data-default'),
    lang: value(attrs, 'xml:lang'),
    position,
  };
  if (version === null) {
    const message =
      'the file does not give its IATI version (iati-activities/@version), as IATI 1.x files ' +
      'often do: only versions 2.01, 2.02 and 2.03 are read: convert the file to 2.03';
    return { file, problems: [makeProblem('iati.version_unsupported', message, at)] };
  }
  if (/^1(\.|$)/.test(version)) {
    const message = `IATI version ${version} is not supported: convert to 2.03`;
    return { file, problems: [makeProblem('iati.version_unsupported', message, at)] };
  }
  const problems: IatiProblem[] = [];
  if (!isReadVersion(version))
    problems.push(
      makeProblem(
        'iati.version_unknown',
        `IATI version "${version}" is unknown: the file is read as 2.03`,
        at,
      ),
    );
  const generated = file.generatedDatetime;
  if (generated !== null && !isXsdDateTime(generated))
    problems.push(
      makeProblem(
        'datetime.invalid',
        `generated-datetime "${generated}" is not a date and time (YYYY-MM-DDThh:mm:ss)`,
        { position, path: 'iati-activities/@generated-datetime' },
      ),
    );
  return { file, problems };
}
