import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by server/ (npm start: http://localhost:4010/), which forwards /graphql to the gateway; `vite`
// alone serves it with the same forwarding for work on the UI. Everything is bundled: nothing loads from a CDN.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist-web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: { '/graphql': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4010' } },
});
