import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Pure-JS libraries are bundled (tree-shaken) instead of loaded from node_modules at start:
      // `date-fns` and `date-fns/locale` alone are a thousand ES modules, each resolved, read and
      // compiled when the server starts (issue 16, browser-mode start). Native and lazily loaded
      // packages (better-sqlite3, serialport, usb, pg, exceljs) stay external.
      externalizeDeps: { exclude: ['date-fns', '@date-fns/tz', 'zod', 'drizzle-orm'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          serve: resolve(__dirname, 'src/main/server/serve.ts'),
          // The report worker thread (src/main/reports/runner.ts finds it next to the entries).
          'report-worker': resolve(__dirname, 'src/main/reports/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/electron/preload.ts'), setup: resolve(__dirname, 'src/main/electron/setup-preload.ts') },
        // A sandboxed renderer only runs CommonJS preload scripts.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html'), setup: resolve(__dirname, 'src/renderer/setup.html') } },
    },
    plugins: [react()],
  },
});
