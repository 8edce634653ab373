import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/** Production builds of the two benchmark pages: our app and bare React Flow, on the same scenario. */
const root = resolve(import.meta.dirname, '../..');
export default defineConfig({
  root,
  plugins: [react(), tailwindcss()],
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(root, 'bench/results/ui-dist'),
    emptyOutDir: true,
    rollupOptions: { input: { app: resolve(root, 'bench/ui/app.html'), bare: resolve(root, 'bench/ui/bare.html') } },
  },
});
