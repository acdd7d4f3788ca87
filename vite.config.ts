import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/office/',
  plugins: [reactRouter()],
  build: { chunkSizeWarningLimit: 1000 },
});
