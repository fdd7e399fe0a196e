/// <reference lib="dom" />

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleInput } from "../test/support/factories.ts";
import {
  canRunBrowserTests,
  EXAMPLE_SLUG,
  SHOTS,
  startWebApp,
  type WebApp,
} from "./support/web-app.ts";

/**
 * The map as a reader uses it: the process's places labelled, clusters that say exactly how many
 * incidents they hold, and an incident's popup with each side's claim and a link to the record.
 */
describe.runIf(canRunBrowserTests)("the map in Chromium", () => {
  let web: WebApp;
  const records = `/api/processes/${EXAMPLE_SLUG}`;
  const create = async (path: string, body: Record<string, unknown>) => {
    const response = await web.api(`${records}/${path}`, {
      method: "POST",
      body: JSON.stringify({ visibility: "public", ...body }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string };
  };

  beforeAll(async () => {
    web = await startWebApp();
    await create("places", { ...sampleInput("place", 1), name: "Testavan", lat: 39.0, lon: 44.2 });
    // Three incidents a few hundred metres apart (one cluster), one far to the east, alone.
    for (const n of [1, 2, 3]) await create("incidents", sampleInput("incident", n));
    const alone = await create("incidents", {
      ...sampleInput("incident", 9),
      title: "Shelling far to the east",
      place: { name: "Far east", precision: "settlement", lat: 40.2, lon: 48.5 },
    });
    await create("claims", {
      claimant: "AZE",
      subject: "incident",
      incident_id: alone.id,
      statement: "Our positions came under fire",
    });
  });
  afterAll(async () => {
    await web?.close();
  });

  it("labels places, counts clusters exactly and opens an incident's popup with its claims", async () => {
    const { page, errors } = await web.open("/map", "map-labels");
    await page.locator(".map-place", { hasText: "Testavan" }).waitFor();
    await page.locator(".map-count", { hasText: /^3$/ }).waitFor();
    // The lone incident's point, from the view the map marks on its element (Web Mercator).
    const box = await page.locator(".map").first().boundingBox();
    const bounds = (await page.locator(".map").first().getAttribute("data-bounds"))
      ?.split(",")
      .map(Number) as [number, number, number, number];
    if (!box) throw new Error("no map");
    const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const [west, south, east, north] = bounds;
    const x = box.x + ((48.5 - west) / (east - west)) * box.width;
    const y =
      box.y +
      ((mercator(north) - mercator(40.2)) / (mercator(north) - mercator(south))) * box.height;
    await page.mouse.click(x, y);
    const popup = page.locator(".maplibregl-popup");
    await popup.getByText("Shelling far to the east").waitFor();
    await popup.getByText("Our positions came under fire", { exact: false }).waitFor();
    await page.screenshot({ path: `${SHOTS}/map-popup.png` });
    await popup.getByRole("link", { name: "Open the record" }).click();
    await page.waitForURL(/\/incidents\?id=/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
