import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const SERVER = process.env.FIREFLOW_API ?? 'http://127.0.0.1:5178';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // changeOrigin keeps the Host the server expects; the server refuses foreign Origins on writes.
      '/api': { target: SERVER, changeOrigin: true, headers: { origin: SERVER } },
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
