import isoCountries from "i18n-iso-countries/index.js";
import english from "i18n-iso-countries/langs/en.json" with { type: "json" };

// The package's main entry registers every language it ships; only English is needed here, so
// its index is imported and the English names registered from the file it ships with.
isoCountries.registerLocale(english);

/**
 * Codes that are not ISO 3166-1 assignments although the package knows them: XK is the
 * user-assigned code some use for Kosovo, which ISO has not given a code. A dataset's row for
 * Kosovo keeps its own text and gets no country code, rather than one ISO never assigned.
 */
const NOT_ISO = new Set(["XK"]);

function iso(alpha2: string | undefined): string | undefined {
  return alpha2 !== undefined && /^[A-Z]{2}$/.test(alpha2) && !NOT_ISO.has(alpha2)
    ? alpha2
    : undefined;
}

/** The alpha-2 code of an ISO 3166-1 numeric code ("31", "031" or 31); undefined when none. */
export function alpha2OfNumeric(numeric: string | number): string | undefined {
  const text = String(numeric).trim();
  if (!/^\d{1,3}$/.test(text) || Number(text) === 0) return undefined;
  return iso(isoCountries.numericToAlpha2(text.padStart(3, "0")));
}

/** The ISO 3166-1 numeric code of an alpha-2 code, without leading zeros ("31"); or undefined. */
export function numericOfAlpha2(alpha2: string): string | undefined {
  if (iso(alpha2) === undefined) return undefined;
  const numeric = isoCountries.alpha2ToNumeric(alpha2);
  return numeric === undefined ? undefined : String(Number(numeric));
}

/** The country's English name as ISO 3166-1 gives it ("Russian Federation", "Netherlands"). */
export function englishName(alpha2: string): string | undefined {
  if (iso(alpha2) === undefined) return undefined;
  return isoCountries.getName(alpha2, "en", { select: "official" });
}

/**
 * The alpha-2 code for an English country name, as ISO or its aliases spell it, without case; a
 * name with a parenthesis ("Myanmar (Burma)") is also tried without it. Undefined when no name
 * matches or when the only match is no ISO assignment (Kosovo).
 */
export function alpha2OfName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") return undefined;
  const bare = trimmed.replace(/\s*\([^)]*\)\s*$/, "").trim();
  for (const candidate of bare === trimmed ? [trimmed] : [trimmed, bare]) {
    const code = isoCountries.getAlpha2Code(candidate, "en");
    if (code !== undefined) return iso(code);
  }
  return undefined;
}
