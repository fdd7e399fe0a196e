import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { z } from "zod";
import { az as zodAz, en as zodEn, hy as zodHy, ru as zodRu } from "zod/v4/locales";
import { az } from "./az.ts";
import { en } from "./en.ts";
import { hy } from "./hy.ts";
import { ru } from "./ru.ts";

export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "ru", name: "Русский" },
  { code: "hy", name: "Հայերեն" },
  { code: "az", name: "Azərbaycanca" },
] as const;

const saved = typeof localStorage === "undefined" ? null : localStorage.getItem("truce.language");

await i18next.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    ru: { translation: ru },
    hy: { translation: hy },
    az: { translation: az },
  },
  lng: saved ?? "en",
  fallbackLng: "en",
  interpolation: { escapeValue: false },
});

/**
 * The forms check records with the domain's zod schemas before sending them: their messages
 * ("Too small: expected string to have >=1 characters") follow the reader's language too.
 */
function speakZodIn(code: string): void {
  const locale = { en: zodEn, ru: zodRu, hy: zodHy, az: zodAz }[code];
  z.config((locale ?? zodEn)());
}
speakZodIn(i18next.language);
i18next.on("languageChanged", speakZodIn);

/** Switches the interface language, remembers it, and marks the document's language for screen readers. */
export async function setLanguage(code: string): Promise<void> {
  await i18next.changeLanguage(code);
  localStorage.setItem("truce.language", code);
  document.documentElement.lang = code;
}

export default i18next;
