import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The projects in the order their files start: the longest kinds of test first. */
export const PROJECT_ORDER = ["browser", "integration", "unit"] as const;

/**
 * Starts the browser tests first, then the integration tests, then the unit tests, so that the
 * two workers end together: a long file started last would leave one worker idle while it runs.
 * Within a project Vitest's own order holds: files it has not timed yet, then the longest last
 * time (or, with no times kept, the largest).
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = PROJECT_ORDER.indexOf(file.project.name as (typeof PROJECT_ORDER)[number]);
      return at === -1 ? PROJECT_ORDER.length : at;
    };
    const sorted: TestSpecification[] = [];
    for (let at = 0; at <= PROJECT_ORDER.length; at++)
      sorted.push(...(await super.sort(files.filter((file) => rank(file) === at))));
    return sorted;
  }
}
