import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { Process } from "../../src/domain/process.schema.ts";
import { getJson, setCurrentProcess } from "./api.ts";
import { Failure, Loading } from "./components/status.tsx";
import { useLocation } from "./router.tsx";

/** A process as `GET /api/processes` lists it: its own fields and its ledger's size. */
export type ProcessSummary = Process & { ledger_size: number };

/** The query of every process: invalidate it after creating, changing or closing one. */
export const PROCESSES_KEY = ["processes"] as const;

const REMEMBERED = "truce.process";

/** Which process the app shows, and the others it could. */
export type ProcessChoice = {
  processes: ProcessSummary[];
  /** The process shown; none when there is none, or several and none chosen yet. */
  chosen: ProcessSummary | undefined;
  /** A slug asked for in the URL (`?process=`) that names no process here. */
  unknown: string | undefined;
};

const ChoiceContext = createContext<ProcessChoice | null>(null);

function remembered(): string | null {
  try {
    return localStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}

export function useProcesses() {
  return useQuery({
    queryKey: PROCESSES_KEY,
    queryFn: async () => (await getJson<{ items: ProcessSummary[] }>("/api/processes")).items,
  });
}

/**
 * Loads the processes once, then chooses the one the app shows: the one `?process=SLUG` names
 * (remembered for the next visit), else the one chosen before, else the only one. With several
 * and none chosen, or none at all, pages that need a process show the choice instead (app.tsx).
 */
export function ProcessProvider({ children }: { children: ReactNode }) {
  const { params } = useLocation();
  const list = useProcesses();
  const asked = params.get("process") ?? undefined;
  // This tab's choice: another tab choosing another process does not change what this one shows.
  const [before, setBefore] = useState(remembered);
  const isKnown = (slug: string | null | undefined) =>
    slug ? list.data?.some((p) => p.slug === slug) === true : false;
  const isAskedKnown = isKnown(asked);
  useEffect(() => {
    if (!asked || !isAskedKnown) return;
    setBefore(asked);
    try {
      localStorage.setItem(REMEMBERED, asked);
    } catch {
      // A browser that keeps nothing still shows the process asked for.
    }
  }, [asked, isAskedKnown]);

  if (list.isPending) return <Loading />;
  if (list.error) return <Failure error={list.error} />;
  const processes = list.data;
  const find = (slug: string | null | undefined) => processes.find((p) => p.slug === slug);
  const chosen = asked
    ? find(asked)
    : (find(before) ?? (processes.length === 1 ? processes[0] : undefined));
  // Set before any page renders: the API's URL builders and the query cache's keys read it.
  setCurrentProcess(chosen?.slug);
  const value: ProcessChoice = {
    processes,
    chosen,
    unknown: asked && !chosen ? asked : undefined,
  };
  return <ChoiceContext.Provider value={value}>{children}</ChoiceContext.Provider>;
}

export function useProcessChoice(): ProcessChoice {
  const choice = useContext(ChoiceContext);
  if (!choice) throw new Error("useProcessChoice outside ProcessProvider");
  return choice;
}

/** The process shown, if one is chosen. */
export function useChosenProcess(): ProcessSummary | undefined {
  return useContext(ChoiceContext)?.chosen;
}

/** The process a page shows: pages about a process render only once one is chosen. */
export function useProcess(): ProcessSummary {
  const chosen = useChosenProcess();
  if (!chosen) throw new Error("No process is chosen");
  return chosen;
}
