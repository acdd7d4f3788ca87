import { Readable } from 'node:stream';
import type { LoaderFunctionArgs } from 'react-router';
import { office, requireActor, rethrowAsPage } from '../lib/context.server';

/**
 * A document's file for signed-in staff and editors (the API's download reads API tokens, not
 * the back office's session): the same service and the same rules as the API.
 */
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  try {
    const { document, stream } = await o.services.openDocumentContent(
      o.db,
      o.files,
      actor,
      params.id ?? '',
      { ifNoneMatch: request.headers.get('if-none-match') ?? undefined },
    );
    const headers = {
      ETag: `"${document.sha256}"`,
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (!stream) return new Response(null, { status: 304, headers });
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        ...headers,
        'Content-Type': document.content_type,
        'Content-Length': String(document.size),
        'Content-Disposition': o.services.contentDisposition(document.file_name),
      },
    });
  } catch (e) {
    return rethrowAsPage(e);
  }
}
