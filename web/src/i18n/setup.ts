import type { i18n } from "i18next";
import ICU from "i18next-icu";

/**
 * One language's catalog, web/src/i18n/locales/<code>.json: the language's name for itself, then
 * the interface's messages, nested by page, in ICU MessageFormat ("{count, plural, one {…} other {…}}").
 */
export type Catalog = { _language: string } & { [group: string]: unknown };

/** The language of the catalog every other one is checked against, and whose messages fill their gaps. */
export const FALLBACK_LANGUAGE = "en";

/**
 * Sets up an i18next instance as the app does: ICU messages through i18next-icu (intl-messageformat),
 * and English for any message a catalog lacks. The tests set up their own instances with this.
 */
export async function initI18next(
  instance: i18n,
  catalogs: Record<string, Catalog>,
  language: string,
): Promise<void> {
  const resources = Object.fromEntries(
    Object.entries(catalogs).map(([code, { _language, ...messages }]) => [
      code,
      { translation: messages },
    ]),
  );
  await instance.use(ICU).init({
    resources,
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    // React escapes what it renders; i18next-icu does not escape either.
    interpolation: { escapeValue: false },
  });
}
