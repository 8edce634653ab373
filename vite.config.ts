import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { initialJsBudget } from './scripts/initialJs.ts';

export default defineConfig({
  // The production build fails when the initial JavaScript grows past its budget (scripts/initialJs.ts).
  plugins: [react(), tailwindcss(), initialJsBudget()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'cli/**/*.test.ts'],
    environment: 'node',
    // Code that reads through the door loaded on demand (src/share/doorLoader.ts) finds it loaded.
    setupFiles: ['src/testing/door.ts'],
  },
});
