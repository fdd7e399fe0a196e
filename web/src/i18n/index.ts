import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { z } from "zod";
import { en as zodEn } from "zod/v4/locales";
import { type Catalog, FALLBACK_LANGUAGE, initI18next } from "./setup.ts";

/** Every catalog in ./locales, by language code: adding a language is adding a file there. */
const catalogs = Object.fromEntries(
  Object.entries(
    import.meta.glob<Catalog>("./locales/*.json", { eager: true, import: "default" }),
  ).map(([path, catalog]) => [path.slice("./locales/".length, -".json".length), catalog]),
);

/** The languages the interface speaks, each named in itself: English first, the others by code. */
export const LANGUAGES = Object.entries(catalogs)
  .map(([code, catalog]) => ({ code, name: catalog._language }))
  .sort(
    (a, b) =>
      Number(b.code === FALLBACK_LANGUAGE) - Number(a.code === FALLBACK_LANGUAGE) ||
      a.code.localeCompare(b.code),
  );

const saved = typeof localStorage === "undefined" ? null : localStorage.getItem("truce.language");

await initI18next(i18next.use(initReactI18next), catalogs, saved ?? FALLBACK_LANGUAGE);

/** zod's own messages, one module per language it knows, fetched when the reader picks that language. */
const ZOD_LOCALES = "../../../node_modules/zod/v4/locales";
const zodLocales = import.meta.glob<typeof zodEn>(
  ["../../../node_modules/zod/v4/locales/*.js", "!../../../node_modules/zod/v4/locales/index.js"],
  { import: "default" },
);
const zodLocale = (code: string) => zodLocales[`${ZOD_LOCALES}/${code}.js`];

/**
 * The forms check records with the domain's zod schemas before sending them: their messages
 * ("Too small: expected string to have >=1 characters") follow the reader's language too, or
 * are in English for a language zod (or the app) does not speak.
 */
async function speakZodIn(code: string): Promise<void> {
  const load = catalogs[code]
    ? (zodLocale(code) ?? zodLocale(code.split("-")[0] ?? code))
    : undefined;
  const locale = load ? await load().catch(() => zodEn) : zodEn;
  // a later switch may have finished first
  if (i18next.language === code) z.config(locale());
}
let zodSpoken = speakZodIn(i18next.language);
await zodSpoken;
i18next.on("languageChanged", (code) => {
  zodSpoken = speakZodIn(code);
});

/** Switches the interface language, remembers it, and marks the document's language for screen readers. */
export async function setLanguage(code: string): Promise<void> {
  await i18next.changeLanguage(code);
  await zodSpoken;
  localStorage.setItem("truce.language", code);
  document.documentElement.lang = code;
}

export default i18next;
