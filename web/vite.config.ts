import { defineConfig } from "vite";

// The web app talks to the API over HTTP only; in development Vite forwards /api to `truce serve`.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  esbuild: { jsx: "automatic" },
  worker: { format: "es" },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
