import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts", "e2e/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Integration tests each open their own stores; two workers suit the 2-core machines we run on.
    maxWorkers: 2,
  },
});
