/**
 * Which files may be uploaded, decided by their first bytes and their extension together: a PDF
 * must start like a PDF, a .docx must be a ZIP, a .odt must be a ZIP whose first entry names the
 * OpenDocument text type, a .csv or .txt must be UTF-8 text without NUL bytes.
 */
export interface FileKind {
  extension: string;
  contentType: string;
}

type Check = (head: Buffer) => boolean;

const startsWith =
  (...bytes: number[]): Check =>
  (head) =>
    head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

const isZip = startsWith(0x50, 0x4b, 0x03, 0x04);
const isOle2 = startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

/** OpenDocument files store their type uncompressed as the first ZIP entry, "mimetype". */
const isOpenDocument =
  (mime: string): Check =>
  (head) =>
    isZip(head) &&
    head.subarray(30, 38).toString('latin1') === 'mimetype' &&
    head.subarray(38, 38 + mime.length).toString('latin1') === mime;

function isUtf8Text(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // The head may end inside a multi-byte character: try without up to three trailing bytes.
  for (let cut = 0; cut <= 3 && cut <= head.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter slice
    }
  }
  return false;
}

const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const ODP = 'application/vnd.oasis.opendocument.presentation';

const KINDS: Record<string, { contentType: string; check: Check }> = {
  pdf: { contentType: 'application/pdf', check: startsWith(0x25, 0x50, 0x44, 0x46, 0x2d) },
  png: {
    contentType: 'image/png',
    check: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  },
  jpg: { contentType: 'image/jpeg', check: startsWith(0xff, 0xd8, 0xff) },
  jpeg: { contentType: 'image/jpeg', check: startsWith(0xff, 0xd8, 0xff) },
  gif: {
    contentType: 'image/gif',
    check: (h) => ['GIF87a', 'GIF89a'].includes(h.subarray(0, 6).toString('latin1')),
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    check: isZip,
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    check: isZip,
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    check: isZip,
  },
  odt: { contentType: ODT, check: isOpenDocument(ODT) },
  ods: { contentType: ODS, check: isOpenDocument(ODS) },
  odp: { contentType: ODP, check: isOpenDocument(ODP) },
  doc: { contentType: 'application/msword', check: isOle2 },
  xls: { contentType: 'application/vnd.ms-excel', check: isOle2 },
  csv: { contentType: 'text/csv; charset=utf-8', check: isUtf8Text },
  txt: { contentType: 'text/plain; charset=utf-8', check: isUtf8Text },
};

export const ALLOWED_EXTENSIONS = Object.keys(KINDS);

/** Bytes read from the start of a file to recognise it. */
export const SNIFF_BYTES = 8192;

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m?.[1]?.toLowerCase() ?? '';
}

/** The kind of an upload, or null when its extension is not allowed or its bytes do not match. */
export function sniffFile(fileName: string, head: Buffer): FileKind | null {
  const extension = extensionOf(fileName);
  const kind = KINDS[extension];
  if (!kind || !kind.check(head)) return null;
  return { extension, contentType: kind.contentType };
}
