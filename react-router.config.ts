import type { Config } from '@react-router/dev/config';

// The back office: server-rendered under /office by the same process as the API.
export default {
  appDirectory: 'office',
  buildDirectory: 'build',
  basename: '/office/',
  ssr: true,
} satisfies Config;
