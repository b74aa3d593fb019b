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
    rollupOptions: {
      // zod's sources carry comments Rollup reads as misplaced @__PURE__ annotations and drops, harmlessly;
      // the warning is about a dependency's comments, which nobody here can act on.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && /[/\\]node_modules[/\\].*zod[/\\]/.test(warning.id ?? '')) return;
        warn(warning);
      },
    },
  },
});
