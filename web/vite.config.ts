import { defineConfig } from "vite";

// The web app talks to the API over HTTP only; in development Vite forwards /api to `truce serve`.
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its hooks "use client" for server components, which this app has none
        // of: dropping the directive changes nothing here, and the warning buried `npm start`.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        // How long plugins took: worth a profile on a slow build, noise on every other.
        if (warning.code === "PLUGIN_TIMINGS") return;
        warn(warning);
      },
    },
  },
  esbuild: { jsx: "automatic" },
  worker: { format: "es" },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
