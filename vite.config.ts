import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built app may talk to its own origin only: the CSP makes any request elsewhere fail in the
 * browser, a second fence behind the code never asking for one. Dev mode is left without it
 * because the React refresh preamble is an inline script.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "font-src 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'overblik-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  base: './',
  build: {
    target: 'es2022',
    // The DuckDB wasm files are large by nature; they are served from our own origin.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { main: 'index.html', bench: 'src/bench/index.html' },
    },
  },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
