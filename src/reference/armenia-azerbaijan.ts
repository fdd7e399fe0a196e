import type { z } from "zod";
import type { Place } from "../domain/place.ts";
import type { ProcessSchema } from "../domain/process.schema.ts";
import { type ExampleRecord, type Inputs, record } from "./example-record.ts";

/**
 * The built-in reference process: the Armenia–Azerbaijan ceasefire of 9 November 2020 and the
 * normalization talks that followed, as publicly reported up to late November 2021
 * (/work/shared/reference-process.md). Every figure sits in a claim or in a document's own text,
 * with its source; dates and places carry the precision that is known, and nothing more.
 * Records are listed in load order (the order of KINDS), so each reference points backwards.
 */

// Places. Coordinates only for cities (a representative point); regions and borders carry none.
const MOSCOW = {
  name: "Moscow",
  names: { ru: "Москва", hy: "Մոսկվա", az: "Moskva" },
  precision: "settlement",
  lat: 55.7558,
  lon: 37.6173,
  country: "RU",
  place_id: "plc-moscow",
} as const satisfies Place;

const SOCHI = {
  name: "Sochi",
  names: { ru: "Сочи", hy: "Սոչի", az: "Soçi" },
  precision: "settlement",
  lat: 43.5855,
  lon: 39.7231,
  country: "RU",
  place_id: "plc-sochi",
} as const satisfies Place;

const BRUSSELS = {
  name: "Brussels",
  names: { fr: "Bruxelles", nl: "Brussel", ru: "Брюссель" },
  precision: "settlement",
  lat: 50.8503,
  lon: 4.3517,
  country: "BE",
  place_id: "plc-brussels",
} as const satisfies Place;

const FORMER_WAR_ZONE = {
  name: "Nagorno-Karabakh and surrounding areas",
  precision: "region",
} as const satisfies Place;

const STATE_BORDER = {
  name: "Armenia–Azerbaijan state border",
  precision: "region",
  place_id: "plc-armenia-azerbaijan-state-border",
} as const satisfies Place;

const SUMMARY = "src-reference-summary";
const LEADERS = ["Vladimir Putin", "Ilham Aliyev", "Nikol Pashinyan"];

const process = {
  slug: "armenia-azerbaijan",
  name: "Armenia–Azerbaijan ceasefire and normalization, 2020–2021",
  description:
    "The ceasefire of 9 November 2020 that ended the autumn 2020 war, the statements of 11 January " +
    "2021 (Moscow) and 26 November 2021 (Sochi), and the talks on border delimitation and on " +
    "unblocking transport links that followed, as publicly reported up to late November 2021.",
  countries: ["AM", "AZ"],
  started: { value: "2020-11-09", precision: "day" },
  bbox: [43.4, 38.3, 50.4, 42.0],
} satisfies z.input<typeof ProcessSchema>;

const actors = [
  record("actor", "ARM", {
    name: "Republic of Armenia",
    names: {
      hy: "Հայաստանի Հանրապետություն",
      ru: "Республика Армения",
      az: "Ermənistan Respublikası",
    },
    short_name: "Armenia",
    roles: ["party"],
    country: "AM",
    represented_by: "Prime Minister Nikol Pashinyan",
  }),
  record("actor", "AZE", {
    name: "Republic of Azerbaijan",
    names: {
      az: "Azərbaycan Respublikası",
      ru: "Азербайджанская Республика",
      hy: "Ադրբեջանի Հանրապետություն",
    },
    short_name: "Azerbaijan",
    roles: ["party"],
    country: "AZ",
    represented_by: "President Ilham Aliyev",
  }),
  record("actor", "RUS", {
    name: "Russian Federation",
    names: {
      ru: "Российская Федерация",
      hy: "Ռուսաստանի Դաշնություն",
      az: "Rusiya Federasiyası",
    },
    short_name: "Russia",
    roles: ["mediator"],
    country: "RU",
    represented_by: "President Vladimir Putin",
    description: "Mediator of the trilateral statements; provides the peacekeeping contingent.",
  }),
  record("actor", "EU", {
    name: "European Union",
    names: { ru: "Европейский союз", hy: "Եվրոպական միություն", az: "Avropa İttifaqı" },
    short_name: "EU",
    roles: ["mediator"],
    represented_by: "President of the European Council Charles Michel",
    description: "Mediator of the Brussels track.",
  }),
  record("actor", "RPK", {
    name: "Russian peacekeeping contingent in Nagorno-Karabakh",
    names: { ru: "Российский миротворческий контингент в Нагорном Карабахе" },
    short_name: "Russian peacekeepers",
    roles: ["monitor"],
    country: "RU",
    description:
      "Deployed under points 3 and 4 of the trilateral statement of 9 November 2020; also clears " +
      "mines in the former war zone.",
  }),
];

const sources = [
  record("source", SUMMARY, {
    title: "Truce reference summary of public reporting, late November 2021",
    kind: "other",
    publisher: "Truce",
    language: "en",
    published: { value: "2021-11", precision: "month" },
    excerpt:
      "A summary, in our own words, of public reporting on the process up to late November 2021. " +
      "It stands as the source of facts and figures that the record attributes to no document.",
  }),
  record("source", "src-doc-2020-11-09", {
    title: "Text of the trilateral statement of 9 November 2020",
    kind: "agreement_text",
    publisher: "President of Russia (Kremlin)",
    language: "ru",
    published: { value: "2020-11", precision: "month" },
  }),
  record("source", "src-doc-2021-01-11", {
    title: "Text of the statement of 11 January 2021",
    kind: "agreement_text",
    publisher: "President of Russia (Kremlin)",
    language: "ru",
    published: { value: "2021-01", precision: "month" },
  }),
  record("source", "src-doc-2021-11-26", {
    title: "Text of the joint statement of 26 November 2021",
    kind: "agreement_text",
    publisher: "President of Russia (Kremlin)",
    language: "ru",
    published: { value: "2021-11", precision: "month" },
  }),
];

const documents = [
  record("document", "doc-2020-11-09", {
    title: "Trilateral statement of 9 November 2020",
    kind: "statement",
    date: { value: "2020-11-09", precision: "day" },
    effective: { value: "2020-11-10T00:00:00+03:00", precision: "time" },
    signatories: ["ARM", "AZE", "RUS"],
    summary:
      "Signed by the leaders of Armenia, Azerbaijan and Russia. A complete ceasefire from 00:00 " +
      "Moscow time on 10 November 2020; return of the Aghdam, Kalbajar and Lachin districts to " +
      "Azerbaijan; a Russian peacekeeping contingent along the line of contact and the Lachin " +
      "corridor; return of displaced persons and refugees; exchange of prisoners and bodies; " +
      "unblocking of all economic and transport links in the region.",
    status: "signed",
    external_ids: { pax: "2324" },
    source_ids: ["src-doc-2020-11-09"],
  }),
  record("document", "doc-2021-01-11", {
    title: "Statement of 11 January 2021",
    kind: "statement",
    date: { value: "2021-01-11", precision: "day" },
    place: MOSCOW,
    signatories: ["ARM", "AZE", "RUS"],
    summary:
      "Sets up a trilateral working group, co-chaired by deputy prime ministers of the three " +
      "countries, to carry out point 9 of the statement of 9 November 2020 (unblocking economic and " +
      "transport links, rail and road first), with deadlines for its first meeting and its list of " +
      "projects.",
    external_ids: { pax: "2455" },
    source_ids: ["src-doc-2021-01-11"],
  }),
  record("document", "doc-2021-11-26", {
    title: "Joint statement of 26 November 2021",
    kind: "joint_statement",
    date: { value: "2021-11-26", precision: "day" },
    place: SOCHI,
    signatories: ["ARM", "AZE", "RUS"],
    summary:
      "Adopted after the trilateral meeting in Sochi. The three leaders reaffirm compliance with the " +
      "statements of 9 November 2020 and 11 January 2021, agree to work towards a bilateral " +
      "commission on delimitation of the Armenia–Azerbaijan state border with Russian advisory " +
      "assistance, and call for concrete transport and economic projects to be launched as soon as " +
      "possible.",
    external_ids: { pax: "2396" },
    source_ids: ["src-doc-2021-11-26"],
  }),
];

const DOC1 = "doc-2020-11-09";
const DOC2 = "doc-2021-01-11";
const DOC3 = "doc-2021-11-26";

const provisions = [
  record("provision", "prv-2020-11-09-1", {
    document_id: DOC1,
    number: "1",
    title: "Ceasefire",
    summary:
      "A complete ceasefire and end of all hostilities from 00:00 Moscow time on 10 November 2020; " +
      "the sides stop at the positions they hold.",
    category: "ceasefire",
    obligated: ["ARM", "AZE"],
  }),
  record("provision", "prv-2020-11-09-2", {
    document_id: DOC1,
    number: "2",
    title: "Return of Aghdam district",
    summary: "Aghdam district is returned to Azerbaijan by 20 November 2020.",
    category: "territory",
    obligated: ["ARM"],
    deadline: { value: "2020-11-20", precision: "day" },
  }),
  record("provision", "prv-2020-11-09-3", {
    document_id: DOC1,
    number: "3",
    title: "Deployment of the Russian peacekeeping contingent",
    summary:
      "A Russian peacekeeping contingent deploys along the line of contact and along the Lachin " +
      "corridor: 1,960 servicemen with small arms, 90 armoured personnel carriers, and 380 vehicles " +
      "and units of special equipment.",
    category: "peacekeeping",
    obligated: ["RUS"],
  }),
  record("provision", "prv-2020-11-09-4", {
    document_id: DOC1,
    number: "4",
    title: "Term of the peacekeeping deployment",
    summary:
      "The contingent deploys in parallel with the withdrawal of the Armenian armed forces, for five " +
      "years, extended automatically by further five-year periods unless a party gives notice of its " +
      "objection six months before the term expires.",
    category: "peacekeeping",
    obligated: ["RUS", "ARM"],
  }),
  record("provision", "prv-2020-11-09-5", {
    document_id: DOC1,
    number: "5",
    title: "Peacekeeping centre",
    summary: "A peacekeeping centre is set up to monitor the ceasefire.",
    category: "monitoring",
  }),
  record("provision", "prv-2020-11-09-6", {
    document_id: DOC1,
    number: "6",
    title: "Return of Kalbajar and Lachin districts; the Lachin corridor",
    summary:
      "Kalbajar district is returned to Azerbaijan by 15 November 2020 (the date was later extended " +
      "to 25 November 2020) and Lachin district by 1 December 2020. The Lachin corridor (5 km wide), " +
      "which links Nagorno-Karabakh with Armenia, stays under the control of the Russian " +
      "peacekeeping contingent; a new route through the Lachin corridor is to be built within three " +
      "years.",
    category: "territory",
    obligated: ["ARM"],
    // The point's last deadline (Lachin); the Kalbajar dates are in the summary and in commitments.
    deadline: { value: "2020-12-01", precision: "day" },
  }),
  record("provision", "prv-2020-11-09-7", {
    document_id: DOC1,
    number: "7",
    title: "Return of displaced persons and refugees",
    summary:
      "Internally displaced persons and refugees return to Nagorno-Karabakh and the adjacent areas " +
      "under the supervision of the UN refugee agency.",
    category: "displaced_persons",
  }),
  record("provision", "prv-2020-11-09-8", {
    document_id: DOC1,
    number: "8",
    title: "Exchange of prisoners and bodies",
    summary:
      "Exchange of prisoners of war, hostages and other detained persons, and of the bodies of the " +
      "dead.",
    category: "detainees",
    obligated: ["ARM", "AZE"],
  }),
  record("provision", "prv-2020-11-09-9", {
    document_id: DOC1,
    number: "9",
    title: "Unblocking of economic and transport links",
    summary:
      "All economic and transport links in the region are unblocked. Armenia guarantees safe " +
      "transport links between the western regions of Azerbaijan and the Nakhchivan Autonomous " +
      "Republic, under the control of Russia's border guard service. New links between Nakhchivan " +
      "and western Azerbaijan may be built by agreement.",
    category: "transport_links",
    obligated: ["ARM", "AZE", "RUS"],
  }),
  record("provision", "prv-2021-01-11-1", {
    document_id: DOC2,
    number: "1",
    title: "Trilateral working group",
    summary:
      "A trilateral working group is set up, co-chaired by deputy prime ministers of Armenia, " +
      "Azerbaijan and Russia, to carry out point 9 of the statement of 9 November 2020: unblocking " +
      "the economic and transport links in the region, rail and road first.",
    category: "institutions",
    obligated: ["ARM", "AZE", "RUS"],
  }),
  record("provision", "prv-2021-01-11-2", {
    document_id: DOC2,
    number: "2",
    title: "First meeting of the working group",
    summary: "The working group holds its first meeting by 30 January 2021.",
    category: "implementation",
    obligated: ["ARM", "AZE", "RUS"],
    deadline: { value: "2021-01-30", precision: "day" },
  }),
  record("provision", "prv-2021-01-11-3", {
    document_id: DOC2,
    number: "3",
    title: "List and schedule of projects",
    summary:
      "The working group submits a list and schedule of projects for approval at the highest level " +
      "by 1 March 2021.",
    category: "transport_links",
    obligated: ["ARM", "AZE", "RUS"],
    deadline: { value: "2021-03-01", precision: "day" },
  }),
  record("provision", "prv-2021-11-26-1", {
    document_id: DOC3,
    number: "1",
    title: "Compliance with the earlier statements",
    summary:
      "The three leaders reaffirm consistent implementation of, and strict compliance with, all " +
      "provisions of the statements of 9 November 2020 and 11 January 2021.",
    category: "implementation",
    obligated: ["ARM", "AZE", "RUS"],
  }),
  record("provision", "prv-2021-11-26-2", {
    document_id: DOC3,
    number: "2",
    title: "Border delimitation commission",
    summary:
      "Work towards a bilateral commission on the delimitation of the Armenia–Azerbaijan state " +
      "border, with later demarcation, with Russian advisory assistance at the parties' request.",
    category: "border",
    obligated: ["ARM", "AZE"],
  }),
  record("provision", "prv-2021-11-26-3", {
    document_id: DOC3,
    number: "3",
    title: "Transport and economic projects",
    summary:
      "The leaders welcome the work of the trilateral working group and call for concrete projects " +
      "to be launched as soon as possible.",
    category: "transport_links",
    obligated: ["ARM", "AZE", "RUS"],
  }),
];

const meetings = [
  record("meeting", "mtg-2020-11-09", {
    title: "Remote signing of the trilateral statement",
    kind: "trilateral",
    level: "leaders",
    date: { value: "2020-11-09", precision: "day" },
    is_remote: true,
    participants: ["ARM", "AZE", "RUS"],
    persons: LEADERS,
    mediators: ["RUS"],
    status: "held",
    outcome: "The trilateral statement of 9 November 2020 was signed.",
    document_ids: [DOC1],
    source_ids: ["src-doc-2020-11-09"],
  }),
  record("meeting", "mtg-2021-01-11", {
    title: "Trilateral summit in Moscow",
    kind: "trilateral",
    level: "summit",
    date: { value: "2021-01-11", precision: "day" },
    place: MOSCOW,
    participants: ["ARM", "AZE", "RUS"],
    persons: LEADERS,
    mediators: ["RUS"],
    status: "held",
    outcome:
      "The statement of 11 January 2021 was adopted, setting up the trilateral working group.",
    document_ids: [DOC2],
    source_ids: ["src-doc-2021-01-11"],
  }),
  record("meeting", "mtg-2021-11-26", {
    title: "Trilateral summit in Sochi",
    kind: "trilateral",
    level: "summit",
    date: { value: "2021-11-26", precision: "day" },
    place: SOCHI,
    participants: ["ARM", "AZE", "RUS"],
    persons: LEADERS,
    mediators: ["RUS"],
    status: "held",
    outcome:
      "Initiated by Russia and timed to the anniversary of the ceasefire, at the Russian president's " +
      "residence in Sochi; Putin also held separate bilateral talks with Aliyev and with Pashinyan. " +
      "The joint statement of 26 November 2021 was adopted, and the leaders agreed to create " +
      "mechanisms for the delimitation and demarcation of the border by the end of 2021.",
    document_ids: [DOC3],
    source_ids: [SUMMARY, "src-doc-2021-11-26"],
  }),
  record("meeting", "mtg-2021-12-15", {
    title: "EU-mediated meeting in Brussels (as announced)",
    kind: "trilateral",
    level: "leaders",
    date: { value: "2021-12-15", precision: "day" },
    place: BRUSSELS,
    participants: ["ARM", "AZE", "EU"],
    persons: ["Charles Michel", "Ilham Aliyev", "Nikol Pashinyan"],
    mediators: ["EU"],
    status: "planned",
    outcome:
      "Not yet held. Announced at the time of the Sochi meeting, on the margins of the EU Eastern " +
      "Partnership summit; proposed by Charles Michel and agreed by both leaders after phone talks.",
    source_ids: [SUMMARY],
  }),
];

const WORKING_GROUP = "body-trilateral-working-group";
const BORDER_COMMISSION = "body-border-commission";
const CONTINGENT = "body-russian-peacekeeping-contingent";

const bodies = [
  record("body", WORKING_GROUP, {
    name: "Trilateral working group on unblocking economic and transport links",
    kind: "working_group",
    status: "active",
    mandate:
      "Carry out point 9 of the statement of 9 November 2020: unblock the economic and transport " +
      "links in the region, rail and road first.",
    // Each country sits through a deputy prime minister from the group's first meeting.
    members: ["ARM", "AZE", "RUS"].map((actor_id) => ({
      actor_id,
      from: { value: "2021-01-30", precision: "day" as const },
      represented_by: "a deputy prime minister",
      role: "co-chair",
    })),
    chairs: "deputy prime ministers of the three countries",
    from: { value: "2021-01", precision: "month" },
    document_ids: [DOC2, DOC3],
    source_ids: ["src-doc-2021-01-11", SUMMARY],
  }),
  record("body", BORDER_COMMISSION, {
    name: "Bilateral commission on the delimitation of the Armenia–Azerbaijan state border",
    kind: "commission",
    status: "agreed_in_principle",
    mandate:
      "Delimitation of the Armenia–Azerbaijan state border, with later demarcation; Russia gives " +
      "advisory assistance at the parties' request.",
    members: [{ actor_id: "ARM" }, { actor_id: "AZE" }],
    from: { value: "2021-11", precision: "month" },
    document_ids: [DOC3],
    source_ids: ["src-doc-2021-11-26", SUMMARY],
  }),
  record("body", CONTINGENT, {
    name: "Russian peacekeeping contingent in Nagorno-Karabakh",
    kind: "peacekeeping_force",
    status: "active",
    mandate:
      "Deployed along the line of contact and the Lachin corridor, in parallel with the withdrawal " +
      "of the Armenian armed forces, for five years extended automatically by five-year periods " +
      "(points 3, 4 and 6 of the statement of 9 November 2020). Also clears mines in the former war " +
      "zone.",
    members: [{ actor_id: "RUS", from: { value: "2020-11-10", precision: "day" } }],
    actor_id: "RPK",
    from: { value: "2020-11-10", precision: "day" },
    document_ids: [DOC1],
    source_ids: ["src-doc-2020-11-09", SUMMARY],
  }),
];

const DELIMITATION_COMMITMENT = "cmt-border-mechanisms-2021";

const commitments = [
  record("commitment", DELIMITATION_COMMITMENT, {
    summary:
      "Create the mechanisms for the delimitation and demarcation of the Armenia–Azerbaijan border, " +
      "with Russian advisory assistance.",
    owners: ["ARM", "AZE"],
    supporters: ["RUS"],
    due: { value: "2021-12-31", precision: "day" },
    due_text: "by the end of 2021",
    status: "open",
    meeting_id: "mtg-2021-11-26",
    provision_id: "prv-2021-11-26-2",
    source_ids: [SUMMARY],
  }),
  record("commitment", "cmt-working-group-first-meeting", {
    summary: "The trilateral working group holds its first meeting.",
    owners: ["ARM", "AZE", "RUS"],
    due: { value: "2021-01-30", precision: "day" },
    due_text: "by 30 January 2021",
    status: "met",
    status_date: { value: "2021-01-30", precision: "day" },
    evidence:
      "It first met in Moscow on 30 January 2021, chaired by the three deputy prime ministers, " +
      "as the Russian government announced that day.",
    document_id: DOC2,
    meeting_id: "mtg-2021-01-11",
    provision_id: "prv-2021-01-11-2",
    source_ids: ["src-doc-2021-01-11", SUMMARY],
  }),
  record("commitment", "cmt-working-group-project-list", {
    summary:
      "The trilateral working group submits a list and schedule of projects for approval at the " +
      "highest level.",
    owners: ["ARM", "AZE", "RUS"],
    due: { value: "2021-03-01", precision: "day" },
    due_text: "by 1 March 2021",
    status: "open",
    evidence:
      "No public report of the list's delivery by that date was found: open, and so overdue, " +
      "until a source says otherwise.",
    document_id: DOC2,
    meeting_id: "mtg-2021-01-11",
    provision_id: "prv-2021-01-11-3",
    source_ids: ["src-doc-2021-01-11"],
  }),
  record("commitment", "cmt-return-aghdam", {
    summary: "Return Aghdam district to Azerbaijan.",
    owners: ["ARM"],
    due: { value: "2020-11-20", precision: "day" },
    due_text: "by 20 November 2020",
    status: "met",
    status_date: { value: "2020-11-20", precision: "day" },
    evidence:
      "Azerbaijani forces entered the district that day, as Azerbaijan's Ministry of Defence " +
      "announced and news agencies relayed.",
    document_id: DOC1,
    meeting_id: "mtg-2020-11-09",
    provision_id: "prv-2020-11-09-2",
    source_ids: ["src-doc-2020-11-09", SUMMARY],
  }),
  record("commitment", "cmt-return-kalbajar", {
    summary: "Return Kalbajar district to Azerbaijan (deadline as extended).",
    owners: ["ARM"],
    due: { value: "2020-11-25", precision: "day" },
    due_text: "by 25 November 2020 (extended from 15 November 2020)",
    status: "met",
    status_date: { value: "2020-11-25", precision: "day" },
    evidence:
      "Azerbaijani forces entered the district that day, as Azerbaijan's Ministry of Defence " +
      "announced and news agencies relayed.",
    document_id: DOC1,
    provision_id: "prv-2020-11-09-6",
    source_ids: [SUMMARY],
  }),
  record("commitment", "cmt-return-kalbajar-original", {
    summary: "Return Kalbajar district to Azerbaijan (deadline as signed).",
    owners: ["ARM"],
    due: { value: "2020-11-15", precision: "day" },
    due_text: "by 15 November 2020",
    status: "superseded",
    document_id: DOC1,
    meeting_id: "mtg-2020-11-09",
    provision_id: "prv-2020-11-09-6",
    superseded_by: "cmt-return-kalbajar",
    source_ids: ["src-doc-2020-11-09", SUMMARY],
  }),
  record("commitment", "cmt-return-lachin", {
    summary:
      "Return Lachin district to Azerbaijan, leaving the Lachin corridor under the peacekeepers' control.",
    owners: ["ARM"],
    due: { value: "2020-12-01", precision: "day" },
    due_text: "by 1 December 2020",
    status: "met",
    status_date: { value: "2020-12-01", precision: "day" },
    evidence:
      "Azerbaijani forces entered the district that day, as Azerbaijan's Ministry of Defence " +
      "announced and news agencies relayed.",
    document_id: DOC1,
    meeting_id: "mtg-2020-11-09",
    provision_id: "prv-2020-11-09-6",
    source_ids: ["src-doc-2020-11-09", SUMMARY],
  }),
  record("commitment", "cmt-launch-projects", {
    summary: "Launch concrete transport and economic projects.",
    owners: ["ARM", "AZE", "RUS"],
    due_text: "as soon as possible",
    status: "open",
    document_id: DOC3,
    meeting_id: "mtg-2021-11-26",
    provision_id: "prv-2021-11-26-3",
    source_ids: ["src-doc-2021-11-26"],
  }),
];

const WAR = "inc-2020-war";
const BORDER_CRISIS = "inc-2021-05-12-border-crisis";
const BORDER_FIGHTING = "inc-2021-11-16-border-fighting";

const incidents = [
  record("incident", WAR, {
    title: "Autumn 2020 war",
    kind: "war",
    date: { value: "2020-09-27", precision: "range", end: "2020-11-10" },
    place: FORMER_WAR_ZONE,
    description:
      "War from 27 September 2020, ended by the trilateral statement of 9 November 2020 (ceasefire " +
      "from 00:00 Moscow time on 10 November 2020). What is reported of its losses is in the claims " +
      "about it.",
    source_ids: [SUMMARY],
  }),
  record("incident", BORDER_CRISIS, {
    title: "Crisis on the Armenia–Azerbaijan border from 12 May 2021",
    kind: "border_crisis",
    // Ongoing as reported in late November 2021: the date is its start.
    date: { value: "2021-05-12", precision: "day" },
    place: STATE_BORDER,
    description:
      "Described as a crisis situation on the border by the Armenian government (see its claim).",
    source_ids: [SUMMARY],
  }),
  record("incident", BORDER_FIGHTING, {
    title: "Fighting on the Armenia–Azerbaijan border, 16 November 2021",
    kind: "armed_clash",
    date: { value: "2021-11-16", precision: "day" },
    place: STATE_BORDER,
    weapons: ["armoured vehicles", "artillery"],
    description:
      "Fighting with armoured vehicles and artillery, reported as the most serious incident of 2021; " +
      "it stopped after Moscow's intervention. Losses and captures are in the claims about it.",
    source_ids: [SUMMARY],
  }),
];

const BORDER = "bsg-armenia-azerbaijan-state-border";

const borderSegments = [
  record("border_segment", BORDER, {
    name: "Armenia–Azerbaijan state border",
    status: "disputed",
    sides: ["ARM", "AZE"],
    lines: [],
    notes:
      "The whole state border, not yet divided into sections; no proposed or agreed line is " +
      "recorded. In the joint statement of 26 November 2021 (Sochi) the parties agreed to work " +
      "towards a bilateral commission on its delimitation, with later demarcation and Russian " +
      "advisory assistance, and at that meeting to create the mechanisms by the end of 2021; as of " +
      "late November 2021 the commission was agreed only in principle.",
    source_ids: ["src-doc-2021-11-26", SUMMARY],
  }),
];

const links = [
  record("link", "lnk-nakhchivan-syunik", {
    name: "Land route between western Azerbaijan and Nakhchivan through Syunik",
    kind: "road",
    status: "proposed",
    from: { name: "Western regions of Azerbaijan", precision: "region", country: "AZ" },
    to: { name: "Nakhchivan Autonomous Republic", precision: "region", country: "AZ" },
    via: [
      {
        name: "Syunik province",
        precision: "region",
        admin1: "Syunik",
        country: "AM",
        place_id: "plc-syunik",
      },
    ],
    controlled_by: ["RUS"],
    sought_by: ["AZE"],
    provision_ids: ["prv-2020-11-09-9"],
    as_of: { value: "2021-11", precision: "month" },
    description:
      "Azerbaijan seeks a land route to its Nakhchivan exclave through Armenia's southern Syunik " +
      "province (whether road, rail or both is not specified). Under point 9 of the statement of " +
      "9 November 2020 Armenia guarantees safe transport links between the western regions of " +
      "Azerbaijan and Nakhchivan, under the control of Russia's border guard service; new links may " +
      "be built by agreement.",
    source_ids: [SUMMARY, "src-doc-2020-11-09"],
  }),
  record("link", "lnk-lachin-corridor", {
    name: "Lachin corridor",
    kind: "corridor",
    status: "open",
    from: { name: "Nagorno-Karabakh", precision: "region", place_id: "plc-nagorno-karabakh" },
    to: { name: "Armenia", precision: "country", country: "AM" },
    controlled_by: ["RPK"],
    provision_ids: ["prv-2020-11-09-3", "prv-2020-11-09-6"],
    as_of: { value: "2021-11", precision: "month" },
    description:
      "Links Nagorno-Karabakh with Armenia; 5 km wide, under the control of the Russian " +
      "peacekeeping contingent (point 6). A new route through the corridor is to be built within " +
      "three years.",
    source_ids: ["src-doc-2020-11-09", SUMMARY],
  }),
  record("link", "lnk-regional-unblocking", {
    name: "Economic and transport links in the region (rail and road first)",
    kind: "other",
    status: "agreed",
    provision_ids: ["prv-2020-11-09-9", "prv-2021-01-11-1", "prv-2021-11-26-3"],
    as_of: { value: "2021-11", precision: "month" },
    description:
      "Unblocking of all economic and transport links in the region, agreed in point 9 of the " +
      "statement of 9 November 2020 and entrusted to the trilateral working group in January 2021, " +
      "rail and road first; in November 2021 the leaders called for concrete projects to be launched " +
      "as soon as possible.",
    source_ids: ["src-doc-2020-11-09", "src-doc-2021-01-11", "src-doc-2021-11-26"],
  }),
];

const SOCHI_DAY = { value: "2021-11-26", precision: "day" } as const;

const claims = [
  record("claim", "clm-summary-2020-war-losses", {
    subject: "incident",
    incident_id: WAR,
    statement:
      "The war caused losses of personnel and equipment on both sides and destroyed civilian " +
      "buildings.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-arm-border-crisis-2021-05", {
    claimant: "ARM",
    subject: "incident",
    incident_id: BORDER_CRISIS,
    statement:
      "There has been a crisis situation on the Armenia–Azerbaijan border since 12 May 2021.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-summary-2021-11-16-fighting", {
    subject: "incident",
    incident_id: BORDER_FIGHTING,
    statement:
      "Fighting with armoured vehicles and artillery caused losses on both sides; several Armenian " +
      "soldiers were captured. The fighting stopped after Moscow's intervention.",
    figures: { captured: { ARM: { text: "several soldiers" } } },
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-arm-killed-since-ceasefire", {
    claimant: "ARM",
    subject: "position",
    about_id: "prv-2020-11-09-1",
    statement:
      "Since 9 November 2020, several dozen people have been killed on both sides in incidents.",
    figures: { killed: { unknown: { text: "several dozen, both sides together" } } },
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-arm-line-of-contact", {
    claimant: "ARM",
    subject: "position",
    about_id: "prv-2020-11-09-1",
    statement: "The line of contact is less stable than Armenia would like.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-arm-pow-return", {
    claimant: "ARM",
    subject: "position",
    about_id: "prv-2020-11-09-8",
    date: { value: "2021-11", precision: "month" },
    statement: "Returning all Armenian prisoners of war is Armenia's main demand.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-aze-detainees-not-covered", {
    claimant: "AZE",
    subject: "position",
    about_id: "prv-2020-11-09-8",
    date: { value: "2021-11", precision: "month" },
    statement:
      "The Armenians Azerbaijan holds were detained after the ceasefire and are not covered by " +
      "point 8 of the statement of 9 November 2020.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-aze-ready-for-delimitation", {
    claimant: "AZE",
    subject: "position",
    about_id: BORDER,
    date: SOCHI_DAY,
    statement: "Azerbaijan is ready to begin the delimitation of the border.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-aze-peace-treaty-offer", {
    claimant: "AZE",
    subject: "position",
    date: SOCHI_DAY,
    statement:
      "Azerbaijan has offered to work on a peace treaty with mutual recognition of territorial " +
      "integrity and sovereignty.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-arm-peacekeepers-key-role", {
    claimant: "ARM",
    subject: "body",
    about_id: CONTINGENT,
    date: SOCHI_DAY,
    statement: "The Russian peacekeepers and Russia play a key role in stabilising the situation.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-arm-acknowledges-contingent", {
    claimant: "ARM",
    subject: "body",
    about_id: CONTINGENT,
    date: SOCHI_DAY,
    statement: "Armenia acknowledges the contribution of the Russian peacekeeping contingent.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-aze-acknowledges-contingent", {
    claimant: "AZE",
    subject: "body",
    about_id: CONTINGENT,
    date: SOCHI_DAY,
    statement: "Azerbaijan acknowledges the contribution of the Russian peacekeeping contingent.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-rus-assist-normalization", {
    claimant: "RUS",
    subject: "position",
    date: SOCHI_DAY,
    statement: "Russia will continue to assist the normalization between Azerbaijan and Armenia.",
    source_ids: [SUMMARY],
  }),
  record("claim", "clm-summary-contingent-strength", {
    subject: "body",
    about_id: CONTINGENT,
    statement:
      "The contingent numbers about 2,000 servicemen at 27 observation posts, most of them in the " +
      "zone of the Lachin corridor; it also clears mines in the former war zone.",
    source_ids: [SUMMARY],
  }),
];

const exchanges = [
  record("exchange", "exc-2020-12", {
    date: { value: "2020-12", precision: "month" },
    principle: "all_for_all",
    transfers: [
      { from: "ARM", to: "AZE" },
      { from: "AZE", to: "ARM" },
    ],
    mediators: ["RUS"],
    notes:
      "Exchanges of prisoners began in December 2020 on the agreed 'all for all' principle (point 8 " +
      "of the statement of 9 November 2020). This record stands for their start: the number of " +
      "exchanges and of persons transferred is not recorded.",
    source_ids: [SUMMARY],
  }),
];

/**
 * The districts' return as withdrawals of Armenian forces: each was due on a date, and each was
 * reported done by Azerbaijan's Ministry of Defence the day its forces entered. No monitor's
 * judgement of them is on the public record summarised here, so they stay unverified.
 */
const districtWithdrawal = (
  id: string,
  district: string,
  due: string,
  dueText: string,
  provision: string,
  entered: string,
) =>
  record("withdrawal", id, {
    title: `Armenian forces leave ${district} district`,
    subject: "forces",
    withdrawing: ["ARM"],
    place: {
      name: `${district} district`,
      precision: "district",
      place_id: `plc-${district.toLowerCase()}-district`,
    },
    due: { value: due, precision: "day" },
    due_text: dueText,
    provision_id: provision,
    reports: [
      {
        by: "AZE",
        date: { value: entered, precision: "day" },
        says: "completed",
        note: `Azerbaijani forces entered ${district} district (Ministry of Defence).`,
        source_ids: [SUMMARY],
      },
    ],
    source_ids: ["src-doc-2020-11-09", SUMMARY],
  });

const withdrawals = [
  districtWithdrawal(
    "wdr-aghdam",
    "Aghdam",
    "2020-11-20",
    "by 20 November 2020",
    "prv-2020-11-09-2",
    "2020-11-20",
  ),
  districtWithdrawal(
    "wdr-kalbajar",
    "Kalbajar",
    "2020-11-25",
    "by 25 November 2020 (extended from 15 November 2020)",
    "prv-2020-11-09-6",
    "2020-11-25",
  ),
  districtWithdrawal(
    "wdr-lachin",
    "Lachin",
    "2020-12-01",
    "by 1 December 2020",
    "prv-2020-11-09-6",
    "2020-12-01",
  ),
];

const hazards = [
  record("hazard", "haz-former-war-zone", {
    name: "Former war zone (Nagorno-Karabakh and surrounding areas)",
    status: "suspected",
    contamination: ["mines"],
    place: FORMER_WAR_ZONE,
    operator_id: "RPK",
    as_of: { value: "2021-11", precision: "month" },
    source_ids: [SUMMARY],
  }),
];

/**
 * How far each point of the statement of 9 November 2020 was carried out as of late November 2021,
 * as the reference summary reports it: the summary's account, so no actor is named as assessor.
 */
function implementation(
  point: string,
  status: Inputs["assessment"]["status"],
  reason: string,
): ExampleRecord<"assessment"> {
  return record("assessment", `asm-2021-11-doc1-point-${point}`, {
    provision_id: `prv-2020-11-09-${point}`,
    as_of: { value: "2021-11", precision: "month" },
    status,
    reason,
    source_ids: [SUMMARY],
  });
}

const assessments = [
  implementation("2", "full", "Aghdam district was returned on 20 November 2020, the date due."),
  implementation(
    "3",
    "full",
    "The contingent deployed from 10 November 2020: about 2,000 servicemen and 27 observation posts.",
  ),
  implementation(
    "4",
    "full",
    "The contingent deployed from 10 November 2020, for its five-year term.",
  ),
  implementation(
    "5",
    "full",
    "Set up as the joint Russian–Turkish monitoring centre in Aghdam district, which began work on " +
      "30 January 2021.",
  ),
  implementation(
    "6",
    "intermediate",
    "Kalbajar and Lachin districts were returned on their (extended) dates, 25 November and " +
      "1 December 2020; the new route through the Lachin corridor, due within three years, is open.",
  ),
  implementation(
    "8",
    "disputed",
    "Partly carried out: exchanges since December 2020. Armenia says Azerbaijan still holds " +
      "Armenian prisoners covered by point 8; Azerbaijan says those it holds were detained after " +
      "the ceasefire and are not covered (see both claims).",
  ),
  implementation(
    "9",
    "not_started",
    "Not yet carried out; the trilateral working group of 11 January 2021 is at work on it, and " +
      "on 26 November 2021 the leaders called for projects to start as soon as possible.",
  ),
];

/**
 * The process and its records in load order. No detainees (no personal data), no observation
 * posts (only their count is known: see the claim about the contingent) and no patrols.
 */
export const REFERENCE_PROCESS: {
  process: Record<string, unknown>;
  records: Array<{ type: string } & Record<string, unknown>>;
} = {
  process,
  records: [
    ...actors,
    ...sources,
    ...documents,
    ...provisions,
    ...assessments,
    ...meetings,
    ...bodies,
    ...commitments,
    ...incidents,
    ...borderSegments,
    ...links,
    ...claims,
    ...exchanges,
    ...hazards,
    ...withdrawals,
  ],
};
