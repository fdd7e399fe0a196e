import {
  ANY_FILE_MEDIA_TYPE,
  FORMAT_OPTIONS,
  FORMATS,
  type FormatOption,
  type FormatOptionName,
  formatsTaking,
} from "./formats.ts";

/** The lines that enclose the part of docs/formats.md written from the registry. */
export const FORMATS_DOC_BEGIN =
  "<!-- formats:begin (written from src/ingest/formats.ts by scripts/formats-doc.mjs) -->";
export const FORMATS_DOC_END = "<!-- formats:end -->";

const cell = (text: string) => text.replaceAll("|", "\\|");
const code = (text: string) => `\`${text}\``;

/** A Markdown table with its columns padded, as Prettier writes it. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) =>
    Math.max(3, title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function optionUsage(name: FormatOptionName): string {
  return `--${name} ${FORMAT_OPTIONS[name].value}`;
}

/** What docs/formats.md holds between its markers: the formats and their options, at a glance. */
export function formatsDoc(): string {
  const formats = table(
    [
      "format",
      "`--format`",
      "import",
      "export",
      "media types",
      "extensions",
      "options",
      "defined by",
    ],
    FORMATS.map((f) => [
      `[${f.label}](#${f.docs})`,
      code(f.name),
      f.imports ? (f.reading === "streamed" ? "yes, streamed" : "yes") : "no",
      f.exports ? "yes" : "no",
      f.mediaTypes.map(code).join(", "),
      f.extensions.map(code).join(", "),
      cell(f.options.map((o) => code(optionUsage(o))).join(", ")),
      "spec" in f ? `[${f.spec.title}](${f.spec.url})` : "Truce (below)",
    ]),
  );
  const options = (Object.keys(FORMAT_OPTIONS) as FormatOptionName[]).map((name) => {
    const option: FormatOption = FORMAT_OPTIONS[name];
    // Only imports have a route; an import option without a query parameter is the CLI's alone.
    const api =
      option.direction !== "import"
        ? ""
        : option.query
          ? `; API: ${code(`${option.query}=`)}`
          : "; CLI only";
    const fallback = option.default ? ` (default ${option.default})` : "";
    return (
      `- ${code(optionUsage(name))} (${option.direction}: ${formatsTaking(name).join(", ")}${api}): ` +
      `${option.description}${fallback}`
    );
  });
  return [
    FORMATS_DOC_BEGIN,
    "",
    ...formats,
    "",
    ...options,
    "",
    "The import route (`POST /api/processes/{slug}/imports?format=...`) takes each import format's",
    `media types, and ${code(ANY_FILE_MEDIA_TYPE)} for any of them.`,
    "",
    FORMATS_DOC_END,
  ].join("\n");
}

/** `markdown` with the part between the markers written anew; an error if it has no markers. */
export function withFormatsDoc(markdown: string): string {
  const begin = markdown.indexOf(FORMATS_DOC_BEGIN);
  const end = markdown.indexOf(FORMATS_DOC_END);
  if (begin < 0 || end < begin) {
    throw new Error(`no ${FORMATS_DOC_BEGIN} ... ${FORMATS_DOC_END} section`);
  }
  return markdown.slice(0, begin) + formatsDoc() + markdown.slice(end + FORMATS_DOC_END.length);
}
