import { startE2eServer } from './server.js';

/**
 * Starts the real server for the suite and returns the function that stops it. With
 * KOORDINATA_E2E_URL already set, the suite runs against that server instead.
 */
export default async function globalSetup() {
  if (process.env.KOORDINATA_E2E_URL) return () => Promise.resolve();
  const server = await startE2eServer();
  process.env.KOORDINATA_E2E_URL = server.url;
  return () => server.stop();
}
