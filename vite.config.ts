import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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

/**
 * Offline and installable (issue 12): Workbox precaches the built app, the parse worker and the
 * one DuckDB bundle it ships (eh) at the first visit; after that the app starts, imports, analyses,
 * saves and opens workspaces with the network off. `registerType: 'prompt'`: a new version waits
 * until a person chooses to update (src/ui/workspace/UpdatePrompt.tsx). No service worker in dev.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
  manifest: {
    name: 'Overblik – indkøbsanalyse for kommuner',
    short_name: 'Overblik',
    description: 'Kategoristyring og indkøbsanalyse i browseren; data forlader aldrig computeren.',
    lang: 'da',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f5f8b',
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest}'],
    // The bench page is a developer tool, not part of the app people install.
    globIgnores: ['**/src/bench/**', '**/bench-*.js'],
    // The DuckDB wasm is about 33 MB; it must be in the precache for the app to start offline.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/src\/bench\//],
    cleanupOutdatedCaches: true,
  },
  devOptions: { enabled: false },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), pwa],
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
