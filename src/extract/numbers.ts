import nlp from "compromise";

const UNITS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};

/**
 * A regular expression source matching a count written in digits ("12", "1,200") or in words
 * ("two", "twenty-one", "a"). Vague quantities ("several", "dozens") are deliberately not counts:
 * a figure is only extracted when the text states a number.
 */
export const COUNT_PATTERN =
  "(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty) (?:hundred|thousand)(?: and (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)?|\\d{1,3}(?:,\\d{3})+|\\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a dozen|one hundred|a hundred|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|single|an|a)";

/** The number a count pattern match stands for, or null when it is not one. */
export function parseCount(words: string): number | null {
  const w = words.trim().toLowerCase();
  if (/^\d{1,3}(,\d{3})+$|^\d+$/.test(w)) return Number(w.replaceAll(",", ""));
  if (w === "a dozen") return 12;
  if (w === "one hundred" || w === "a hundred") return 100;
  if (/\b(?:hundred|thousand)\b/.test(w)) return wordsToNumber(w);
  const parts = w.split(/[- ]/);
  let total = 0;
  for (const part of parts) {
    const value = UNITS[part];
    if (value === undefined) return wordsToNumber(w);
    total += value;
  }
  return total;
}

/** Larger numbers in words ("a hundred and five", "two thousand"), read by compromise. */
function wordsToNumber(words: string): number | null {
  const found = (nlp(words).numbers().get() as unknown[])[0];
  return typeof found === "number" && Number.isInteger(found) && found >= 0 ? found : null;
}
