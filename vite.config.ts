// Each screen is its own page, so the kiosk loads only the kiosk's code (budget: 60 KB gzipped JS).
// `npm run build` writes dist/, which the server serves; `npx vite` serves the pages in development and
// proxies the API and WebSocket to a server started with `npm run dev`.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';

const root = resolve(import.meta.dirname, 'kiosk');
// A page is built when its HTML entry exists (screens are added issue by issue).
const pages = [
  'kiosk',
  'console',
  'display',
  'rate',
  'ticket',
  'case',
  'admin',
  'dev',
  'station',
  'book',
  'district',
].filter((p) => existsSync(resolve(root, `${p}.html`)));

export default defineConfig({
  root,
  plugins: [preact()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: Object.fromEntries(pages.map((p) => [p, resolve(root, `${p}.html`)])) },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
