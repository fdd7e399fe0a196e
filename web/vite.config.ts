import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

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
  plugins: [
    // An installable app that opens with no connection (decision 0031): every script, style and
    // the offline basemap are precached; the API's answers are kept as last read, per user, in
    // the cache "truce-api", which the app empties at sign-out or when the offline sign-in lapses.
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: null,
      manifest: {
        name: "Truce",
        short_name: "Truce",
        description:
          "The shared, verifiable record of a ceasefire: field reports, with or without a connection",
        start_url: "/field",
        scope: "/",
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#1f3a5f",
        icons: [
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,webmanifest,woff2}"],
        // The map's chunk (MapLibre and the Natural Earth basemap) is precached too: the map of
        // the region opens offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Who is signed in is never answered from a cache: the app keeps its own bounded
            // offline sign-in (web/src/offline/offline-session.ts).
            urlPattern: ({ url }) => url.pathname === "/api/session",
            handler: "NetworkOnly",
            method: "GET",
          },
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/api/"),
            handler: "NetworkFirst",
            method: "GET",
            options: {
              cacheName: "truce-api",
              networkTimeoutSeconds: 10,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 2000 },
            },
          },
        ],
      },
    }),
  ],
});
