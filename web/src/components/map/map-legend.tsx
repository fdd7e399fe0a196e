import { useTranslation } from "react-i18next";
import { LINE_STYLES, type LineRole } from "../../map/border-layers.ts";
import { HAZARD_COLOURS } from "../../map/hazard-layers.ts";
import { LINK_COLOUR, type MapLayer, POST_COLOURS } from "../../map/record-layers.ts";

function Dot({ colour, size = 13 }: { colour: string; size?: number }) {
  return (
    <svg width="16" height="16" aria-hidden="true">
      <circle cx="8" cy="8" r={size / 2} fill={colour} stroke="#fff" strokeWidth="1.5" />
    </svg>
  );
}

function Stroke({
  colour,
  width,
  dash,
}: {
  colour: string;
  width: number;
  dash?: string | undefined;
}) {
  return (
    <svg width="36" height="10" aria-hidden="true">
      <line
        x1="2"
        y1="5"
        x2="34"
        y2="5"
        stroke={colour}
        strokeWidth={width}
        strokeDasharray={dash}
      />
    </svg>
  );
}

const dashOf = (role: LineRole) => {
  const style = LINE_STYLES[role];
  return style.dash[1] === 0 ? undefined : style.dash.map((d) => d * style.width).join(" ");
};

/** What each mark on the map means, for the layers shown: the same colours and dashes as drawn. */
export function MapLegend({ layers }: { layers: Set<MapLayer> }) {
  const { t } = useTranslation();
  return (
    <section className="legend" aria-labelledby="map-legend">
      <h2 id="map-legend">{t("map.legendTitle")}</h2>
      <ul className="plain">
        {layers.has("incidents") ? (
          <>
            <li>
              <Dot colour="#1f3a5f" size={11} /> {t("map.legend.incident")}
            </li>
            <li>
              <Dot colour="#b3541e" /> {t("map.legend.cluster")}
            </li>
          </>
        ) : null}
        {layers.has("posts") ? (
          <>
            <li>
              <Dot colour={POST_COLOURS.active} /> {t("map.legend.post")}
            </li>
            <li>
              <Dot colour={POST_COLOURS.closed} /> {t("map.legend.closedPost")}
            </li>
          </>
        ) : null}
        {layers.has("links") ? (
          <>
            <li>
              <Stroke colour={LINK_COLOUR} width={3.5} /> {t("map.legend.openLink")}
            </li>
            <li>
              <Stroke colour={LINK_COLOUR} width={3.5} dash="7 5" /> {t("map.legend.link")}
            </li>
          </>
        ) : null}
        {layers.has("border") ? (
          <>
            <li>
              <Stroke colour={LINE_STYLES.agreed.colour} width={3} /> {t("border.agreed")}
            </li>
            {(["side0", "side1"] as const).map((role, i) => (
              <li key={role}>
                <Stroke colour={LINE_STYLES[role].colour} width={2.5} dash={dashOf(role)} />{" "}
                {t("map.legend.proposed", { n: i + 1 })}
              </li>
            ))}
          </>
        ) : null}
        {layers.has("hazards")
          ? Object.entries(HAZARD_COLOURS).map(([status, colour]) => (
              <li key={status}>
                <span className="swatch" style={{ background: colour }} />{" "}
                {t("map.legend.hazard", { status: t(`map.hazardStatus.${status}` as "map.title") })}
              </li>
            ))
          : null}
      </ul>
    </section>
  );
}
