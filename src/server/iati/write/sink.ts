import type { Writable } from 'node:stream';

/** A Node Writable, or a function that takes each chunk (and may return a promise to pace us). */
export type XmlSink = Writable | ((chunk: string) => Promise<void> | void);

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Writes `chunk` to the sink, waiting for 'drain' when the Writable's buffer is full. */
export function chunkWriter(sink: XmlSink): {
  write: (chunk: string) => Promise<void>;
  done: () => void;
} {
  if (typeof sink === 'function')
    return {
      write: async (chunk) => {
        await sink(chunk);
      },
      done: () => undefined,
    };
  // Listening for 'error' for the whole write turns a failing sink into a rejected promise
  // (rather than an uncaught exception between two writes).
  let failure: unknown = null;
  const onError = (err: unknown) => {
    failure ??= err;
  };
  sink.on('error', onError);
  const check = () => {
    if (failure !== null) throw asError(failure);
    if (sink.destroyed || sink.writableEnded)
      throw sink.errored ?? new Error('The sink was closed before the IATI document was complete');
  };
  return {
    write: async (chunk) => {
      check();
      if (sink.write(chunk)) return;
      check();
      await new Promise<void>((resolve, reject) => {
        const finish = (err?: unknown) => {
          sink.off('drain', onDrain);
          sink.off('error', onFail);
          sink.off('close', onClose);
          if (err === undefined) resolve();
          else reject(asError(err));
        };
        const onDrain = () => finish();
        const onFail = (err: unknown) => finish(err);
        const onClose = () => finish(sink.errored ?? new Error('The sink closed while we waited'));
        sink.on('drain', onDrain);
        sink.on('error', onFail);
        sink.on('close', onClose);
      });
    },
    done: () => sink.off('error', onError),
  };
}
