/**
 * The gazetteer extraction reads: its entries and lookups live in src/geo/gazetteer.ts (pure, so
 * the browser has them too). The places are data, never code: the process's own `place` records
 * (`placesFor`), then the world gazetteer's places in the process's countries, which the caller
 * passes (src/geo/world-gazetteer.ts reads them; the CLI does, the browser does not).
 */
export {
  type GazetteerEntry,
  namesOf,
  placesFor,
  precisionOfKind,
} from "../geo/gazetteer.ts";
