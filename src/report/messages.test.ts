import { readFileSync } from "node:fs";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { REPORT_LANGUAGES, reportMessages } from "./messages.ts";

const catalog = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`./messages/${language}.json`, import.meta.url), "utf8"));

/** The variables a message takes, sorted: every translation must take the same. */
function variablesOf(message: string, language: string): string[] {
  const names = new Set<string>();
  const walk = (ast: ReturnType<IntlMessageFormat["getAst"]>) => {
    for (const element of ast) {
      if ("value" in element && element.type !== 0) names.add(String(element.value));
      if ("options" in element)
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, language).getAst());
  return [...names].sort();
}

describe("the situation report's catalogs", () => {
  const english = catalog("en");

  it.each(REPORT_LANGUAGES.filter((l) => l !== "en"))(
    "%s has every message, with its variables",
    (language) => {
      const messages = catalog(language);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      for (const [key, message] of Object.entries(english)) {
        expect(variablesOf(messages[key] ?? "", language), `${language}: ${key}`).toEqual(
          variablesOf(message, "en"),
        );
      }
    },
  );

  it("words coded values from the web app's catalogs, in the report's language", () => {
    expect(reportMessages("ru").value("shelling")).not.toBe("shelling");
    expect(reportMessages("hy").t("late", { days: 3 })).toContain("3");
    expect(reportMessages("en").value("no_such_code")).toBe("no such code");
  });
});
