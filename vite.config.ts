import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built files are precompressed (.br, .gz) by scripts/compress-web.mjs, run by `npm run build:web`:
// the server serves those twins (@fastify/static preCompressed) and never compresses on the fly.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
