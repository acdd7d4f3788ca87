import { Readable } from 'node:stream';
import busboy from 'busboy';

/**
 * The `_csrf` field of a posted form, read from a copy of the request. A multipart body is read
 * only up to that field (forms send it first, before any file), so an upload is never held in
 * memory here; a `_csrf` after a file does not count.
 */
export async function postedCsrf(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const v = new URLSearchParams(await request.clone().text()).get('_csrf');
    return v ?? '';
  }
  if (!type.includes('multipart/form-data')) return '';
  const copy = request.clone().body;
  if (!copy) return '';
  const source = Readable.fromWeb(copy as import('node:stream/web').ReadableStream<Uint8Array>);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      limits: { fieldSize: 1024, fields: 20, files: 1 },
    });
  } catch {
    source.destroy();
    return '';
  }
  const found = await new Promise<string>((resolve) => {
    parser.on('field', (name, value) => {
      if (name === '_csrf') resolve(value);
    });
    parser.on('file', (_name, stream) => {
      stream.resume();
      resolve('');
    });
    parser.on('error', () => resolve(''));
    parser.on('close', () => resolve(''));
    source.on('error', () => resolve(''));
    source.pipe(parser);
  });
  source.unpipe(parser);
  source.destroy();
  return found;
}
