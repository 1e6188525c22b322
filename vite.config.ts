import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// `base: './'` keeps every asset URL relative, so the built site works from any
// static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['web/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Property tests of thousands of cases take 2-6 s on a busy 2-core machine: the 5 s default made them flaky.
    testTimeout: 30_000,
  },
});
