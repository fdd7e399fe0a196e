/**
 * The fields of a process's actor record that recognition uses (see ActorSchema): enough for the
 * CLI to pass records from the store and for a browser to pass the process's actors list.
 */
export type ActorRecord = {
  id: string;
  name: string;
  short_name?: string | undefined;
  names?: Record<string, string> | undefined;
  roles?: readonly string[] | undefined;
  country?: string | undefined;
  represented_by?: string | undefined;
  /** Other names reporting uses for the actor (adjectives, institutions, people, capitals). */
  aliases?: readonly string[] | undefined;
};

export type ActorMention = {
  start: number;
  end: number;
  text: string;
  actor: string;
  /** "the enemy", "the opposing side": the other party, resolved against the speaker later. */
  isOpponent?: boolean;
};

export type ActorTable = {
  actors: readonly ActorRecord[];
  pattern: RegExp;
  byAlias: Map<string, string>;
  /** The actor a capital stands for, by the country code of the capital. */
  byCapitalCountry: Map<string, string>;
  /** The sides of the conflict: parties and armed groups, whose reports are claims. */
  parties: string[];
  /** The actors that hold and release people and weapons: the same sides. */
  sides: string[];
};

const isParty = (a: ActorRecord) => a.roles === undefined || a.roles.includes("party");
const isMonitor = (a: ActorRecord) => a.roles?.includes("monitor") === true;

/**
 * What reporting calls each of the example process's actors besides the names in its record:
 * adjectives, institutions, leaders and officials of 2020–2021. Each group fits an actor by id, or
 * by country and role, so a process loaded from elsewhere with other ids still gets them.
 */
const BUILT_IN_ALIASES: Array<{ fits: (a: ActorRecord) => boolean; aliases: string[] }> = [
  {
    fits: (a) => a.id === "ARM" || (a.country === "AM" && isParty(a)),
    aliases: [
      "Armenia",
      "Armenian",
      "Armenians",
      "Armenia's",
      "Nikol Pashinyan",
      "Pashinyan",
      "Ararat Mirzoyan",
      "Ara Aivazian",
      "Mher Grigoryan",
      "Arshak Karapetyan",
      "Armen Grigoryan",
      "Հայաստան",
      "Армения",
      "армянск",
    ],
  },
  {
    fits: (a) => a.id === "AZE" || (a.country === "AZ" && isParty(a)),
    aliases: [
      "Azerbaijan",
      "Azerbaijani",
      "Azerbaijanis",
      "Azeri",
      "Azerbaijan's",
      "Ilham Aliyev",
      "Aliyev",
      "Jeyhun Bayramov",
      "Hikmet Hajiyev",
      "Shahin Mustafayev",
      "Zakir Hasanov",
      "ANAMA",
      "Azərbaycan",
      "Азербайджан",
    ],
  },
  {
    fits: (a) => a.id === "RUS" || (a.country === "RU" && !isMonitor(a)),
    aliases: [
      "Russia",
      "Russian",
      "Russia's",
      "Kremlin",
      "Vladimir Putin",
      "Putin",
      "Sergei Lavrov",
      "Lavrov",
      "Sergei Shoigu",
      "Shoigu",
      "Alexei Overchuk",
      "Maria Zakharova",
      "Россия",
    ],
  },
  {
    fits: (a) => a.id === "EU" || a.name === "European Union",
    aliases: [
      "European Union",
      "EU",
      "European Council",
      "Charles Michel",
      "Michel",
      "Toivo Klaar",
      "Josep Borrell",
      "EUMA",
      "EU monitoring mission",
      "EU Monitoring Mission",
      "EU Monitoring Mission in Armenia",
      "EU mission",
    ],
  },
  {
    fits: (a) => a.id === "RPK" || (a.country === "RU" && isMonitor(a)),
    aliases: [
      "Russian peacekeepers",
      "Russian peacekeeper",
      "peacekeeper",
      "peacekeeping mission",
      "Russian peacekeeping contingent",
      "Russian peacekeeping forces",
      "Russian peacekeeping mission",
      "Russian peacekeeping command",
      "peacekeepers",
      "peacekeeping contingent",
      "peacekeeping command",
      "peacekeeping forces",
      "Rustam Muradov",
      "Mikhail Kosobokov",
      "российские миротворцы",
    ],
  },
  {
    fits: (a) => /\bOSCE\b/.test(a.name) || a.short_name === "OSCE",
    aliases: ["OSCE Minsk Group", "Minsk Group", "OSCE", "co-chairs of the OSCE Minsk Group"],
  },
  {
    fits: (a) => /Red Cross|ICRC/.test(a.name),
    aliases: ["ICRC", "International Committee of the Red Cross", "Red Cross"],
  },
];

// Titles in `represented_by` that are not part of the person's name.
const TITLE =
  /^(?:(?:the|acting|former)\s+)?(?:(?:prime|foreign|defence|defense|deputy|vice)\s+)*(?:president|prime minister|minister|chancellor|king|emir|secretary(?:-general)?|chair(?:man|woman)?|commander|head|envoy|representative)(?:\s+of\s+the\s+[\p{Lu}][\p{L}\s]+?(?=\s+[\p{Lu}][\p{L}]+\s+[\p{Lu}]))?\s+/iu;

function personNames(representedBy: string): string[] {
  const person = representedBy.replace(TITLE, "").trim();
  const words = person.split(/\s+/);
  const surname = words.at(-1);
  return surname && words.length > 1 ? [person, surname] : [person];
}

/**
 * The table of names that point to each actor of a process: its record's names, its representative
 * and surname, and the built-in aliases of the example process's actors that fit it.
 */
export function buildActorTable(actors: readonly ActorRecord[]): ActorTable {
  const byAlias = new Map<string, string>();
  const add = (alias: string | undefined, id: string) => {
    const a = alias?.trim();
    if (a && a.length >= 2 && !byAlias.has(a)) byAlias.set(a, id);
    // "the SMM" opens a sentence as "The SMM".
    if (a?.startsWith("the ")) add(`The ${a.slice(4)}`, id);
  };
  for (const actor of actors) {
    add(actor.name, actor.id);
    add(actor.short_name, actor.id);
    for (const name of Object.values(actor.names ?? {})) add(name, actor.id);
    if (actor.represented_by) for (const n of personNames(actor.represented_by)) add(n, actor.id);
    for (const alias of actor.aliases ?? []) add(alias, actor.id);
  }
  for (const group of BUILT_IN_ALIASES) {
    const actor = actors.find(group.fits);
    if (actor) for (const alias of group.aliases) add(alias, actor.id);
  }
  const byCapitalCountry = new Map<string, string>();
  for (const actor of actors) {
    if (actor.country && !isMonitor(actor) && !byCapitalCountry.has(actor.country))
      byCapitalCountry.set(actor.country, actor.id);
  }
  const eu = actors.find((a) => a.id === "EU" || a.name === "European Union");
  if (eu) byCapitalCountry.set("BE", eu.id);
  const sides = actors
    .filter((a) => a.roles?.includes("party") || a.roles?.includes("armed_group"))
    .map((a) => a.id);
  const aliases = [...byAlias.keys()].sort((a, b) => b.length - a.length);
  const escaped = aliases.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // Cyrillic stems ("армянск") end inside a word; Latin names must end at a word boundary.
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?:(?<=[а-я])[\\p{L}]*|(?![\\p{L}\\p{N}]))`,
    "gu",
  );
  return {
    actors,
    pattern,
    byAlias,
    byCapitalCountry,
    parties: sides,
    sides,
  };
}

const OPPONENT = /\b(?:the\s+)?(?:enemy|adversary|opposing side|opposite side|other side)\b/gi;

/**
 * Every mention of an actor in a stretch of text, by its names, adjectives, institutions and
 * people; "the enemy" and "the opposing side" as opponent mentions, resolved later against
 * whoever is speaking. Capitals are not found here: their names are places first (see places.ts).
 */
export function findActorMentions(text: string, table: ActorTable, offset = 0): ActorMention[] {
  const mentions: ActorMention[] = [];
  table.pattern.lastIndex = 0;
  for (const m of text.matchAll(table.pattern)) {
    const matched = m[0];
    const actor =
      table.byAlias.get(matched) ??
      [...table.byAlias.entries()].find(([alias]) => matched.startsWith(alias))?.[1];
    if (!actor) continue;
    const at = m.index ?? 0;
    // "FARC dissidents", "a FARC dissident structure": those who left the actor are not it.
    if (/^\s+dissident/i.test(text.slice(at + matched.length, at + matched.length + 12))) continue;
    mentions.push({ start: offset + at, end: offset + at + matched.length, text: matched, actor });
  }
  // "the Donetsk and Luhansk separatists": the first name takes the second's head noun.
  for (const m of [...mentions]) {
    const space = m.text.indexOf(" ");
    if (space < 0) continue;
    const head = m.text.slice(space);
    const before = /(\p{Lu}[\p{L}'’-]+)\s+and\s+$/u.exec(text.slice(0, m.start - offset));
    if (!before) continue;
    const actor = table.byAlias.get(`${before[1]}${head}`);
    if (!actor) continue;
    const at = before.index;
    mentions.push({
      start: offset + at,
      end: offset + at + (before[1] ?? "").length,
      text: before[1] ?? "",
      actor,
    });
  }
  OPPONENT.lastIndex = 0;
  for (const m of text.matchAll(OPPONENT)) {
    const at = m.index ?? 0;
    mentions.push({
      start: offset + at,
      end: offset + at + m[0].length,
      text: m[0],
      actor: "",
      isOpponent: true,
    });
  }
  return mentions.sort((a, b) => a.start - b.start);
}
