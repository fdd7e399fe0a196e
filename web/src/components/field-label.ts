import { useTranslation } from "react-i18next";
import type { KindDefinition } from "../../../src/domain/kind.ts";

/** A field's name as words, for a field no catalog names: "source_ids" → "Source". */
export function humanize(name: string): string {
  const words = name.replace(/_ids?$/, "").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Labels for fields and kinds in the reader's language: the catalogs' `fields.<name>` and
 * `kinds.<type>`, falling back to the field's name as words and to the kind's own English label,
 * so a kind added as one module reads well before anyone translates it.
 */
export function useLabels() {
  const { t } = useTranslation();
  return {
    field: (name: string) => t(`fields.${name}` as "fields.name", { defaultValue: humanize(name) }),
    kind: (kind: KindDefinition) =>
      t(`kinds.${kind.type}` as "kinds.incident", { defaultValue: kind.label.one }),
    kinds: (kind: KindDefinition) =>
      t(`kindsPlural.${kind.type}` as "kinds.incident", { defaultValue: kind.label.other }),
  };
}
