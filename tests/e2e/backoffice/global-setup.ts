import { startE2eServer } from './server.js';

/** Starts the real server for the suite; the returned function stops it. */
export default async function globalSetup() {
  const server = await startE2eServer();
  process.env.KOORDINATA_E2E_URL = server.url;
  return () => server.stop();
}
