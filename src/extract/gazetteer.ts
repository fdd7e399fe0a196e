import type { PlacePrecision } from "../domain/place.ts";

/**
 * What a gazetteer entry is; its precision follows from it. A settlement is a point someone can
 * stand in; a district is an Azerbaijani rayon or an Armenian-era district of the same ground; a
 * province is an Armenian marz or an autonomous republic; an area is a corridor, a reservoir, a
 * border or a line of contact (known only as a stretch); a crossing is a bridge, checkpoint or pass.
 */
export const GAZETTEER_KINDS = [
  "city",
  "town",
  "village",
  "district",
  "province",
  "region",
  "area",
  "crossing",
] as const;
export type GazetteerKind = (typeof GAZETTEER_KINDS)[number];

export type GazetteerEntry = {
  /** The name the record uses: English, in the spelling most international reporting used in 2021. */
  name: string;
  kind: GazetteerKind;
  /** ISO 3166-1 alpha-2 of the state whose territory it is under international law. */
  country?: string;
  /** Representative point, rounded to 0.01° (about 1 km); absent where we are not sure of it. */
  lat?: number;
  lon?: number;
  /** Names in other languages, by BCP 47 tag; `hy-Latn` is the Armenian name in Latin letters. */
  names: Record<string, string>;
  /** Further spellings met in reporting (transliterations, older names); matched like the names. */
  variants?: string[];
  /**
   * A capital stands for its government in reporting ("Baku said"): the country whose party it
   * can name, so the actor finder can take it as an actor rather than as a place.
   */
  capital_of?: "AM" | "AZ" | "RU" | "BE";
  /** The name of the district that shares this town's name ("Lachin district"), if any. */
  district?: string;
};

/** The place precision a kind of entry implies. */
export function precisionOfKind(kind: GazetteerKind): PlacePrecision {
  switch (kind) {
    case "city":
    case "town":
    case "village":
      return "settlement";
    case "district":
      return "district";
    case "crossing":
      return "exact";
    default:
      return "region";
  }
}

/**
 * The Armenia–Azerbaijan border region, Nagorno-Karabakh and the adjacent districts, the two capitals
 * and the venues of talks, with the names each side and Russian-language reporting use. Where a town
 * gave its name to a district (most of the districts returned in 2020), `district` names the district
 * so that "Lachin district" resolves to the district, not the town.
 */
export const GAZETTEER: readonly GazetteerEntry[] = [
  // Nagorno-Karabakh and the districts around it.
  {
    name: "Stepanakert",
    kind: "city",
    country: "AZ",
    lat: 39.82,
    lon: 46.75,
    names: { az: "Xankəndi", hy: "Ստեփանակերտ", ru: "Степанакерт" },
    variants: ["Khankendi", "Khankandi", "Xankandi", "Hankendi", "Ханкенди", "Ханкенды"],
  },
  {
    name: "Shusha",
    kind: "town",
    country: "AZ",
    lat: 39.76,
    lon: 46.75,
    names: { az: "Şuşa", "hy-Latn": "Shushi", hy: "Շուշի", ru: "Шуша" },
    variants: ["Shushi", "Susa", "Shousha", "Шуши"],
    district: "Shusha district",
  },
  {
    name: "Lachin",
    kind: "town",
    country: "AZ",
    lat: 39.64,
    lon: 46.55,
    names: { az: "Laçın", "hy-Latn": "Berdzor", hy: "Բերձոր", ru: "Лачин" },
    variants: ["Berdzor", "Lachyn", "Lacin", "Бердзор"],
    district: "Lachin district",
  },
  {
    name: "Kalbajar",
    kind: "town",
    country: "AZ",
    lat: 40.11,
    lon: 46.04,
    names: { az: "Kəlbəcər", "hy-Latn": "Karvachar", hy: "Քարվաճառ", ru: "Кельбаджар" },
    variants: ["Kelbajar", "Kelbadjar", "Kalbacar", "Karvachar", "Карвачар", "Кялбаджар"],
    district: "Kalbajar district",
  },
  {
    name: "Aghdam",
    kind: "town",
    country: "AZ",
    lat: 39.99,
    lon: 46.93,
    names: { az: "Ağdam", "hy-Latn": "Akna", hy: "Ակնա", ru: "Агдам" },
    variants: ["Agdam", "Akna", "Акна"],
    district: "Aghdam district",
  },
  {
    name: "Fuzuli",
    kind: "town",
    country: "AZ",
    lat: 39.6,
    lon: 47.14,
    names: { az: "Füzuli", "hy-Latn": "Varanda", ru: "Физули" },
    variants: ["Fizuli", "Varanda"],
    district: "Fuzuli district",
  },
  {
    name: "Jabrayil",
    kind: "town",
    country: "AZ",
    lat: 39.4,
    lon: 47.03,
    names: { az: "Cəbrayıl", "hy-Latn": "Jrakan", hy: "Ջրական", ru: "Джебраил" },
    variants: ["Jabrail", "Jebrail", "Djebrail", "Cabrayil", "Jrakan", "Mekhakavan", "Джабраил"],
    district: "Jabrayil district",
  },
  {
    name: "Zangilan",
    kind: "town",
    country: "AZ",
    lat: 39.09,
    lon: 46.65,
    names: { az: "Zəngilan", "hy-Latn": "Kovsakan", hy: "Կովսական", ru: "Зангилан" },
    variants: ["Zangelan", "Zengilan", "Kovsakan", "Зангелан"],
    district: "Zangilan district",
  },
  {
    name: "Gubadly",
    kind: "town",
    country: "AZ",
    lat: 39.34,
    lon: 46.58,
    names: { az: "Qubadlı", "hy-Latn": "Kashunik", ru: "Губадлы" },
    variants: ["Qubadli", "Kubatly", "Gubadli", "Kashunik", "Sanasar", "Кубатлы"],
    district: "Gubadly district",
  },
  {
    name: "Hadrut",
    kind: "town",
    country: "AZ",
    lat: 39.52,
    lon: 47.03,
    names: { az: "Hadrut", hy: "Հադրութ", ru: "Гадрут" },
    variants: ["Gadrut"],
  },
  {
    name: "Khojavend",
    kind: "town",
    country: "AZ",
    lat: 39.79,
    lon: 47.11,
    names: { az: "Xocavənd", "hy-Latn": "Martuni", hy: "Մարտունի", ru: "Ходжавенд" },
    variants: ["Khojavand", "Xocavend", "Martuni", "Мартуни"],
    district: "Khojavend district",
  },
  {
    name: "Aghdara",
    kind: "town",
    country: "AZ",
    lat: 40.21,
    lon: 46.81,
    names: { az: "Ağdərə", "hy-Latn": "Martakert", hy: "Մարտակերտ", ru: "Агдере" },
    variants: ["Agdere", "Aghdere", "Agdara", "Martakert", "Mardakert", "Мартакерт"],
    district: "Aghdara district",
  },
  {
    name: "Khojaly",
    kind: "town",
    country: "AZ",
    lat: 39.91,
    lon: 46.79,
    names: { az: "Xocalı", "hy-Latn": "Ivanyan", ru: "Ходжалы" },
    variants: ["Khojali", "Xocali", "Ivanyan"],
    district: "Khojaly district",
  },
  {
    name: "Askeran",
    kind: "town",
    country: "AZ",
    lat: 39.94,
    lon: 46.83,
    names: { az: "Əsgəran", hy: "Ասկերան", ru: "Аскеран" },
    variants: ["Asgaran", "Askaran"],
  },
  {
    name: "Tartar",
    kind: "city",
    country: "AZ",
    lat: 40.34,
    lon: 46.93,
    names: { az: "Tərtər", ru: "Тертер" },
    variants: ["Terter", "Tartar"],
    district: "Tartar district",
  },
  {
    name: "Barda",
    kind: "city",
    country: "AZ",
    lat: 40.37,
    lon: 47.13,
    names: { az: "Bərdə", "hy-Latn": "Partav", ru: "Барда" },
    variants: ["Berde", "Partav"],
    district: "Barda district",
  },
  {
    name: "Talish",
    kind: "village",
    country: "AZ",
    names: { az: "Talış", "hy-Latn": "Talish", ru: "Талыш" },
    variants: ["Talysh"],
  },
  {
    name: "Sarsang reservoir",
    kind: "area",
    country: "AZ",
    lat: 40.15,
    lon: 46.55,
    names: { az: "Sərsəng su anbarı", ru: "Сарсангское водохранилище" },
    variants: ["Sarsang", "Sarsang Reservoir", "Sarsang water reservoir"],
  },
  {
    name: "Lachin corridor",
    kind: "area",
    country: "AZ",
    names: { az: "Laçın dəhlizi", ru: "Лачинский коридор" },
    variants: ["Lachin Corridor", "Berdzor corridor", "the corridor through Lachin"],
  },
  {
    name: "Hakari bridge",
    kind: "crossing",
    country: "AZ",
    names: { az: "Həkəri körpüsü", ru: "мост Хакари" },
    variants: ["Hakari Bridge", "bridge over the Hakari", "Hakari river bridge"],
  },
  {
    name: "Nagorno-Karabakh",
    kind: "region",
    country: "AZ",
    names: { az: "Dağlıq Qarabağ", "hy-Latn": "Artsakh", hy: "Արցախ", ru: "Нагорный Карабах" },
    variants: [
      "Nagorny Karabakh",
      "Nagorno Karabakh",
      "Karabakh",
      "Karabagh",
      "Artsakh",
      "Qarabağ",
      "Карабах",
      "Нагорном Карабахе",
    ],
  },
  {
    name: "line of contact",
    kind: "area",
    names: { ru: "линия соприкосновения" },
    variants: ["Line of Contact", "contact line"],
  },
  {
    name: "Armenia–Azerbaijan state border",
    kind: "area",
    names: { ru: "армяно-азербайджанская граница" },
    variants: [
      "Armenia-Azerbaijan border",
      "Armenian-Azerbaijani border",
      "Armenian–Azerbaijani border",
      "Azerbaijan-Armenia border",
      "Azerbaijani-Armenian border",
      "Azerbaijan–Armenia border",
      "border between Armenia and Azerbaijan",
      "border between Azerbaijan and Armenia",
    ],
  },

  // Armenia: provinces and the towns and villages on or near the border.
  {
    name: "Vardenis",
    kind: "town",
    country: "AM",
    lat: 40.18,
    lon: 45.72,
    names: { hy: "Վարդենիս", az: "Basarkeçər", ru: "Варденис" },
    variants: ["Basarkechar", "Basargechar", "Basarkecar", "Басаргечар", "Басаркечар"],
  },
  {
    name: "Sotk",
    kind: "village",
    country: "AM",
    lat: 40.21,
    lon: 45.99,
    names: { hy: "Սոթք", az: "Zod", ru: "Сотк" },
    variants: ["Zod", "Зод"],
  },
  {
    name: "Verin Shorzha",
    kind: "village",
    country: "AM",
    names: { hy: "Վերին Շորժա", ru: "Верин Шоржа" },
    variants: ["Upper Shorzha"],
  },
  {
    name: "Jermuk",
    kind: "town",
    country: "AM",
    lat: 39.84,
    lon: 45.67,
    names: { hy: "Ջերմուկ", ru: "Джермук", az: "İstisu" },
    variants: ["Dzhermuk"],
  },
  {
    name: "Goris",
    kind: "town",
    country: "AM",
    lat: 39.51,
    lon: 46.34,
    names: { hy: "Գորիս", ru: "Горис", az: "Gorus" },
    variants: ["Gorus", "Gerus"],
  },
  {
    name: "Kapan",
    kind: "town",
    country: "AM",
    lat: 39.21,
    lon: 46.41,
    names: { hy: "Կապան", ru: "Капан", az: "Qafan" },
    variants: ["Ghapan", "Gafan", "Qafan", "Кафан"],
  },
  {
    name: "Sisian",
    kind: "town",
    country: "AM",
    lat: 39.52,
    lon: 46.03,
    names: { hy: "Սիսիան", ru: "Сисиан", az: "Qarakilsə" },
    variants: ["Sisiyan"],
  },
  {
    name: "Meghri",
    kind: "town",
    country: "AM",
    lat: 38.9,
    lon: 46.24,
    names: { hy: "Մեղրի", ru: "Мегри", az: "Mığrı" },
    variants: ["Megri"],
  },
  {
    name: "Tegh",
    kind: "village",
    country: "AM",
    lat: 39.56,
    lon: 46.48,
    names: { hy: "Տեղ", ru: "Тех" },
    variants: ["Teh", "Tekh"],
  },
  {
    name: "Kornidzor",
    kind: "village",
    country: "AM",
    names: { hy: "Կոռնիձոր", ru: "Корнидзор" },
    variants: [],
  },
  {
    name: "Ijevan",
    kind: "town",
    country: "AM",
    lat: 40.88,
    lon: 45.15,
    names: { hy: "Իջևան", ru: "Иджеван", az: "Karvansaray" },
    variants: ["Idjevan"],
  },
  {
    name: "Berd",
    kind: "town",
    country: "AM",
    lat: 40.88,
    lon: 45.39,
    names: { hy: "Բերդ", ru: "Берд" },
    variants: [],
  },
  {
    name: "Tavush",
    kind: "province",
    country: "AM",
    names: { hy: "Տավուշ", ru: "Тавуш" },
    variants: ["Tavush province", "Tavush region", "Tavush Province"],
  },
  {
    name: "Gegharkunik",
    kind: "province",
    country: "AM",
    names: { hy: "Գեղարքունիք", ru: "Гегаркуник" },
    variants: ["Gegharkunik province", "Gegharkunik region", "Gegharkunik Province"],
  },
  {
    name: "Syunik",
    kind: "province",
    country: "AM",
    names: { hy: "Սյունիք", ru: "Сюник", az: "Zəngəzur" },
    variants: ["Syunik province", "Syunik region", "Siunik", "Zangezur", "Zengezur", "Зангезур"],
  },
  {
    name: "Vayots Dzor",
    kind: "province",
    country: "AM",
    names: { hy: "Վայոց ձոր", ru: "Вайоц Дзор" },
    variants: ["Vayots Dzor province", "Vayots Dzor region"],
  },
  {
    name: "Yerevan",
    kind: "city",
    country: "AM",
    lat: 40.18,
    lon: 44.51,
    names: { hy: "Երևան", ru: "Ереван", az: "İrəvan" },
    variants: ["Erevan", "Irevan"],
    capital_of: "AM",
  },

  // Azerbaijan outside Karabakh, and the exclave.
  {
    name: "Baku",
    kind: "city",
    country: "AZ",
    lat: 40.41,
    lon: 49.87,
    names: { az: "Bakı", ru: "Баку", hy: "Բաքու" },
    variants: ["Baki"],
    capital_of: "AZ",
  },
  {
    name: "Ganja",
    kind: "city",
    country: "AZ",
    lat: 40.68,
    lon: 46.36,
    names: { az: "Gəncə", "hy-Latn": "Gandzak", ru: "Гянджа" },
    variants: ["Gyandzha", "Gence", "Gandzak", "Kirovabad"],
  },
  {
    name: "Tovuz",
    kind: "town",
    country: "AZ",
    lat: 40.99,
    lon: 45.63,
    names: { az: "Tovuz", ru: "Товуз" },
    variants: [],
    district: "Tovuz district",
  },
  {
    name: "Gadabay",
    kind: "town",
    country: "AZ",
    lat: 40.57,
    lon: 45.81,
    names: { az: "Gədəbəy", ru: "Кедабек" },
    variants: ["Gedabek", "Kedabek", "Gadabey"],
    district: "Gadabay district",
  },
  {
    name: "Nakhchivan",
    kind: "province",
    country: "AZ",
    names: { az: "Naxçıvan", ru: "Нахичевань", hy: "Նախիջևան" },
    variants: [
      "Nakhichevan",
      "Nakhijevan",
      "Naxcivan",
      "Nakhchivan Autonomous Republic",
      "Nakhchivan exclave",
      "Нахчыван",
    ],
  },
  {
    name: "Nakhchivan city",
    kind: "city",
    country: "AZ",
    lat: 39.21,
    lon: 45.41,
    names: { az: "Naxçıvan şəhəri" },
    variants: ["city of Nakhchivan"],
  },

  // Venues of the talks.
  {
    name: "Moscow",
    kind: "city",
    country: "RU",
    lat: 55.76,
    lon: 37.62,
    names: { ru: "Москва", hy: "Մոսկվա", az: "Moskva" },
    // "Met in the Kremlin": the seat of the talks is Moscow, at settlement precision.
    variants: ["Москве", "Kremlin"],
    capital_of: "RU",
  },
  {
    name: "Sochi",
    kind: "city",
    country: "RU",
    lat: 43.59,
    lon: 39.72,
    names: { ru: "Сочи", az: "Soçi" },
    variants: [],
  },
  {
    name: "Brussels",
    kind: "city",
    country: "BE",
    lat: 50.85,
    lon: 4.35,
    names: { fr: "Bruxelles", nl: "Brussel", ru: "Брюссель" },
    variants: [],
    capital_of: "BE",
  },
  {
    name: "Tbilisi",
    kind: "city",
    country: "GE",
    lat: 41.72,
    lon: 44.79,
    names: { ka: "თბილისი", ru: "Тбилиси" },
    variants: [],
  },

  // Other cities where talks on the process were held or announced.
  {
    name: "Minsk",
    kind: "city",
    country: "BY",
    lat: 53.9,
    lon: 27.56,
    names: { ru: "Минск", be: "Мінск" },
    variants: [],
  },
  {
    name: "Paris",
    kind: "city",
    country: "FR",
    lat: 48.86,
    lon: 2.35,
    names: { fr: "Paris", ru: "Париж" },
    variants: [],
  },
  {
    name: "Washington",
    kind: "city",
    country: "US",
    lat: 38.91,
    lon: -77.04,
    names: { ru: "Вашингтон" },
    variants: [],
  },
  {
    name: "New York",
    kind: "city",
    country: "US",
    lat: 40.71,
    lon: -74.01,
    names: { ru: "Нью-Йорк" },
    variants: [],
  },
  {
    name: "Geneva",
    kind: "city",
    country: "CH",
    lat: 46.2,
    lon: 6.14,
    names: { fr: "Genève", ru: "Женева" },
    variants: [],
  },
  {
    name: "Vienna",
    kind: "city",
    country: "AT",
    lat: 48.21,
    lon: 16.37,
    names: { de: "Wien", ru: "Вена" },
    variants: [],
  },
  {
    name: "Istanbul",
    kind: "city",
    country: "TR",
    lat: 41.01,
    lon: 28.98,
    names: { tr: "İstanbul", ru: "Стамбул" },
    variants: [],
  },
  {
    name: "Ankara",
    kind: "city",
    country: "TR",
    lat: 39.93,
    lon: 32.86,
    names: { tr: "Ankara", ru: "Анкара" },
    variants: [],
  },
  {
    name: "Tehran",
    kind: "city",
    country: "IR",
    lat: 35.69,
    lon: 51.39,
    names: { fa: "تهران", ru: "Тегеран" },
    variants: [],
  },
  {
    name: "Prague",
    kind: "city",
    country: "CZ",
    lat: 50.08,
    lon: 14.44,
    names: { cs: "Praha", ru: "Прага" },
    variants: [],
  },
  {
    name: "Munich",
    kind: "city",
    country: "DE",
    lat: 48.14,
    lon: 11.58,
    names: { de: "München", ru: "Мюнхен" },
    variants: [],
  },
  {
    name: "Almaty",
    kind: "city",
    country: "KZ",
    lat: 43.24,
    lon: 76.89,
    names: { kk: "Алматы", ru: "Алматы" },
    variants: [],
  },
];

/** Every name an entry is known by, including the record's own. */
export function namesOf(entry: GazetteerEntry): string[] {
  return [...new Set([entry.name, ...Object.values(entry.names), ...(entry.variants ?? [])])];
}
