/** "an incident", "a claim": a kind's name with the article English puts before it. */
export function aOrAn(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

/** The text with its first letter in capitals, as a sentence starts. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
