import { readdirSync, readFileSync } from "node:fs";
import i18next from "i18next";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { type Catalog, FALLBACK_LANGUAGE, initI18next } from "../web/src/i18n/setup.ts";

const LOCALES = new URL("../web/src/i18n/locales/", import.meta.url);

/** Every catalog, by language code, as the app finds them: one JSON file per language. */
const catalogs: Record<string, Catalog> = Object.fromEntries(
  readdirSync(LOCALES)
    .filter((file) => file.endsWith(".json"))
    .map((file) => [
      file.slice(0, -".json".length),
      JSON.parse(readFileSync(new URL(file, LOCALES), "utf8")) as Catalog,
    ]),
);
const english = catalogs[FALLBACK_LANGUAGE];
const others = Object.keys(catalogs).filter((code) => code !== FALLBACK_LANGUAGE);

/** A catalog's messages by their dotted key, as t() names them. */
function messagesOf(catalog: unknown, prefix = ""): Map<string, unknown> {
  const messages = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalog as Record<string, unknown>)) {
    if (value !== null && typeof value === "object") {
      for (const entry of messagesOf(value, `${prefix}${key}.`)) messages.set(...entry);
    } else messages.set(`${prefix}${key}`, value);
  }
  return messages;
}

/** A message's syntax tree, parsed as i18next-icu parses it (tags such as <0> are text, for <Trans>). */
function astOf(message: string, language: string) {
  return new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).getAst();
}
type Ast = ReturnType<typeof astOf>;
type Element = Ast[number];

/** The tree, or none for a message that does not parse: the test of the syntax names those. */
function astOrNone(message: unknown, language: string): Ast {
  try {
    return astOf(String(message), language);
  } catch {
    return [];
  }
}

function* elementsOf(ast: Ast): Generator<Element> {
  for (const element of ast) {
    yield element;
    if ("options" in element) {
      for (const option of Object.values(element.options)) yield* elementsOf(option.value);
    }
  }
}

/** The variables a message takes ({name}, {count, plural, …}), sorted. */
function variablesOf(ast: Ast): string[] {
  const names = new Set<string>();
  for (const element of elementsOf(ast))
    if ("value" in element && element.type !== 0) names.add(String(element.value));
  return [...names].sort();
}

const PLURAL = 6;

describe("the web app's message catalogs", () => {
  it("are one file per language, English among them, each named in its own language", () => {
    expect(english, `web/src/i18n/locales/${FALLBACK_LANGUAGE}.json`).toBeDefined();
    for (const [code, catalog] of Object.entries(catalogs)) {
      expect(Intl.getCanonicalLocales(code), `${code}.json is named by a BCP 47 tag`).toEqual([
        code,
      ]);
      expect(typeof catalog._language, `${code}.json's _language`).toBe("string");
      expect(catalog._language.trim(), `${code}.json's _language`).not.toBe("");
    }
    expect(new Set(Object.values(catalogs).map((c) => c._language)).size).toBe(others.length + 1);
  });

  it.each(others)("%s has every message English has, and none it lacks", (code) => {
    const theirs = messagesOf(catalogs[code]);
    const ours = messagesOf(english);
    const missing = [...ours.keys()].filter((key) => typeof theirs.get(key) !== "string");
    const extra = [...theirs.keys()].filter((key) => !ours.has(key));
    expect(missing, `messages missing from ${code}.json (English is shown instead)`).toEqual([]);
    expect(extra, `messages in ${code}.json that English does not have`).toEqual([]);
  });

  it.each(Object.keys(catalogs))("%s's messages are ICU MessageFormat that format", (code) => {
    const failures: string[] = [];
    for (const [key, message] of messagesOf(catalogs[code])) {
      try {
        const ast = astOf(String(message), code);
        // numbers for plurals and the like, text for the rest
        const values = Object.fromEntries(
          variablesOf(ast).map((name) => [
            name,
            name === "count" || name === "size" || name === "n" ? 3 : "x",
          ]),
        );
        new IntlMessageFormat(String(message), code, undefined, { ignoreTag: true }).format(values);
      } catch (error) {
        failures.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(failures, `messages in ${code}.json that do not parse or format`).toEqual([]);
  });

  it.each(others)("%s's messages take the same variables as English", (code) => {
    const ours = messagesOf(english);
    const differ: string[] = [];
    for (const [key, message] of messagesOf(catalogs[code])) {
      const original = ours.get(key);
      if (typeof original !== "string" || typeof message !== "string") continue;
      const expected = variablesOf(astOrNone(original, FALLBACK_LANGUAGE));
      const actual = variablesOf(astOrNone(message, code));
      if (expected.join() !== actual.join())
        differ.push(`${key}: {${actual}} instead of {${expected}}`);
    }
    expect(differ, `messages in ${code}.json with other variables than English`).toEqual([]);
  });

  it.each(Object.keys(catalogs))(
    "%s's plurals have a case for each of its plural forms",
    (code) => {
      const gaps: string[] = [];
      for (const [key, message] of messagesOf(catalogs[code])) {
        for (const element of elementsOf(astOrNone(message, code))) {
          if (element.type !== PLURAL) continue;
          const forms = new Intl.PluralRules(code, { type: element.pluralType }).resolvedOptions()
            .pluralCategories;
          const lacking = forms.filter((form) => !(form in element.options));
          if (lacking.length) gaps.push(`${key} {${element.value}}: no ${lacking.join(", ")}`);
        }
      }
      expect(gaps, `plurals in ${code}.json without a language's plural form`).toEqual([]);
    },
  );
});

describe("i18next set up as the app does", () => {
  it("formats ICU variables and plurals in the reader's language", async () => {
    const instance = i18next.createInstance();
    await initI18next(instance, catalogs, "ru");
    expect(instance.t("session.already", { email: "a@example.org" })).toBe(
      "Вы вошли как a@example.org.",
    );
    expect(instance.t("detainees.uncounted", { count: 1 })).toBe("1 обмен без чисел");
    expect(instance.t("detainees.uncounted", { count: 3 })).toBe("3 обмена без чисел");
    expect(instance.t("detainees.uncounted", { count: 5 })).toBe("5 обменов без чисел");
    await instance.changeLanguage("en");
    expect(instance.t("detainees.uncounted", { count: 1 })).toBe("1 exchange without a count");
    expect(instance.t("detainees.uncounted", { count: 1200 })).toBe(
      "1,200 exchanges without a count",
    );
  });

  it("shows the English message, formatted, for a message a catalog lacks", async () => {
    const { session, ...rest } = catalogs.ru as Catalog & { session: Record<string, string> };
    const { already: _, ...lacking } = session;
    const instance = i18next.createInstance();
    await initI18next(
      instance,
      { en: english as Catalog, ru: { ...rest, session: lacking } },
      "ru",
    );
    expect(instance.t("session.signIn")).toBe("Войти");
    expect(instance.t("session.already", { email: "a@example.org" })).toBe(
      "You are signed in as a@example.org.",
    );
  });
});
