import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { queryHashInProcess } from "./api.ts";
import { Layout } from "./components/layout.tsx";
import { Loading } from "./components/status.tsx";
import { OutboxSender } from "./offline/outbox-sender.tsx";
import { AgreementsPage } from "./pages/agreements.tsx";
import { AlertsPage } from "./pages/alerts.tsx";
import { ChooseProcessPage } from "./pages/choose-process.tsx";
import { CommitmentsPage } from "./pages/commitments.tsx";
import { DetaineesPage } from "./pages/detainees.tsx";
import { FieldPage } from "./pages/field.tsx";
import { IncidentsPage } from "./pages/incidents.tsx";
import { kindPageFor, RecordsPage } from "./pages/kind-page.tsx";
import { LedgerPage } from "./pages/ledger.tsx";
import { LoginPage } from "./pages/login.tsx";
import { OverviewPage } from "./pages/overview.tsx";
import { ProcessesPage } from "./pages/processes.tsx";
import { SourcesPage } from "./pages/sources.tsx";
import { StatementsPage } from "./pages/statements.tsx";
import { TimelinePage } from "./pages/timeline.tsx";
import { ProcessProvider, useProcessChoice } from "./process.tsx";
import { Link, useLocation } from "./router.tsx";

// The pages with a map load MapLibre and the basemap (most of the app's bytes) when first opened,
// so the other pages start without them on a slow connection.
const MapPage = lazy(() => import("./pages/map.tsx").then((m) => ({ default: m.MapPage })));
const BorderPage = lazy(() =>
  import("./pages/border.tsx").then((m) => ({ default: m.BorderPage })),
);
const MineActionPage = lazy(() =>
  import("./pages/mine-action.tsx").then((m) => ({ default: m.MineActionPage })),
);

const PAGES: Record<string, React.ComponentType> = {
  "/": OverviewPage,
  "/map": MapPage,
  "/timeline": TimelinePage,
  "/agreements": AgreementsPage,
  "/statements": StatementsPage,
  "/commitments": CommitmentsPage,
  "/incidents": IncidentsPage,
  "/detainees": DetaineesPage,
  "/border": BorderPage,
  "/mine-action": MineActionPage,
  "/sources": SourcesPage,
  "/ledger": LedgerPage,
  "/records": RecordsPage,
  "/login": LoginPage,
  "/processes": ProcessesPage,
  "/alerts": AlertsPage,
  "/field": FieldPage,
};

/** Pages about no one process: they open before a process is chosen. */
const OF_NO_PROCESS = new Set(["/login", "/processes"]);

const queryClient = new QueryClient({
  // Answers are cached per process: a page's query keys need not name it.
  defaultOptions: { queries: { staleTime: 30_000, retry: 1, queryKeyHashFn: queryHashInProcess } },
});

function CurrentPage() {
  const { path } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  const { chosen } = useProcessChoice();
  const Page = PAGES[path] ?? kindPageFor(path);
  if (Page && !chosen && !OF_NO_PROCESS.has(path)) return <ChooseProcessPage />;
  if (!Page) {
    return (
      <div>
        <h1>{t("common.pageNotFound")}</h1>
        <p>
          <Link to="/">{t("nav.overview")}</Link>
        </p>
      </div>
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      {/* Another process is another page: nothing typed or opened in one carries over. */}
      <Page key={chosen?.slug ?? ""} />
    </Suspense>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ProcessProvider>
        {/* Field reports waiting in the outbox go out whatever page is open (decision 0031). */}
        <OutboxSender />
        <Layout>
          <CurrentPage />
        </Layout>
      </ProcessProvider>
    </QueryClientProvider>
  );
}
