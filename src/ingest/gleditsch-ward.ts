import { alpha2OfName } from "./countries.ts";

/**
 * One state of Gleditsch and Ward's list of independent states: UCDP's `country_id`, `gwnoa` and
 * `gwnob` are its numbers.
 */
export type GleditschWardState = {
  /** The state's number in the list (UCDP GED's country_id). */
  gw: number;
  /** The list's three-letter code (not ISO's). */
  code: string;
  /** The name UCDP GED writes in its `country` column, where known; else the list's name. */
  name: string;
  /**
   * The ISO 3166-1 alpha-2 code of the country the state's territory lies in today, where that is
   * one country (a state of the past merged into another: the GDR is DE). None where ISO has no
   * code (Kosovo, Abkhazia, South Ossetia) or the territory is now several countries
   * (Czechoslovakia, Austria-Hungary).
   */
  alpha2?: string;
  /** The year the state left the list, for states that no longer exist. */
  until?: number;
  /** What the number stood for over time, where that changed. */
  note?: string;
};

/**
 * Gleditsch and Ward's list of independent states (K. S. Gleditsch and M. D. Ward, "A revised
 * list of independent states since the Congress of Vienna", International Interactions 25(4),
 * 1999, and its updates, with the microstates list), as UCDP uses it for country_id: every state
 * since 1946 and those of the nineteenth century. Written for Truce from the published list and
 * checked against UCDP GED's country names; the names are UCDP's where UCDP GED writes them
 * differently from the list ("Russia (Soviet Union)", "DR Congo (Zaire)"). A number not in this
 * table falls back to the row's country name (see {@link alpha2OfGleditschWard}).
 */
export const GLEDITSCH_WARD_STATES: readonly GleditschWardState[] = [
  { gw: 2, code: "USA", name: "United States of America", alpha2: "US" },
  { gw: 20, code: "CAN", name: "Canada", alpha2: "CA" },
  { gw: 31, code: "BHM", name: "Bahamas", alpha2: "BS" },
  { gw: 40, code: "CUB", name: "Cuba", alpha2: "CU" },
  { gw: 41, code: "HAI", name: "Haiti", alpha2: "HT" },
  { gw: 42, code: "DOM", name: "Dominican Republic", alpha2: "DO" },
  { gw: 51, code: "JAM", name: "Jamaica", alpha2: "JM" },
  { gw: 52, code: "TRI", name: "Trinidad and Tobago", alpha2: "TT" },
  { gw: 53, code: "BAR", name: "Barbados", alpha2: "BB" },
  { gw: 54, code: "DMA", name: "Dominica", alpha2: "DM" },
  { gw: 55, code: "GRN", name: "Grenada", alpha2: "GD" },
  { gw: 56, code: "SLU", name: "Saint Lucia", alpha2: "LC" },
  { gw: 57, code: "SVG", name: "Saint Vincent and the Grenadines", alpha2: "VC" },
  { gw: 58, code: "AAB", name: "Antigua and Barbuda", alpha2: "AG" },
  { gw: 60, code: "SKN", name: "Saint Kitts and Nevis", alpha2: "KN" },
  { gw: 70, code: "MEX", name: "Mexico", alpha2: "MX" },
  { gw: 80, code: "BLZ", name: "Belize", alpha2: "BZ" },
  {
    gw: 89,
    code: "UPC",
    name: "United Provinces of Central America",
    until: 1839,
    note: "1823-1839; now several countries, so no one code",
  },
  { gw: 90, code: "GUA", name: "Guatemala", alpha2: "GT" },
  { gw: 91, code: "HON", name: "Honduras", alpha2: "HN" },
  { gw: 92, code: "SAL", name: "El Salvador", alpha2: "SV" },
  { gw: 93, code: "NIC", name: "Nicaragua", alpha2: "NI" },
  { gw: 94, code: "COS", name: "Costa Rica", alpha2: "CR" },
  { gw: 95, code: "PAN", name: "Panama", alpha2: "PA" },
  {
    gw: 99,
    code: "GCL",
    name: "Great Colombia",
    until: 1830,
    note: "1821-1830; now several countries, so no one code",
  },
  { gw: 100, code: "COL", name: "Colombia", alpha2: "CO" },
  { gw: 101, code: "VEN", name: "Venezuela", alpha2: "VE" },
  { gw: 110, code: "GUY", name: "Guyana", alpha2: "GY" },
  { gw: 115, code: "SUR", name: "Suriname", alpha2: "SR" },
  { gw: 130, code: "ECU", name: "Ecuador", alpha2: "EC" },
  { gw: 135, code: "PER", name: "Peru", alpha2: "PE" },
  { gw: 140, code: "BRA", name: "Brazil", alpha2: "BR" },
  { gw: 145, code: "BOL", name: "Bolivia", alpha2: "BO" },
  { gw: 150, code: "PAR", name: "Paraguay", alpha2: "PY" },
  { gw: 155, code: "CHL", name: "Chile", alpha2: "CL" },
  { gw: 160, code: "ARG", name: "Argentina", alpha2: "AR" },
  { gw: 165, code: "URU", name: "Uruguay", alpha2: "UY" },
  { gw: 200, code: "UKG", name: "United Kingdom", alpha2: "GB" },
  { gw: 205, code: "IRE", name: "Ireland", alpha2: "IE" },
  { gw: 210, code: "NTH", name: "Netherlands", alpha2: "NL" },
  { gw: 211, code: "BEL", name: "Belgium", alpha2: "BE" },
  { gw: 212, code: "LUX", name: "Luxembourg", alpha2: "LU" },
  { gw: 220, code: "FRN", name: "France", alpha2: "FR" },
  { gw: 221, code: "MNC", name: "Monaco", alpha2: "MC" },
  { gw: 223, code: "LIE", name: "Liechtenstein", alpha2: "LI" },
  { gw: 225, code: "SWZ", name: "Switzerland", alpha2: "CH" },
  { gw: 230, code: "SPN", name: "Spain", alpha2: "ES" },
  { gw: 232, code: "AND", name: "Andorra", alpha2: "AD" },
  { gw: 235, code: "POR", name: "Portugal", alpha2: "PT" },
  { gw: 240, code: "HAN", name: "Hanover", alpha2: "DE", until: 1871 },
  { gw: 245, code: "BAV", name: "Bavaria", alpha2: "DE", until: 1871 },
  {
    gw: 255,
    code: "GMY",
    name: "Germany",
    alpha2: "DE",
    until: 1945,
    note: "Germany (Prussia) until 1945; unified Germany is 260 in the list, as UCDP has it",
  },
  {
    gw: 260,
    code: "GFR",
    name: "Germany",
    alpha2: "DE",
    note: "the German Federal Republic from 1949, Germany since unification in 1990",
  },
  {
    gw: 265,
    code: "GDR",
    name: "German Democratic Republic",
    alpha2: "DE",
    until: 1990,
    note: "1949-1990, now part of Germany",
  },
  { gw: 267, code: "BAD", name: "Baden", alpha2: "DE", until: 1871 },
  { gw: 269, code: "SAX", name: "Saxony", alpha2: "DE", until: 1871 },
  { gw: 271, code: "WRT", name: "Württemberg", alpha2: "DE", until: 1871 },
  { gw: 273, code: "HSE", name: "Hesse-Kassel (Electoral)", alpha2: "DE", until: 1871 },
  { gw: 275, code: "HSD", name: "Hesse-Darmstadt (Ducal)", alpha2: "DE", until: 1871 },
  { gw: 280, code: "MEC", name: "Mecklenburg-Schwerin", alpha2: "DE", until: 1871 },
  { gw: 290, code: "POL", name: "Poland", alpha2: "PL" },
  {
    gw: 300,
    code: "AUH",
    name: "Austria-Hungary",
    until: 1918,
    note: "until 1918; now several countries, so no one code",
  },
  { gw: 305, code: "AUS", name: "Austria", alpha2: "AT" },
  { gw: 310, code: "HUN", name: "Hungary", alpha2: "HU" },
  {
    gw: 315,
    code: "CZE",
    name: "Czechoslovakia",
    until: 1992,
    note: "until 1992; now the Czech Republic and Slovakia, so no one code",
  },
  { gw: 316, code: "CZR", name: "Czech Republic", alpha2: "CZ" },
  { gw: 317, code: "SLO", name: "Slovakia", alpha2: "SK" },
  { gw: 325, code: "ITA", name: "Italy", alpha2: "IT" },
  { gw: 327, code: "PAP", name: "Papal States", alpha2: "IT", until: 1870 },
  { gw: 329, code: "SIC", name: "Two Sicilies", alpha2: "IT", until: 1861 },
  { gw: 331, code: "SNM", name: "San Marino", alpha2: "SM" },
  { gw: 332, code: "MOD", name: "Modena", alpha2: "IT", until: 1861 },
  { gw: 335, code: "PMA", name: "Parma", alpha2: "IT", until: 1861 },
  { gw: 337, code: "TUS", name: "Tuscany", alpha2: "IT", until: 1861 },
  { gw: 338, code: "MLT", name: "Malta", alpha2: "MT" },
  { gw: 339, code: "ALB", name: "Albania", alpha2: "AL" },
  {
    gw: 340,
    code: "SER",
    name: "Serbia",
    alpha2: "RS",
    note: "Serbia 1878-1915 and again since 2006 in the list; UCDP writes Serbia as 345",
  },
  {
    gw: 341,
    code: "MNG",
    name: "Montenegro",
    alpha2: "ME",
    note: "1868-1915 and again since 2006",
  },
  { gw: 343, code: "MAC", name: "North Macedonia", alpha2: "MK" },
  { gw: 344, code: "CRO", name: "Croatia", alpha2: "HR" },
  {
    gw: 345,
    code: "YUG",
    name: "Serbia (Yugoslavia)",
    alpha2: "RS",
    note: "Yugoslavia 1918-1992, Serbia and Montenegro 1992-2006, then Serbia (as UCDP has it)",
  },
  { gw: 346, code: "BOS", name: "Bosnia-Herzegovina", alpha2: "BA" },
  { gw: 347, code: "KOS", name: "Kosovo", note: "since 2008; ISO 3166 has no code for it" },
  { gw: 349, code: "SLV", name: "Slovenia", alpha2: "SI" },
  { gw: 350, code: "GRC", name: "Greece", alpha2: "GR" },
  { gw: 352, code: "CYP", name: "Cyprus", alpha2: "CY" },
  { gw: 355, code: "BUL", name: "Bulgaria", alpha2: "BG" },
  { gw: 359, code: "MLD", name: "Moldova", alpha2: "MD" },
  { gw: 360, code: "RUM", name: "Romania", alpha2: "RO" },
  {
    gw: 365,
    code: "RUS",
    name: "Russia (Soviet Union)",
    alpha2: "RU",
    note: "the Soviet Union 1922-1991",
  },
  { gw: 366, code: "EST", name: "Estonia", alpha2: "EE" },
  { gw: 367, code: "LAT", name: "Latvia", alpha2: "LV" },
  { gw: 368, code: "LIT", name: "Lithuania", alpha2: "LT" },
  { gw: 369, code: "UKR", name: "Ukraine", alpha2: "UA" },
  { gw: 370, code: "BLR", name: "Belarus", alpha2: "BY" },
  { gw: 371, code: "ARM", name: "Armenia", alpha2: "AM" },
  { gw: 372, code: "GRG", name: "Georgia", alpha2: "GE" },
  { gw: 373, code: "AZE", name: "Azerbaijan", alpha2: "AZ" },
  { gw: 375, code: "FIN", name: "Finland", alpha2: "FI" },
  { gw: 380, code: "SWD", name: "Sweden", alpha2: "SE" },
  { gw: 385, code: "NOR", name: "Norway", alpha2: "NO" },
  { gw: 390, code: "DEN", name: "Denmark", alpha2: "DK" },
  { gw: 395, code: "ICE", name: "Iceland", alpha2: "IS" },
  {
    gw: 396,
    code: "ABK",
    name: "Abkhazia",
    note: "in the list since 2008; ISO 3166 has no code for it",
  },
  {
    gw: 397,
    code: "SOS",
    name: "South Ossetia",
    note: "in the list since 2008; ISO 3166 has no code for it",
  },
  { gw: 402, code: "CAP", name: "Cape Verde", alpha2: "CV" },
  { gw: 403, code: "STP", name: "Sao Tome and Principe", alpha2: "ST" },
  { gw: 404, code: "GNB", name: "Guinea-Bissau", alpha2: "GW" },
  { gw: 411, code: "EQG", name: "Equatorial Guinea", alpha2: "GQ" },
  { gw: 420, code: "GAM", name: "Gambia", alpha2: "GM" },
  { gw: 432, code: "MLI", name: "Mali", alpha2: "ML" },
  { gw: 433, code: "SEN", name: "Senegal", alpha2: "SN" },
  { gw: 434, code: "BEN", name: "Benin", alpha2: "BJ" },
  { gw: 435, code: "MAA", name: "Mauritania", alpha2: "MR" },
  { gw: 436, code: "NIR", name: "Niger", alpha2: "NE" },
  { gw: 437, code: "CDI", name: "Ivory Coast", alpha2: "CI" },
  { gw: 438, code: "GUI", name: "Guinea", alpha2: "GN" },
  { gw: 439, code: "BFO", name: "Burkina Faso", alpha2: "BF" },
  { gw: 450, code: "LBR", name: "Liberia", alpha2: "LR" },
  { gw: 451, code: "SIE", name: "Sierra Leone", alpha2: "SL" },
  { gw: 452, code: "GHA", name: "Ghana", alpha2: "GH" },
  { gw: 461, code: "TOG", name: "Togo", alpha2: "TG" },
  { gw: 471, code: "CAO", name: "Cameroon", alpha2: "CM" },
  { gw: 475, code: "NIG", name: "Nigeria", alpha2: "NG" },
  { gw: 481, code: "GAB", name: "Gabon", alpha2: "GA" },
  { gw: 482, code: "CEN", name: "Central African Republic", alpha2: "CF" },
  { gw: 483, code: "CHA", name: "Chad", alpha2: "TD" },
  { gw: 484, code: "CON", name: "Congo", alpha2: "CG" },
  { gw: 490, code: "DRC", name: "DR Congo (Zaire)", alpha2: "CD" },
  { gw: 500, code: "UGA", name: "Uganda", alpha2: "UG" },
  { gw: 501, code: "KEN", name: "Kenya", alpha2: "KE" },
  { gw: 510, code: "TAZ", name: "Tanzania", alpha2: "TZ" },
  {
    gw: 511,
    code: "ZAN",
    name: "Zanzibar",
    alpha2: "TZ",
    until: 1964,
    note: "1963-1964, now part of Tanzania",
  },
  { gw: 516, code: "BUI", name: "Burundi", alpha2: "BI" },
  { gw: 517, code: "RWA", name: "Rwanda", alpha2: "RW" },
  { gw: 520, code: "SOM", name: "Somalia", alpha2: "SO" },
  { gw: 522, code: "DJI", name: "Djibouti", alpha2: "DJ" },
  { gw: 530, code: "ETH", name: "Ethiopia", alpha2: "ET" },
  { gw: 531, code: "ERI", name: "Eritrea", alpha2: "ER" },
  { gw: 540, code: "ANG", name: "Angola", alpha2: "AO" },
  { gw: 541, code: "MZM", name: "Mozambique", alpha2: "MZ" },
  { gw: 551, code: "ZAM", name: "Zambia", alpha2: "ZM" },
  { gw: 552, code: "ZIM", name: "Zimbabwe (Rhodesia)", alpha2: "ZW" },
  { gw: 553, code: "MAW", name: "Malawi", alpha2: "MW" },
  { gw: 560, code: "SAF", name: "South Africa", alpha2: "ZA" },
  { gw: 563, code: "TRA", name: "Transvaal", alpha2: "ZA", until: 1910 },
  { gw: 564, code: "OFS", name: "Orange Free State", alpha2: "ZA", until: 1910 },
  { gw: 565, code: "NAM", name: "Namibia", alpha2: "NA" },
  { gw: 570, code: "LES", name: "Lesotho", alpha2: "LS" },
  { gw: 571, code: "BOT", name: "Botswana", alpha2: "BW" },
  { gw: 572, code: "SWA", name: "Kingdom of eSwatini (Swaziland)", alpha2: "SZ" },
  { gw: 580, code: "MAG", name: "Madagascar (Malagasy)", alpha2: "MG" },
  { gw: 581, code: "COM", name: "Comoros", alpha2: "KM" },
  { gw: 590, code: "MAS", name: "Mauritius", alpha2: "MU" },
  { gw: 591, code: "SEY", name: "Seychelles", alpha2: "SC" },
  { gw: 600, code: "MOR", name: "Morocco", alpha2: "MA" },
  { gw: 615, code: "ALG", name: "Algeria", alpha2: "DZ" },
  { gw: 616, code: "TUN", name: "Tunisia", alpha2: "TN" },
  { gw: 620, code: "LIB", name: "Libya", alpha2: "LY" },
  { gw: 625, code: "SUD", name: "Sudan", alpha2: "SD" },
  { gw: 626, code: "SSD", name: "South Sudan", alpha2: "SS" },
  { gw: 630, code: "IRN", name: "Iran", alpha2: "IR" },
  { gw: 640, code: "TUR", name: "Turkey", alpha2: "TR" },
  { gw: 645, code: "IRQ", name: "Iraq", alpha2: "IQ" },
  { gw: 651, code: "EGY", name: "Egypt", alpha2: "EG" },
  { gw: 652, code: "SYR", name: "Syria", alpha2: "SY" },
  { gw: 660, code: "LEB", name: "Lebanon", alpha2: "LB" },
  { gw: 663, code: "JOR", name: "Jordan", alpha2: "JO" },
  { gw: 666, code: "ISR", name: "Israel", alpha2: "IL" },
  { gw: 670, code: "SAU", name: "Saudi Arabia", alpha2: "SA" },
  {
    gw: 678,
    code: "YEM",
    name: "Yemen (North Yemen)",
    alpha2: "YE",
    note: "North Yemen (Yemen Arab Republic) until 1990, Yemen since unification",
  },
  {
    gw: 680,
    code: "YPR",
    name: "South Yemen",
    alpha2: "YE",
    until: 1990,
    note: "the People's Republic of Yemen, 1967-1990",
  },
  { gw: 690, code: "KUW", name: "Kuwait", alpha2: "KW" },
  { gw: 692, code: "BAH", name: "Bahrain", alpha2: "BH" },
  { gw: 694, code: "QAT", name: "Qatar", alpha2: "QA" },
  { gw: 696, code: "UAE", name: "United Arab Emirates", alpha2: "AE" },
  { gw: 698, code: "OMA", name: "Oman", alpha2: "OM" },
  { gw: 700, code: "AFG", name: "Afghanistan", alpha2: "AF" },
  { gw: 701, code: "TKM", name: "Turkmenistan", alpha2: "TM" },
  { gw: 702, code: "TAJ", name: "Tajikistan", alpha2: "TJ" },
  { gw: 703, code: "KYR", name: "Kyrgyzstan", alpha2: "KG" },
  { gw: 704, code: "UZB", name: "Uzbekistan", alpha2: "UZ" },
  { gw: 705, code: "KZK", name: "Kazakhstan", alpha2: "KZ" },
  { gw: 710, code: "CHN", name: "China", alpha2: "CN" },
  { gw: 711, code: "TBT", name: "Tibet", alpha2: "CN", until: 1950, note: "1913-1950" },
  { gw: 712, code: "MON", name: "Mongolia", alpha2: "MN" },
  { gw: 713, code: "TAW", name: "Taiwan", alpha2: "TW" },
  {
    gw: 730,
    code: "KOR",
    name: "Korea",
    until: 1910,
    note: "until 1910; now North and South Korea, so no one code",
  },
  { gw: 731, code: "PRK", name: "North Korea", alpha2: "KP" },
  { gw: 732, code: "ROK", name: "South Korea", alpha2: "KR" },
  { gw: 740, code: "JPN", name: "Japan", alpha2: "JP" },
  { gw: 750, code: "IND", name: "India", alpha2: "IN" },
  { gw: 760, code: "BHU", name: "Bhutan", alpha2: "BT" },
  { gw: 770, code: "PAK", name: "Pakistan", alpha2: "PK" },
  { gw: 771, code: "BNG", name: "Bangladesh", alpha2: "BD" },
  { gw: 775, code: "MYA", name: "Myanmar (Burma)", alpha2: "MM" },
  { gw: 780, code: "SRI", name: "Sri Lanka", alpha2: "LK" },
  { gw: 781, code: "MAD", name: "Maldives", alpha2: "MV" },
  { gw: 790, code: "NEP", name: "Nepal", alpha2: "NP" },
  { gw: 800, code: "THI", name: "Thailand", alpha2: "TH" },
  { gw: 811, code: "CAM", name: "Cambodia (Kampuchea)", alpha2: "KH" },
  { gw: 812, code: "LAO", name: "Laos", alpha2: "LA" },
  { gw: 815, code: "VNM", name: "Vietnam (Annam/Cochin China/Tonkin)", alpha2: "VN", until: 1893 },
  {
    gw: 816,
    code: "DRV",
    name: "Vietnam (North Vietnam)",
    alpha2: "VN",
    note: "North Vietnam (Democratic Republic of Vietnam) until 1976, Vietnam since",
  },
  {
    gw: 817,
    code: "RVN",
    name: "Republic of Vietnam",
    alpha2: "VN",
    until: 1975,
    note: "South Vietnam, 1954-1975",
  },
  { gw: 820, code: "MAL", name: "Malaysia", alpha2: "MY" },
  { gw: 830, code: "SIN", name: "Singapore", alpha2: "SG" },
  { gw: 835, code: "BRU", name: "Brunei", alpha2: "BN" },
  { gw: 840, code: "PHI", name: "Philippines", alpha2: "PH" },
  { gw: 850, code: "INS", name: "Indonesia", alpha2: "ID" },
  { gw: 860, code: "ETM", name: "East Timor", alpha2: "TL" },
  { gw: 900, code: "AUL", name: "Australia", alpha2: "AU" },
  { gw: 910, code: "PNG", name: "Papua New Guinea", alpha2: "PG" },
  { gw: 920, code: "NEW", name: "New Zealand", alpha2: "NZ" },
  { gw: 935, code: "VAN", name: "Vanuatu", alpha2: "VU" },
  { gw: 940, code: "SOL", name: "Solomon Islands", alpha2: "SB" },
  { gw: 950, code: "FJI", name: "Fiji", alpha2: "FJ" },
  { gw: 970, code: "KBI", name: "Kiribati", alpha2: "KI" },
  { gw: 971, code: "NAU", name: "Nauru", alpha2: "NR" },
  { gw: 972, code: "TON", name: "Tonga", alpha2: "TO" },
  { gw: 973, code: "TUV", name: "Tuvalu", alpha2: "TV" },
  { gw: 983, code: "MSI", name: "Marshall Islands", alpha2: "MH" },
  { gw: 986, code: "PAL", name: "Palau", alpha2: "PW" },
  { gw: 987, code: "FSM", name: "Federated States of Micronesia", alpha2: "FM" },
  { gw: 990, code: "WSM", name: "Samoa", alpha2: "WS" },
];

const BY_NUMBER = new Map(GLEDITSCH_WARD_STATES.map((state) => [state.gw, state]));

/** The state with this Gleditsch–Ward number ("365" or 365), or undefined. */
export function gleditschWardState(gw: string | number): GleditschWardState | undefined {
  const text = String(gw).trim();
  return /^\d{1,3}$/.test(text) ? BY_NUMBER.get(Number(text)) : undefined;
}

/**
 * The ISO alpha-2 code for a UCDP row's country: from its Gleditsch–Ward number when the table
 * has it, else from the row's country name (ISO's English names and aliases, and the table's
 * names). Undefined when neither gives one.
 */
export function alpha2OfGleditschWard(gw: string, countryName: string): string | undefined {
  const state = gleditschWardState(gw);
  if (state !== undefined) return state.alpha2;
  const name = countryName.trim().toLowerCase();
  if (name === "") return undefined;
  return (
    GLEDITSCH_WARD_STATES.find((s) => s.name.toLowerCase() === name)?.alpha2 ??
    alpha2OfName(countryName)
  );
}

/**
 * The state UCDP writes for a country of today: the state in the list now (not one of the past)
 * with that ISO code, and for Serbia UCDP's 345 rather than the list's 340.
 */
export function gleditschWardOfAlpha2(alpha2: string): GleditschWardState | undefined {
  if (alpha2 === "RS") return BY_NUMBER.get(345);
  return GLEDITSCH_WARD_STATES.find((s) => s.alpha2 === alpha2 && s.until === undefined);
}

/**
 * UCDP's region for a Gleditsch–Ward number, by the ranges UCDP and PRIO use: Americas 2-199,
 * Europe 200-399, Africa 400-626, Middle East 630-699, Asia (with Oceania) 700-999.
 */
export function ucdpRegionOf(gw: number): string {
  if (gw < 200) return "Americas";
  if (gw < 400) return "Europe";
  if (gw < 630) return "Africa";
  if (gw < 700) return "Middle East";
  return "Asia";
}
