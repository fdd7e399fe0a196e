import { defineConfig } from "vitest/config";
import { LongestFirstSequencer } from "./test/support/sequencer.ts";

/** Where each project's tests are; `npm run test:unit` runs the first alone. */
const UNIT = ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"];
const INTEGRATION = ["test/**/*.int.test.ts"];
const BROWSER = ["e2e/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Integration tests each open their own stores; two workers suit the 2-core machines we run on.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        extends: true,
        // Pure tests: no store, no server, no browser.
        test: {
          name: "unit",
          include: UNIT,
          exclude: [...INTEGRATION, ...BROWSER],
          // Pure tests keep no state between files: sharing one module graph per worker spares
          // each file loading the same modules again (a third of the project's CPU).
          isolate: false,
        },
      },
      {
        extends: true,
        // On PGlite, and on PostgreSQL too with TEST_DATABASE_URL (test/support/stores.ts).
        test: {
          name: "integration",
          include: INTEGRATION,
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        // Chromium driving the built web app (e2e/support/web-app.ts).
        test: { name: "browser", include: BROWSER, globalSetup: ["test/support/global-setup.ts"] },
      },
    ],
  },
});
