import { useTranslation } from "react-i18next";
import { chosenLayers, layersParam, MAP_LAYERS, type MapLayer } from "../../map/record-layers.ts";
import { setParams, useLocation } from "../../router.tsx";

/** One labelled checkbox per layer, kept in the URL's `layers`. */
export function LayerToggles() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const chosen = chosenLayers(params.get("layers"));
  const toggle = (layer: MapLayer, isOn: boolean) => {
    const next = new Set(chosen);
    if (isOn) next.add(layer);
    else next.delete(layer);
    // All layers on is the default: the URL stays short.
    setParams({ layers: next.size === MAP_LAYERS.length ? undefined : layersParam(next) });
  };
  return (
    <fieldset className="layer-toggles">
      <legend>{t("map.layers")}</legend>
      {[...MAP_LAYERS].reverse().map((layer) => (
        <label key={layer}>
          <input
            type="checkbox"
            checked={chosen.has(layer)}
            onChange={(event) => toggle(layer, event.target.checked)}
          />{" "}
          {t(`map.layer.${layer}`)}
        </label>
      ))}
    </fieldset>
  );
}
