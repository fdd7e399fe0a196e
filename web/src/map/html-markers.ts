import * as maplibregl from "maplibre-gl";

/** A label the map shows as HTML: the offline basemap has no glyphs, so text cannot be a layer. */
export interface HtmlMarker {
  key: string;
  at: [lon: number, lat: number];
  text: string;
  className: string;
  anchor?: maplibregl.PositionAnchor;
  offset?: [number, number];
}

/**
 * Keeps a set of HTML markers on the map equal to `wanted`: adds the new, moves or renames the
 * kept, removes the gone. Markers take no clicks (CSS pointer-events), so the layer under them
 * answers as before.
 */
export function syncHtmlMarkers(
  map: maplibregl.Map,
  shown: Map<string, maplibregl.Marker>,
  wanted: HtmlMarker[],
): void {
  const keys = new Set(wanted.map((m) => m.key));
  for (const [key, marker] of shown) {
    if (!keys.has(key)) {
      marker.remove();
      shown.delete(key);
    }
  }
  for (const item of wanted) {
    const existing = shown.get(item.key);
    if (existing) {
      existing.setLngLat(item.at);
      const element = existing.getElement();
      if (element.textContent !== item.text) element.textContent = item.text;
      continue;
    }
    const element = document.createElement("span");
    element.className = item.className;
    element.textContent = item.text;
    const marker = new maplibregl.Marker({
      element,
      anchor: item.anchor ?? "center",
      offset: item.offset ?? [0, 0],
    })
      .setLngLat(item.at)
      .addTo(map);
    shown.set(item.key, marker);
  }
}

/**
 * Hides the labels that would overlap one drawn before them, in the order given (the first win):
 * a crowded region shows fewer names, each readable, and more as one zooms in.
 */
export function declutter(markers: Iterable<maplibregl.Marker>): void {
  const drawn: DOMRect[] = [];
  for (const marker of markers) {
    const element = marker.getElement();
    element.style.visibility = "";
    const box = element.getBoundingClientRect();
    const overlaps = drawn.some(
      (other) =>
        box.left < other.right &&
        other.left < box.right &&
        box.top < other.bottom &&
        other.top < box.bottom,
    );
    if (overlaps) element.style.visibility = "hidden";
    else drawn.push(box);
  }
}
