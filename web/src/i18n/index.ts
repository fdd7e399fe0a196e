import i18next from "i18next";
import { initReactI18next } from "react-i18next";
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

/** Switches the interface language, remembers it, and marks the document's language for screen readers. */
export async function setLanguage(code: string): Promise<void> {
  await i18next.changeLanguage(code);
  localStorage.setItem("truce.language", code);
  document.documentElement.lang = code;
}

export default i18next;
