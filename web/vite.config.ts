import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // No data: URIs in CSS/JS: CSP is `default-src 'self'`.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` talks to the Python server for the API and auth routes.
    proxy: {
      '/api': 'http://127.0.0.1:8000',
      '/public': 'http://127.0.0.1:8000',
      '/auth': 'http://127.0.0.1:8000',
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
