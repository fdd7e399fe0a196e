import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { Candidate, EvidenceRole } from "../../../src/extract/index.ts";

type Cover = { candidate: number; role: EvidenceRole };

/** The roles marked in the text; "text" (the sentences read) only tints the selected candidate. */
export const MARKED: readonly EvidenceRole[] = [
  "date",
  "due",
  "place",
  "actor",
  "reported_by",
  "blamed",
  "figure",
];

/**
 * Cuts the text at every evidence boundary, so that each piece knows which candidates' evidence
 * covers it. Ranges overlap (an actor inside a figure), so pieces, not ranges, are rendered.
 */
function piecesOf(text: string, candidates: readonly Candidate[]) {
  const cuts = new Set([0, text.length]);
  candidates.forEach((candidate) => {
    for (const e of candidate.evidence) {
      cuts.add(Math.max(0, Math.min(text.length, e.start)));
      cuts.add(Math.max(0, Math.min(text.length, e.end)));
    }
  });
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(0, -1).map((start, i) => {
    const end = points[i + 1] as number;
    const covers: Cover[] = [];
    candidates.forEach((candidate, index) => {
      for (const e of candidate.evidence) {
        if (e.start <= start && e.end >= end) covers.push({ candidate: index, role: e.supports });
      }
    });
    return { start, end, covers };
  });
}

/**
 * The report with each candidate's evidence marked: dates, places, actors, blame and figures in
 * their own colours, those of the selected candidate stronger and its sentences tinted. Each mark
 * says in words (for screen readers, and on hover) what it supports and for which candidate.
 */
export function HighlightedText(props: {
  text: string;
  candidates: readonly Candidate[];
  selected: number | undefined;
}) {
  const { t } = useTranslation();
  const pieces = piecesOf(props.text, props.candidates);
  return (
    <div className="report-text">
      {pieces.map((piece) => {
        const content = props.text.slice(piece.start, piece.end);
        const marks = piece.covers.filter((c) => MARKED.includes(c.role));
        const isInSelected = piece.covers.some((c) => c.candidate === props.selected);
        if (marks.length === 0) {
          return isInSelected ? (
            <span key={piece.start} className="in-selected">
              {content}
            </span>
          ) : (
            <Fragment key={piece.start}>{content}</Fragment>
          );
        }
        // The most telling role gives the colour: a party named as the blamed, not just as an actor.
        marks.sort((a, b) => MARKED.indexOf(b.role) - MARKED.indexOf(a.role));
        const mine = marks.filter((m) => m.candidate === props.selected);
        const shown = mine[0] ?? marks[0];
        if (!shown) return null;
        const label = [...new Set(marks.map((m) => m.role))]
          .map((role) => t(`sources.roles.${role}`))
          .join(", ");
        const owners = [...new Set(marks.map((m) => m.candidate + 1))].join(", ");
        const description = t("sources.markLabel", { roles: label, candidates: owners });
        return (
          <mark
            key={piece.start}
            className={`ev-${shown.role}${mine.length > 0 ? " selected" : ""}${isInSelected ? " in-selected" : ""}`}
            title={description}
            data-candidates={owners}
          >
            {content}
            <span className="visually-hidden"> ({description})</span>
          </mark>
        );
      })}
    </div>
  );
}
