import { useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SOURCE_KINDS } from "../../../src/domain/kinds/source.schema.ts";
import type { ActorRecord, ExtractResult, ProcessPlace } from "../../../src/extract/index.ts";
import { ApiError, createRecord, listRecords } from "../api.ts";
import { valueLabel } from "../format.ts";
import { useMayCreate, useOwnFields } from "../session.tsx";
import { useActors } from "./actors.tsx";
import { CandidateCard } from "./candidate-card.tsx";
import { EvidenceLegend } from "./evidence-legend.tsx";
import { HighlightedText } from "./highlighted-text.tsx";

const today = () => new Date().toISOString().slice(0, 10);

/** A title for the source when none is given: the report's first line, shortened. */
function titleFrom(text: string): string {
  const first = text.trim().split(/\n/)[0] ?? "";
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}

type SourceFields = { title: string; publisher: string; kind: string; url: string };

/**
 * Paste or upload a report, read it in the browser (the same rules as `truce extract`, with the
 * process's actors) and turn its candidates into records. Nothing is sent until a candidate is
 * accepted; the report's source is recorded then, once, and every record made from it cites it.
 */
export function ReportReader() {
  const { t } = useTranslation();
  const actors = useActors();
  const queryClient = useQueryClient();
  const maySubmit = useMayCreate("source");
  // A delegate's sources are its party's submissions: the kind is not theirs to choose.
  const ownSource = useOwnFields("source");
  const [text, setText] = useState("");
  const [published, setPublished] = useState(today);
  const [source, setSource] = useState<SourceFields>({
    title: "",
    publisher: "",
    kind: "official_statement",
    url: "",
  });
  const [sourceIssues, setSourceIssues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<(ExtractResult & { text: string }) | undefined>();
  const [selected, setSelected] = useState<number | undefined>();
  const [reading, setReading] = useState(false);
  const [readings, setReadings] = useState(0);
  // The source of the report being read: one promise, so two quick accepts record it once.
  const sourceRef = useRef<Promise<string> | undefined>(undefined);

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  }

  async function read(event: FormEvent) {
    event.preventDefault();
    setReading(true);
    // The extraction rules and gazetteer load only when a report is read, not with every page.
    const { extractCandidates } = await import("../../../src/extract/index.ts");
    const records = [...actors.values()] as unknown as ActorRecord[];
    // The process's own gazetteer: the places a report is read for (the world's stay on the
    // server). Fetched once and cached, and awaited, so a quick reader never reads without it.
    const places = await queryClient.ensureQueryData({
      queryKey: ["places", "all"],
      queryFn: () => listRecords("places", { limit: 500 }),
    });
    const gazetteer = places.items as unknown as ProcessPlace[];
    setResult({
      ...extractCandidates(text, { published, actors: records, places: gazetteer }),
      text,
    });
    setSelected(0);
    setReadings(readings + 1);
    sourceRef.current = undefined;
    if (!source.title.trim()) setSource({ ...source, title: titleFrom(text) });
    setReading(false);
  }

  function ensureSource(): Promise<string> {
    sourceRef.current ??= createRecord("sources", {
      title: source.title.trim() || titleFrom(result?.text ?? text),
      kind: source.kind,
      ...ownSource,
      ...(source.publisher.trim() ? { publisher: source.publisher.trim() } : {}),
      ...(source.url.trim() ? { url: source.url.trim() } : {}),
      published: { value: published, precision: "day" },
      excerpt: (result?.text ?? text).slice(0, 5000),
    }).then(
      (record) => {
        setSourceIssues({});
        return record.id;
      },
      (error: unknown) => {
        sourceRef.current = undefined;
        if (error instanceof ApiError) {
          setSourceIssues(
            Object.fromEntries(
              (error.problem.issues ?? [{ path: "", message: error.message }]).map((i) => [
                i.path.split(".")[0] ?? "",
                i.message,
              ]),
            ),
          );
          throw new ApiError(error.status, {
            detail: t("sources.sourceRefused"),
            issues: [{ path: "", message: t("sources.sourceRefused") }],
          });
        }
        throw error;
      },
    );
    return sourceRef.current;
  }

  const sourceField = (name: keyof SourceFields, label: string, control: React.ReactNode) => (
    <div className={`field${sourceIssues[name] ? " invalid" : ""}`}>
      <label htmlFor={`src-${name}`}>{label}</label>
      {control}
      {sourceIssues[name] ? (
        <p className="field-error" id={`src-${name}-e`}>
          {sourceIssues[name]}
        </p>
      ) : null}
    </div>
  );
  const sourceInput = (name: keyof SourceFields, label: string, type = "text") =>
    sourceField(
      name,
      label,
      <input
        id={`src-${name}`}
        type={type}
        value={source[name]}
        onChange={(e) => setSource({ ...source, [name]: e.target.value })}
        {...(sourceIssues[name]
          ? { "aria-invalid": true, "aria-describedby": `src-${name}-e` }
          : {})}
      />,
    );

  return (
    <section className="panel" aria-labelledby="read-report">
      <h2 id="read-report">{t("sources.readTitle")}</h2>
      <p className="muted">{t("sources.readIntro")}</p>
      {maySubmit ? null : <p className="note">{t("sources.signInToAccept")}</p>}
      <form className="report-form" onSubmit={(event) => void read(event)}>
        <div className="field wide">
          <label htmlFor="report-text">{t("sources.reportField")}</label>
          <textarea
            id="report-text"
            rows={7}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-file">{t("sources.reportFile")}</label>
          <input
            id="report-file"
            type="file"
            accept=".txt,text/plain"
            onChange={(e) => void loadFile(e)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-published">{t("sources.published")}</label>
          <input
            id="report-published"
            type="date"
            required
            value={published}
            onChange={(e) => setPublished(e.target.value)}
          />
        </div>
        {sourceInput("title", t("sources.sourceTitle"))}
        {sourceInput("publisher", t("sources.publisher"))}
        {sourceField(
          "kind",
          t("sources.sourceKind"),
          <select
            id="src-kind"
            value={String(ownSource.kind ?? source.kind)}
            disabled={ownSource.kind !== undefined}
            onChange={(e) => setSource({ ...source, kind: e.target.value })}
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {valueLabel(t)(k)}
              </option>
            ))}
          </select>,
        )}
        {sourceInput("url", t("sources.url"), "url")}
        <button type="submit" className="primary" disabled={reading || text.trim() === ""}>
          {t("sources.read")}
        </button>
      </form>
      {result ? (
        <div className="reading">
          <div className="reading-text">
            <h3>{t("sources.reportText")}</h3>
            <EvidenceLegend />
            <HighlightedText
              text={result.text}
              candidates={result.candidates}
              selected={selected}
            />
          </div>
          <div className="reading-cards">
            <h3 aria-live="polite">
              {t("sources.candidates", { count: result.candidates.length })}
            </h3>
            {result.candidates.map((candidate, index) => (
              <CandidateCard
                // A new reading starts new cards: their drafts come from the new candidates.
                key={`${readings}-${candidate.kind}-${candidate.evidence[0]?.start}-${candidate.text.length}`}
                candidate={candidate}
                index={index}
                published={published}
                isSelected={selected === index}
                onSelect={() => setSelected(index)}
                ensureSource={ensureSource}
              />
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
