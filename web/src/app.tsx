import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Layout } from "./components/layout.tsx";
import { BorderPage } from "./pages/border.tsx";
import { IncidentsPage } from "./pages/incidents.tsx";
import { LedgerPage } from "./pages/ledger.tsx";
import { LoginPage } from "./pages/login.tsx";
import { MapPage } from "./pages/map.tsx";
import { MineActionPage } from "./pages/mine-action.tsx";
import { OverviewPage } from "./pages/overview.tsx";
import {
  AgreementsPage,
  CommitmentsPage,
  DetaineesPage,
  TimelinePage,
} from "./pages/simple-pages.tsx";
import { SourcesPage } from "./pages/sources.tsx";
import { useLocation } from "./router.tsx";

const PAGES: Record<string, () => React.JSX.Element> = {
  "/": OverviewPage,
  "/map": MapPage,
  "/timeline": TimelinePage,
  "/agreements": AgreementsPage,
  "/commitments": CommitmentsPage,
  "/incidents": IncidentsPage,
  "/detainees": DetaineesPage,
  "/border": BorderPage,
  "/mine-action": MineActionPage,
  "/sources": SourcesPage,
  "/ledger": LedgerPage,
  "/login": LoginPage,
};

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1 } },
});

function CurrentPage() {
  const { path } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  const Page = PAGES[path];
  return Page ? <Page /> : <p>{t("common.none")}</p>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Layout>
        <CurrentPage />
      </Layout>
    </QueryClientProvider>
  );
}
