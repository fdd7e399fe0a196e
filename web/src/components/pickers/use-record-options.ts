import { useQueries, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { kindByType } from "../../../../src/domain/kinds/index.ts";
import { ApiError, type ApiRecord, getJson, listRecords, processUrl } from "../../api.ts";
import { optionOf, type PickerOption } from "./record-label.ts";

/**
 * Every option a picker has listed, by id: a record chosen from a list shows its name at once,
 * before (or instead of) reading it again by id.
 */
const seen = new Map<string, PickerOption>();

/** Lower case without diacritics, so "sot" finds "Sotk" and "azerb" finds "Azərbaycan"'s kin. */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

/** True when every word typed starts a word of the option's name or detail. */
function matches(option: PickerOption, typed: string): boolean {
  const words = fold(`${option.label} ${option.detail} ${option.id}`).split(/[^\p{L}\p{N}]+/u);
  return fold(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .every((part) => words.some((word) => word.startsWith(part)));
}

/**
 * The options in the order a person looks for them: the name typed whole first, then names that
 * start with it, then names with a word that does, then the rest (found by other text); the
 * server's order within each.
 */
function rank(options: PickerOption[], typed: string): PickerOption[] {
  const needle = fold(typed.trim());
  if (needle === "") return options;
  const score = (option: PickerOption) => {
    const label = fold(option.label);
    if (label === needle) return 0;
    if (label.startsWith(needle)) return 1;
    return matches(option, typed) ? 2 : 3;
  };
  return options
    .map((option, index) => ({ option, index, score: score(option) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map(({ option }) => option);
}

/** How many choices a picker lists at once: enough to scan, few enough to read. */
const SHOWN = 20;

/** The text typed, once the typing pauses: one request per pause, not per key. */
function useSettled(text: string, delay = 200): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);
  return settled;
}

/**
 * The records of the given kinds that match what was typed, from each kind's list API (its full
 * text filter `q`, which matches the last word as it is being typed); dated kinds newest first.
 */
export function useRecordOptions(types: readonly string[], typed: string) {
  const { i18n } = useTranslation();
  const q = useSettled(typed.trim());
  const result = useQuery({
    queryKey: ["picker", types.join(","), q],
    queryFn: async () => {
      const pages = await Promise.all(
        types.map((type) => {
          const kind = kindByType(type);
          if (!kind) return Promise.resolve({ items: [] as ApiRecord[] });
          return listRecords(kind.path, {
            q: q || undefined,
            limit: SHOWN,
            order: kind.sortsByDate ? "desc" : "asc",
          });
        }),
      );
      return { q, items: pages.flatMap((page) => page.items) };
    },
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
  const found = (result.data?.items ?? []).map((record) => optionOf(record, i18n.language));
  for (const option of found) seen.set(option.id, option);
  // Until the answer for what is typed now arrives, the last answer is narrowed to what matches
  // it, so the list never offers what the words no longer fit; the server's own answer may match
  // by text the name does not show (an incident's description), and is shown whole.
  const current =
    result.data?.q === typed.trim() ? found : found.filter((option) => matches(option, typed));
  const options = rank(current, typed);
  return { options, isLoading: result.isFetching };
}

/** Reads one record whose kind is one of `types`, trying each in turn; null when none has it. */
async function findRecord(id: string, types: readonly string[]): Promise<ApiRecord | null> {
  for (const type of types) {
    const kind = kindByType(type);
    if (!kind) continue;
    try {
      return await getJson<ApiRecord>(processUrl(`${kind.path}/${encodeURIComponent(id)}`));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
    }
  }
  return null;
}

/**
 * The options of records already chosen (an edit's, or a page's defaults), read by id so the
 * picker shows their names; an id no kind has stays as it is, marked as not found.
 */
export function useChosenOptions(ids: readonly string[], types: readonly string[]) {
  const { i18n } = useTranslation();
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ["record-by-id", types.join(","), id],
      queryFn: () => findRecord(id, types),
      staleTime: 60_000,
    })),
  });
  return ids.map((id, index): PickerOption => {
    const record = results[index]?.data;
    if (record) return optionOf(record, i18n.language);
    return (
      seen.get(id) ?? { id, type: "", label: id, detail: results[index]?.isLoading ? "…" : "" }
    );
  });
}
