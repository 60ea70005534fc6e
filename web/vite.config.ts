import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * GraphiQL's stylesheet embeds its fonts as data: URIs, which the site's CSP (font-src falls back
 * to default-src 'self') refuses, one console error per face. Its @font-face rules are dropped
 * at build time: the explorer uses the system fonts (src/public/api/explorer.css) and the
 * stylesheet shrinks from ~400 kB to a fraction.
 */
function dropGraphiqlFonts(): Plugin {
  return {
    name: 'drop-graphiql-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]graphiql[\\/]dist[\\/]style\.css$/.test(id.split('?')[0] ?? '')) return null;
      return { code: code.replace(/@font-face\s*{[^}]*}/g, ''), map: null };
    },
  };
}

export default defineConfig({
  // No react → preact/compat alias: only the API explorer (GraphiQL, its own lazy chunk) uses
  // React, and it gets the real one.
  plugins: [preact({ reactAliasesEnabled: false }), dropGraphiqlFonts()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks each page loads (the JS budget test reads it).
    manifest: true,
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
