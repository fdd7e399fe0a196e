import "i18next";
import type en from "./locales/en.json";

// t() takes only the keys English has: a misspelt or missing key is a type error, not a key shown
// on the page. (ICU variables are not typed: i18next infers only its own {{name}} syntax.)
declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: Omit<typeof en, "_language"> };
  }
}
