import { readFileSync } from "node:fs";
import { IntlMessageFormat } from "intl-messageformat";

/**
 * The words of a situation report in one language: its own phrases (`messages/<lang>.json`, ICU
 * MessageFormat like the web app's) and the coded values (an incident's kind, a status), taken
 * from the web app's catalogs (`values.<code>`) so a status reads the same on the page and on paper.
 */

/** The languages a report is written in: those with a catalog of its own. English is the fallback. */
export const REPORT_LANGUAGES = ["en", "ru", "hy", "az"] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

type Catalog = Record<string, string>;

const OWN = new URL("./messages/", import.meta.url);
const WEB = new URL("../../web/src/i18n/locales/", import.meta.url);

function readJson(url: URL): Record<string, unknown> {
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

/**
 * The web app's catalog for a language, or none where the web app's sources are not installed
 * (the npm package ships src/ only): coded values are then written as their codes with spaces.
 */
function readWebCatalog(language: string): Record<string, unknown> {
  try {
    return readJson(new URL(`${language}.json`, WEB));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

const cache = new Map<string, { own: Catalog; values: Catalog }>();

function catalogsOf(language: ReportLanguage): { own: Catalog; values: Catalog } {
  const known = cache.get(language);
  if (known) return known;
  const web = readWebCatalog(language);
  const loaded = {
    own: readJson(new URL(`${language}.json`, OWN)) as Catalog,
    values: (web.values ?? {}) as Catalog,
  };
  cache.set(language, loaded);
  return loaded;
}

export type ReportMessages = {
  language: ReportLanguage;
  /** One of the report's phrases, formatted with its values. */
  t: (key: string, values?: Record<string, string | number>) => string;
  /** A coded value in words, or the code with spaces where no catalog has it. */
  value: (code: string) => string;
  /** A day (YYYY-MM-DD) as the language writes it. */
  day: (day: string) => string;
  /** An instant, to the minute, in UTC. */
  instant: (iso: string) => string;
};

export function isReportLanguage(language: string): language is ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(language);
}

export function reportMessages(language: ReportLanguage): ReportMessages {
  const { own, values } = catalogsOf(language);
  const english = catalogsOf("en");
  const formats = new Map<string, IntlMessageFormat>();
  const dayFormat = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  const instantFormat = new Intl.DateTimeFormat(language, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return {
    language,
    t: (key, vars) => {
      let format = formats.get(key);
      if (!format) {
        const message = own[key] ?? english.own[key] ?? key;
        format = new IntlMessageFormat(message, language);
        formats.set(key, format);
      }
      return String(format.format(vars));
    },
    value: (code) => values[code] ?? english.values[code] ?? code.replaceAll("_", " "),
    day: (day) => dayFormat.format(new Date(`${day}T00:00:00Z`)),
    instant: (iso) => `${instantFormat.format(new Date(iso))} UTC`,
  };
}
