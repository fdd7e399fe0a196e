import type { z } from "zod";
import type { Place } from "../domain/place.ts";
import type { ProcessSchema } from "../domain/process.schema.ts";
import { record } from "./example-record.ts";

/**
 * The second built-in example: Colombia's Final Agreement with the FARC-EP of 2016, the bilateral
 * and definitive ceasefire, the laying down of arms under the tripartite Monitoring and
 * Verification Mechanism and the two UN missions, as publicly recorded up to September 2017, when
 * the first UN mission ended. Written in our own words from the agreements' texts, the Security
 * Council's resolutions, the UN mission's statements and the official count of the plebiscite;
 * what no single text gives rests on our summary of public reporting (`SUMMARY`). Only what we are
 * sure of is here: a fact we could not pin down is left out, not guessed, and places and dates
 * carry the precision that is known (a zone's point is its municipality's seat, at district
 * precision, never the camp's own ground). Records are in load order, so each points backwards.
 */

const SUMMARY = "src-co-summary";
const CEASEFIRE_TEXT = "src-co-ceasefire-text";
const FINAL_TEXT = "src-co-final-agreement-text";
const UNSC_2261 = "src-unsc-2261";
const UNSC_2366 = "src-unsc-2366";
const UN_ARMS = "src-un-2017-06-arms";
const PLEBISCITE = "src-co-plebiscite-2016-10-02";

const process = {
  slug: "colombia-farc-ep",
  name: "Colombia: the Final Agreement with the FARC-EP, 2016–2017",
  names: {
    es: "Colombia: el Acuerdo Final con las FARC-EP, 2016–2017",
  },
  description:
    "The bilateral and definitive ceasefire and the laying down of arms agreed in Havana on 23 June " +
    "2016, the Final Agreement signed in Cartagena on 26 September 2016 and rejected in the " +
    "plebiscite of 2 October 2016, the revised Final Agreement signed in Bogotá on 24 November 2016 " +
    "(D-Day: 1 December 2016), the FARC-EP's gathering in the transitional local zones and the laying " +
    "down of its arms under the tripartite Monitoring and Verification Mechanism and the UN Mission " +
    "in Colombia, as publicly recorded up to September 2017.",
  languages: ["es", "en"],
  countries: ["CO"],
  started: { value: "2016-06-23", precision: "day" },
  bbox: [-79.1, -4.3, -66.8, 12.5],
} satisfies z.input<typeof ProcessSchema>;

// Places. A zone's point is the seat of its municipality (GeoNames), at district precision: where
// in the municipality the camp lay is in its name, not in its coordinates.
const zone = (
  id: string,
  vereda: string,
  municipality: string,
  department: string,
  lat: number,
  lon: number,
  geonames_id: number,
) =>
  record("place", id, {
    name: `${vereda} (${municipality}, ${department})`,
    kind: "zone",
    precision: "district",
    names: { es: `Zona de ${vereda}, ${municipality} (${department})` },
    aliases: [vereda, `ETCR ${vereda}`],
    lat,
    lon,
    admin1: department,
    admin2: municipality,
    country: "CO",
    geonames_id,
    description:
      `One of the 26 transitional local zones (zonas veredales transitorias de normalización, ` +
      `ZVTN, and puntos transitorios de normalización, PTN) where the FARC-EP gathered from early ` +
      `2017 and laid down its arms; it became a territorial training and reincorporation space ` +
      `(ETCR) on 15 August 2017. The point is the seat of ${municipality}, not the zone's ground.`,
    source_ids: [SUMMARY],
  });

/**
 * Colombia's departments and the capital district: reporting names a region by its department
 * ("in Cauca"). No point: a department's outline is not here, and its centre would be a guess.
 */
const DEPARTMENTS = [
  "Amazonas",
  "Antioquia",
  "Arauca",
  "Atlántico",
  "Bolívar",
  "Boyacá",
  "Caldas",
  "Caquetá",
  "Casanare",
  "Cauca",
  "Cesar",
  "Chocó",
  "Córdoba",
  "Cundinamarca",
  "Guainía",
  "Guaviare",
  "Huila",
  "La Guajira",
  "Magdalena",
  "Meta",
  "Nariño",
  "Norte de Santander",
  "Putumayo",
  "Quindío",
  "Risaralda",
  "San Andrés, Providencia y Santa Catalina",
  "Santander",
  "Sucre",
  "Tolima",
  "Valle del Cauca",
  "Vaupés",
  "Vichada",
];

const departments = DEPARTMENTS.map((name) =>
  record(
    "place",
    `plc-co-dept-${name
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z]+/g, "-")}`,
    {
      name,
      kind: "province",
      precision: "region",
      aliases: [`${name} department`, `departamento de ${name}`],
      admin1: name,
      country: "CO",
    },
  ),
);

const places = [
  ...departments,
  record("place", "plc-co-catatumbo", {
    name: "Catatumbo",
    kind: "region",
    precision: "region",
    aliases: ["the Catatumbo region", "región del Catatumbo"],
    admin1: "Norte de Santander",
    country: "CO",
  }),
  record("place", "plc-oslo", {
    name: "Oslo",
    kind: "city",
    precision: "settlement",
    lat: 59.91273,
    lon: 10.74609,
    country: "NO",
    capital_of: "NO",
    geonames_id: 3143244,
    description: "Where the talks were formally opened, in October 2012.",
  }),
  record("place", "plc-co-bogota", {
    name: "Bogotá",
    kind: "city",
    precision: "settlement",
    // The revised Final Agreement was signed at its Teatro Colón: a text naming the theatre is in Bogotá.
    aliases: ["Bogota", "Santa Fe de Bogotá", "Teatro Colón"],
    lat: 4.60971,
    lon: -74.08175,
    admin1: "Bogotá D.C.",
    country: "CO",
    capital_of: "CO",
    geonames_id: 3688689,
  }),
  record("place", "plc-co-cartagena", {
    name: "Cartagena",
    kind: "city",
    precision: "settlement",
    aliases: ["Cartagena de Indias"],
    lat: 10.39972,
    lon: -75.51444,
    admin1: "Bolívar",
    country: "CO",
    geonames_id: 3687238,
  }),
  record("place", "plc-havana", {
    name: "Havana",
    kind: "city",
    precision: "settlement",
    names: { es: "La Habana" },
    aliases: ["La Habana", "Habana"],
    lat: 23.13302,
    lon: -82.38304,
    country: "CU",
    capital_of: "CU",
    geonames_id: 3553478,
    description: "Where the talks were held from 2012 to 2016, with Cuba and Norway as guarantors.",
  }),
  zone("plc-zone-buenavista", "Buenavista", "Mesetas", "Meta", 3.38463, -74.04424, 3763578),
  zone("plc-zone-la-fila", "La Fila", "Icononzo", "Tolima", 4.17698, -74.53254, 3680641),
  zone("plc-zone-el-oso", "El Oso", "Planadas", "Tolima", 3.19698, -75.64506, 3672077),
  zone("plc-zone-gallo", "Gallo", "Tierralta", "Córdoba", 8.17361, -76.05917, 3667158),
  zone("plc-zone-pondores", "Pondores", "Fonseca", "La Guajira", 10.88606, -72.8487, 3682374),
  zone("plc-zone-tierra-grata", "Tierra Grata", "La Paz", "Cesar", 10.38439, -73.17332, 3678186),
  zone(
    "plc-zone-cano-indio",
    "Caño Indio",
    "Tibú",
    "Norte de Santander",
    8.63895,
    -72.73583,
    3667202,
  ),
  zone("plc-zone-filipinas", "Filipinas", "Arauquita", "Arauca", 7.02917, -71.42806, 3689714),
  zone("plc-zone-santa-lucia", "Santa Lucía", "Ituango", "Antioquia", 7.17117, -75.76404, 3680434),
  zone(
    "plc-zone-llano-grande",
    "Llano Grande",
    "Dabeiba",
    "Antioquia",
    7.00017,
    -76.26915,
    3685295,
  ),
  zone("plc-zone-la-plancha", "La Plancha", "Anorí", "Antioquia", 7.07273, -75.14768, 3689838),
  zone("plc-zone-carrizal", "Carrizal", "Remedios", "Antioquia", 7.02835, -74.69379, 3670899),
  zone("plc-zone-la-elvira", "La Elvira", "Buenos Aires", "Cauca", 3.01397, -76.64612, 3688357),
  zone("plc-zone-la-variante", "La Variante", "Tumaco", "Nariño", 1.79112, -78.79275, 3666640),
  zone(
    "plc-zone-agua-bonita",
    "Agua Bonita",
    "La Montañita",
    "Caquetá",
    1.48016,
    -75.43664,
    3678363,
  ),
];

const HAVANA = {
  name: "Havana",
  names: { es: "La Habana" },
  precision: "settlement",
  lat: 23.13302,
  lon: -82.38304,
  country: "CU",
  place_id: "plc-havana",
} as const satisfies Place;

const CARTAGENA = {
  name: "Cartagena",
  precision: "settlement",
  lat: 10.39972,
  lon: -75.51444,
  admin1: "Bolívar",
  country: "CO",
  place_id: "plc-co-cartagena",
} as const satisfies Place;

const BOGOTA = {
  name: "Bogotá (Teatro Colón)",
  precision: "settlement",
  lat: 4.60971,
  lon: -74.08175,
  country: "CO",
  place_id: "plc-co-bogota",
} as const satisfies Place;

const ZONES = {
  name: "The transitional local zones (ZVTN and PTN)",
  names: { es: "Zonas veredales transitorias de normalización y puntos transitorios" },
  precision: "country",
  country: "CO",
} as const satisfies Place;

const actors = [
  record("actor", "GOV", {
    name: "Government of Colombia",
    names: { es: "Gobierno de Colombia" },
    short_name: "Government",
    aliases: ["Gobierno Nacional", "the Colombian government", "el Gobierno"],
    roles: ["party"],
    country: "CO",
    represented_by: "President Juan Manuel Santos",
  }),
  record("actor", "FARC", {
    name: "Revolutionary Armed Forces of Colombia – People's Army",
    names: { es: "Fuerzas Armadas Revolucionarias de Colombia – Ejército del Pueblo" },
    short_name: "FARC-EP",
    aliases: ["FARC", "las FARC", "the FARC", "la guerrilla de las FARC"],
    roles: ["party", "armed_group"],
    country: "CO",
    represented_by: "Rodrigo Londoño (Timoleón Jiménez, 'Timochenko')",
  }),
  record("actor", "CUB", {
    name: "Republic of Cuba",
    names: { es: "República de Cuba" },
    short_name: "Cuba",
    roles: ["mediator"],
    country: "CU",
    description: "Guarantor country of the talks, which it hosted in Havana.",
  }),
  record("actor", "NOR", {
    name: "Kingdom of Norway",
    names: { es: "Reino de Noruega", nb: "Kongeriket Norge" },
    short_name: "Norway",
    roles: ["mediator"],
    country: "NO",
    description: "Guarantor country of the talks.",
  }),
  record("actor", "VEN", {
    name: "Bolivarian Republic of Venezuela",
    names: { es: "República Bolivariana de Venezuela" },
    short_name: "Venezuela",
    roles: ["mediator"],
    country: "VE",
    description: "Accompanying country of the talks (país acompañante).",
  }),
  record("actor", "CHL", {
    name: "Republic of Chile",
    names: { es: "República de Chile" },
    short_name: "Chile",
    roles: ["mediator"],
    country: "CL",
    description: "Accompanying country of the talks (país acompañante).",
  }),
  record("actor", "UNMC", {
    name: "United Nations Mission in Colombia",
    names: { es: "Misión de las Naciones Unidas en Colombia" },
    short_name: "UN Mission",
    aliases: ["UN mission", "Misión de la ONU"],
    roles: ["monitor"],
    represented_by: "Special Representative of the Secretary-General Jean Arnault",
    description:
      "A political mission of unarmed international observers set up by Security Council " +
      "resolution 2261 (2016) to monitor and verify the laying down of arms, and, as the " +
      "international component of the tripartite mechanism, the bilateral and definitive ceasefire.",
  }),
  record("actor", "UNVMC", {
    name: "United Nations Verification Mission in Colombia",
    names: { es: "Misión de Verificación de las Naciones Unidas en Colombia" },
    short_name: "UN Verification Mission",
    roles: ["monitor"],
    represented_by: "Special Representative of the Secretary-General Jean Arnault",
    description:
      "Set up by Security Council resolution 2366 (2017), after the first mission, to verify the " +
      "FARC-EP's political, economic and social reincorporation and the guarantees of personal and " +
      "collective security.",
  }),
];

const sources = [
  record("source", SUMMARY, {
    title: "Truce summary of public reporting on Colombia's peace process, 2016–2017",
    kind: "other",
    publisher: "Truce",
    language: "en",
    published: { value: "2017-09", precision: "month" },
    excerpt:
      "A summary, in our own words, of public reporting on the process up to September 2017. It " +
      "stands as the source of facts that the record attributes to no document.",
  }),
  record("source", CEASEFIRE_TEXT, {
    title:
      "Acuerdo sobre cese al fuego y de hostilidades bilateral y definitivo y dejación de las armas " +
      "(text of 23 June 2016)",
    kind: "agreement_text",
    publisher: "Office of the High Commissioner for Peace, Colombia",
    language: "es",
    published: { value: "2016-06", precision: "month" },
  }),
  record("source", FINAL_TEXT, {
    title:
      "Acuerdo Final para la terminación del conflicto y la construcción de una paz estable y " +
      "duradera (text of 24 November 2016)",
    kind: "agreement_text",
    publisher: "Office of the High Commissioner for Peace, Colombia",
    language: "es",
    published: { value: "2016-11", precision: "month" },
  }),
  record("source", UNSC_2261, {
    title: "Security Council resolution 2261 (2016)",
    kind: "official_statement",
    publisher: "United Nations Security Council",
    language: "en",
    published: { value: "2016-01-25", precision: "day" },
    url: "https://undocs.org/S/RES/2261(2016)",
  }),
  record("source", UNSC_2366, {
    title: "Security Council resolution 2366 (2017)",
    kind: "official_statement",
    publisher: "United Nations Security Council",
    language: "en",
    published: { value: "2017-07-10", precision: "day" },
    url: "https://undocs.org/S/RES/2366(2017)",
  }),
  record("source", UN_ARMS, {
    title: "UN Mission in Colombia on the completion of the laying down of individual weapons",
    kind: "monitor_report",
    publisher: "United Nations Mission in Colombia",
    author_id: "UNMC",
    language: "es",
    published: { value: "2017-06", precision: "month" },
  }),
  record("source", PLEBISCITE, {
    title: "Results of the plebiscite of 2 October 2016",
    kind: "official_statement",
    publisher: "Registraduría Nacional del Estado Civil",
    language: "es",
    published: { value: "2016-10-02", precision: "day" },
  }),
];

const CEASEFIRE = "doc-co-2016-06-23";
const CARTAGENA_AGREEMENT = "doc-co-2016-09-26";
const FINAL = "doc-co-2016-11-24";

const documents = [
  record("document", CEASEFIRE, {
    title:
      "Agreement on the bilateral and definitive ceasefire and cessation of hostilities and the " +
      "laying down of arms",
    kind: "agreement",
    date: { value: "2016-06-23", precision: "day" },
    place: HAVANA,
    signatories: ["GOV", "FARC"],
    third_parties: ["CUB", "NOR"],
    summary:
      "Agreed in Havana. A bilateral and definitive ceasefire and cessation of hostilities; the " +
      "FARC-EP's gathering in transitional local zones and the laying down of its arms to a " +
      "political mission of the United Nations; a tripartite Monitoring and Verification Mechanism " +
      "of the Government, the FARC-EP and the UN mission, the UN as its international component. " +
      "Made part of the Final Agreement (its point 3.1).",
    status: "signed",
    source_ids: [CEASEFIRE_TEXT],
  }),
  record("document", CARTAGENA_AGREEMENT, {
    title:
      "Final Agreement for ending the conflict and building a stable and lasting peace (Cartagena)",
    kind: "agreement",
    date: { value: "2016-09-26", precision: "day" },
    place: CARTAGENA,
    signatories: ["GOV", "FARC"],
    third_parties: ["CUB", "NOR"],
    summary:
      "Signed in Cartagena by President Juan Manuel Santos and Rodrigo Londoño. Rejected in the " +
      "plebiscite of 2 October 2016: 50.21 per cent of the votes cast against it and 49.78 per cent " +
      "for it. Renegotiated, it was replaced by the revised Final Agreement of 24 November 2016.",
    status: "rejected",
    source_ids: [PLEBISCITE, SUMMARY],
  }),
  record("document", FINAL, {
    title: "Final Agreement for ending the conflict and building a stable and lasting peace",
    kind: "agreement",
    date: { value: "2016-11-24", precision: "day" },
    effective: { value: "2016-12-01", precision: "day" },
    place: BOGOTA,
    signatories: ["GOV", "FARC"],
    third_parties: ["CUB", "NOR"],
    summary:
      "The revised Final Agreement, signed at the Teatro Colón in Bogotá and endorsed by Congress " +
      "(the Senate on 29 and the House of Representatives on 30 November 2016). Its D-Day, from " +
      "which the timeline of the laying down of arms counts, was 1 December 2016. Six points: " +
      "comprehensive rural reform; political participation; the end of the conflict (the ceasefire " +
      "and laying down of arms, the FARC-EP's reincorporation, security guarantees); the solution " +
      "to the problem of illicit drugs; the victims; implementation, verification and endorsement.",
    status: "in force",
    source_ids: [FINAL_TEXT, SUMMARY],
  }),
];

/** A deadline counted in days from the Final Agreement's D-Day, worded as the timeline words it. */
const dPlus = (days: number) => ({
  amount: days,
  unit: "days" as const,
  after: "entry_into_force" as const,
  event: "D-Day, the Final Agreement's entry into force (1 December 2016)",
  as_worded: `D+${days}`,
});

const provisions = [
  record("provision", "prv-co-fa-1", {
    document_id: FINAL,
    number: "1",
    title: "Comprehensive rural reform",
    summary: "Towards a new Colombian countryside: comprehensive rural reform.",
    category: "other",
    obligated: ["GOV"],
  }),
  record("provision", "prv-co-fa-2", {
    document_id: FINAL,
    number: "2",
    title: "Political participation",
    summary: "Political participation: a democratic opening to build peace.",
    category: "institutions",
    obligated: ["GOV", "FARC"],
  }),
  record("provision", "prv-co-fa-3-1", {
    document_id: FINAL,
    number: "3.1",
    title: "Bilateral and definitive ceasefire and laying down of arms",
    summary:
      "The agreement of 23 June 2016, as made part of the Final Agreement: the bilateral and " +
      "definitive ceasefire and cessation of hostilities, the FARC-EP's gathering in the " +
      "transitional local zones, and the laying down of its arms to the UN mission, monitored and " +
      "verified by the tripartite mechanism.",
    category: "ceasefire",
    obligated: ["GOV", "FARC"],
  }),
  record("provision", "prv-co-fa-3-1-d90", {
    document_id: FINAL,
    number: "3.1",
    title: "Laying down of arms: the first 30 per cent by D+90",
    summary: "The FARC-EP hands the first 30 per cent of its weapons to the UN mission by D+90.",
    category: "ceasefire",
    obligated: ["FARC"],
    deadline_relative: dPlus(90),
  }),
  record("provision", "prv-co-fa-3-1-d120", {
    document_id: FINAL,
    number: "3.1",
    title: "Laying down of arms: another 30 per cent by D+120",
    summary: "The FARC-EP hands another 30 per cent of its weapons to the UN mission by D+120.",
    category: "ceasefire",
    obligated: ["FARC"],
    deadline_relative: dPlus(120),
  }),
  record("provision", "prv-co-fa-3-1-d150", {
    document_id: FINAL,
    number: "3.1",
    title: "Laying down of arms: the last 40 per cent by D+150",
    summary:
      "The FARC-EP hands the remaining 40 per cent of its weapons to the UN mission by D+150.",
    category: "ceasefire",
    obligated: ["FARC"],
    deadline_relative: dPlus(150),
  }),
  record("provision", "prv-co-fa-3-1-d180", {
    document_id: FINAL,
    number: "3.1",
    title: "End of the transitional local zones at D+180",
    summary:
      "The transitional local zones, and the ceasefire's monitoring in them, end at D+180, when " +
      "the UN mission has taken the weapons out.",
    category: "ceasefire",
    obligated: ["GOV", "FARC"],
    deadline_relative: dPlus(180),
  }),
  record("provision", "prv-co-fa-3-2", {
    document_id: FINAL,
    number: "3.2",
    title: "Reincorporation of the FARC-EP into civilian life",
    summary:
      "The FARC-EP's economic, social and political reincorporation into civilian life, in keeping " +
      "with its interests.",
    category: "implementation",
    obligated: ["GOV", "FARC"],
  }),
  record("provision", "prv-co-fa-4", {
    document_id: FINAL,
    number: "4",
    title: "Solution to the problem of illicit drugs",
    summary: "The solution to the problem of illicit drugs, crop substitution among them.",
    category: "other",
    obligated: ["GOV", "FARC"],
  }),
  record("provision", "prv-co-fa-5", {
    document_id: FINAL,
    number: "5",
    title: "Victims",
    summary:
      "The victims of the conflict: a comprehensive system of truth, justice, reparation and " +
      "non-repetition.",
    category: "other",
    obligated: ["GOV", "FARC"],
  }),
  record("provision", "prv-co-fa-6", {
    document_id: FINAL,
    number: "6",
    title: "Implementation, verification and endorsement",
    summary:
      "Mechanisms to implement and verify the agreement, among them a commission of the " +
      "Government and the FARC-EP to follow up, promote and verify its implementation (CSIVI), " +
      "and an international verification component.",
    category: "implementation",
    obligated: ["GOV", "FARC"],
  }),
];

const meetings = [
  record("meeting", "mtg-co-2016-06-23", {
    title: "Signing of the ceasefire and laying down of arms agreement in Havana",
    kind: "multilateral",
    level: "leaders",
    date: { value: "2016-06-23", precision: "day" },
    place: HAVANA,
    participants: ["GOV", "FARC", "CUB", "NOR"],
    persons: ["Juan Manuel Santos", "Rodrigo Londoño", "Raúl Castro", "Ban Ki-moon"],
    mediators: ["CUB", "NOR"],
    status: "held",
    outcome: "The agreement on the bilateral and definitive ceasefire was signed.",
    document_ids: [CEASEFIRE],
    source_ids: [CEASEFIRE_TEXT, SUMMARY],
  }),
  record("meeting", "mtg-co-2016-09-26", {
    title: "Signing of the Final Agreement in Cartagena",
    kind: "multilateral",
    level: "leaders",
    date: { value: "2016-09-26", precision: "day" },
    place: CARTAGENA,
    participants: ["GOV", "FARC", "CUB", "NOR"],
    persons: ["Juan Manuel Santos", "Rodrigo Londoño", "Ban Ki-moon"],
    mediators: ["CUB", "NOR"],
    status: "held",
    outcome: "The Final Agreement was signed; it was rejected in the plebiscite of 2 October 2016.",
    document_ids: [CARTAGENA_AGREEMENT],
    source_ids: [SUMMARY],
  }),
  record("meeting", "mtg-co-2016-11-24", {
    title: "Signing of the revised Final Agreement at the Teatro Colón, Bogotá",
    kind: "bilateral",
    level: "leaders",
    date: { value: "2016-11-24", precision: "day" },
    place: BOGOTA,
    participants: ["GOV", "FARC"],
    persons: ["Juan Manuel Santos", "Rodrigo Londoño"],
    status: "held",
    outcome: "The revised Final Agreement was signed.",
    document_ids: [FINAL],
    source_ids: [FINAL_TEXT, SUMMARY],
  }),
];

const UN_MISSION = "body-unmc";
const MECHANISM = "body-mmv";

const bodies = [
  record("body", UN_MISSION, {
    name: "United Nations Mission in Colombia",
    names: { es: "Misión de las Naciones Unidas en Colombia" },
    kind: "mission",
    status: "ended",
    mandate:
      "A political mission of unarmed international observers, for twelve months, to take part in " +
      "monitoring and verifying the bilateral and definitive ceasefire and cessation of hostilities " +
      "and to verify the laying down of arms, as the international component and coordinator of " +
      "the tripartite mechanism (resolution 2261 of 25 January 2016).",
    actor_id: "UNMC",
    members: [{ actor_id: "UNMC", represented_by: "Jean Arnault", role: "head of mission" }],
    from: { value: "2016-01-25", precision: "day" },
    to: { value: "2017-09", precision: "month" },
    document_ids: [CEASEFIRE, FINAL],
    source_ids: [UNSC_2261, SUMMARY],
  }),
  record("body", "body-unvmc", {
    name: "United Nations Verification Mission in Colombia",
    names: { es: "Misión de Verificación de las Naciones Unidas en Colombia" },
    kind: "mission",
    status: "active",
    mandate:
      "Verify the FARC-EP's political, economic and social reincorporation and the guarantees of " +
      "personal and collective security (resolution 2366 of 10 July 2017), after the first " +
      "mission's mandate ended.",
    actor_id: "UNVMC",
    members: [{ actor_id: "UNVMC", represented_by: "Jean Arnault", role: "head of mission" }],
    from: { value: "2017-09", precision: "month" },
    document_ids: [FINAL],
    source_ids: [UNSC_2366, SUMMARY],
  }),
  record("body", MECHANISM, {
    name: "Monitoring and Verification Mechanism",
    names: { es: "Mecanismo de Monitoreo y Verificación (MM&V)" },
    kind: "other",
    status: "ended",
    mandate:
      "Monitor and verify the bilateral and definitive ceasefire and cessation of hostilities and " +
      "the laying down of arms: a tripartite mechanism of the Government, the FARC-EP and the UN " +
      "mission, at a national level, in regional offices and in local teams at the zones; the UN " +
      "mission is its international component, which coordinates it and settles disagreements.",
    members: [
      { actor_id: "GOV" },
      { actor_id: "FARC" },
      { actor_id: "UNMC", role: "international component (coordinates)" },
    ],
    document_ids: [CEASEFIRE, FINAL],
    source_ids: [CEASEFIRE_TEXT, UNSC_2261],
  }),
  record("body", "body-csivi", {
    name: "Commission for the Follow-up, Promotion and Verification of the Implementation of the Final Agreement",
    names: {
      es: "Comisión de Seguimiento, Impulso y Verificación a la Implementación del Acuerdo Final (CSIVI)",
    },
    kind: "commission",
    status: "active",
    mandate:
      "Follow up, promote and verify the implementation of the Final Agreement and settle " +
      "differences over it (point 6.1): representatives of the Government and of the FARC-EP.",
    members: [
      { actor_id: "GOV", represented_by: "three representatives" },
      { actor_id: "FARC", represented_by: "three representatives" },
    ],
    from: { value: "2016-12", precision: "month" },
    document_ids: [FINAL],
    source_ids: [FINAL_TEXT, SUMMARY],
  }),
];

const commitments = [
  record("commitment", "cmt-co-gather-in-zones", {
    summary: "The FARC-EP's units move into the transitional local zones.",
    owners: ["FARC"],
    supporters: ["GOV"],
    due_text: "after D-Day, along the agreed timeline",
    status: "met",
    status_date: { value: "2017-02", precision: "month" },
    evidence:
      "The units had moved into the zones by February 2017, later than planned: the zones' " +
      "camps were not ready in time.",
    document_id: FINAL,
    provision_id: "prv-co-fa-3-1",
    source_ids: [SUMMARY],
  }),
  record("commitment", "cmt-co-lay-down-arms", {
    summary: "The FARC-EP lays down its individual weapons to the UN mission.",
    owners: ["FARC"],
    due: { value: "2017-04-30", precision: "day" },
    due_text: "D+150 (the last 40 per cent), as first agreed; the parties later set a new timeline",
    status: "met",
    status_date: { value: "2017-06-27", precision: "day" },
    evidence:
      "The UN mission announced that the laying down of the FARC-EP's individual weapons was " +
      "complete, marked at Buenavista (Mesetas, Meta) on 27 June 2017.",
    document_id: FINAL,
    provision_id: "prv-co-fa-3-1-d150",
    source_ids: [UN_ARMS, SUMMARY],
  }),
  record("commitment", "cmt-co-zones-become-etcr", {
    summary:
      "The transitional local zones end; they become territorial training and reincorporation " +
      "spaces (ETCR).",
    owners: ["GOV"],
    due_text: "D+180 as first agreed, later extended",
    status: "met",
    status_date: { value: "2017-08-15", precision: "day" },
    evidence: "The zones became territorial training and reincorporation spaces on 15 August 2017.",
    document_id: FINAL,
    provision_id: "prv-co-fa-3-1-d180",
    source_ids: [SUMMARY],
  }),
];

const claims = [
  record("claim", "clm-unmc-individual-weapons", {
    claimant: "UNMC",
    subject: "body",
    about_id: MECHANISM,
    date: { value: "2017-06", precision: "month" },
    statement:
      "The mission has received and stored 7,132 individual weapons of the FARC-EP: the laying " +
      "down of individual weapons is complete.",
    source_ids: [UN_ARMS],
  }),
];

const withdrawals = [
  record("withdrawal", "wdr-co-move-into-zones", {
    title: "FARC-EP units move into the transitional local zones",
    subject: "personnel",
    withdrawing: ["FARC"],
    place: {
      name: "The areas where FARC-EP units were present",
      names: { es: "Las zonas de presencia de las FARC-EP" },
      precision: "country",
      country: "CO",
    },
    to_place: ZONES,
    due_text: "after D-Day (1 December 2016), along the agreed timeline",
    provision_id: "prv-co-fa-3-1",
    notes:
      "The units had moved into the zones by February 2017, later than planned because the " +
      "zones' camps were not ready.",
    source_ids: [SUMMARY],
  }),
];

/**
 * The process and its records in load order. No incidents, no detainees and no assessments: no
 * source at hand gives them with the care the first example takes, so they are left out.
 */
export const COLOMBIA_PROCESS: {
  process: Record<string, unknown>;
  records: Array<{ type: string } & Record<string, unknown>>;
} = {
  process,
  records: [
    ...actors,
    ...sources,
    ...places,
    ...documents,
    ...provisions,
    ...meetings,
    ...bodies,
    ...commitments,
    ...claims,
    ...withdrawals,
  ],
};
