import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "../src/domain/kinds/index.ts";
import {
  canRunBrowserTests,
  EXAMPLE_SLUG,
  SHOTS,
  startWebApp,
  USERS,
  type WebApp,
} from "./support/web-app.ts";

type Row = Record<string, unknown> & { id: string };

/**
 * Every kind's form filled as a person fills it: records chosen by their names in pickers, dates
 * with their precision, figures in a table, places from the gazetteer or pinned on a map, an area
 * drawn; no id and no JSON typed. What the API then holds is what was chosen.
 */
describe.skipIf(!canRunBrowserTests)("forms for people", () => {
  let web: WebApp;
  beforeAll(async () => {
    web = await startWebApp();
  }, 120_000);
  afterAll(() => web?.close());

  const list = async (path: string) =>
    (
      (await (await web.api(`/api/processes/${EXAMPLE_SLUG}/${path}?limit=500`)).json()) as {
        items: Row[];
      }
    ).items;
  const newest = async (path: string, match: (row: Row) => boolean) => {
    const found = (await list(path)).filter(match);
    expect(found).toHaveLength(1);
    return found[0] as Row;
  };

  /** Types into a picker and clicks the option whose name matches. */
  async function choose(page: Page, picker: string | RegExp, typed: string, option: RegExp) {
    const name = { name: picker, exact: true };
    const box = page.getByRole("combobox", name);
    await box.click();
    await box.fill(typed);
    await page.getByRole("listbox", name).getByRole("option", { name: option }).first().click();
  }

  /** Presses Tab until the element with this id has the focus, as a keyboard user moves. */
  async function tabTo(page: Page, id: string) {
    for (let i = 0; i < 120; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached #${id}`);
  }

  it("gives every kind's form controls a person can fill: no field asks for JSON or ids", async () => {
    const { page, errors } = await web.open("/records", "forms-every-kind", {
      signedInAs: USERS.mediator,
    });
    for (const kind of KINDS) {
      await page.goto(`${web.base}/records/${kind.path}?new=${kind.type}`);
      const form = page.getByRole("form", { name: /^New: / });
      await form.waitFor();
      // The JSON box and the "ids separated by commas" box of the forms before pickers.
      expect(await form.locator("textarea.code").count(), kind.type).toBe(0);
      expect(await form.getByText(/JSON|Record ids/).count(), kind.type).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records an incident with its sides and a place from the gazetteer, chosen by name", async () => {
    const { page, errors } = await web.open("/incidents?new=1", "forms-incident", {
      signedInAs: USERS.monitor,
    });
    await page.getByLabel("Title").fill("Forms test: shelling near Sotk");
    await page.getByLabel("Date", { exact: true }).fill("2021-11-17");
    await choose(page, "Sides involved", "Arm", /^Armenia\b/);
    await choose(page, "Sides involved", "Azer", /^Azerbaijan\b/);
    // The chosen sides show by name, removable, and the list offers only the others.
    await page.getByRole("button", { name: "Remove Armenia" }).waitFor();
    await choose(page, "Place", "Sot", /^Sotk\b/);
    // Choosing a known place fills its precision and point.
    // React fills them after the choice: wait for the value, not the click.
    await expect
      .poll(async () => Number(await page.getByLabel("Latitude").inputValue()))
      .toBeCloseTo(40.2, 1);
    await page.screenshot({ path: `${SHOTS}/forms-incident-filled.png`, fullPage: true });
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/id=inc-/);
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    const incident = (await (
      await web.api(`/api/processes/${EXAMPLE_SLUG}/incidents/${id}`)
    ).json()) as Row & { actors: string[]; place: Record<string, unknown> };
    expect(incident.actors).toEqual(["ARM", "AZE"]);
    expect(incident.place).toMatchObject({ name: "Sotk", place_id: "plc-sotk", country: "AM" });
    expect(incident.place.lat).toBeCloseTo(40.2, 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("adds a claim on an incident chosen by name, with each side's figures in a table", async () => {
    const { page, errors } = await web.open("/records/claims?new=claim", "forms-claim", {
      signedInAs: USERS.mediator,
    });
    const form = page.getByRole("form", { name: "New: claim" });
    await choose(page, "Claimant", "Azer", /^Azerbaijan\b/);
    await form.getByRole("combobox", { name: /^Incident/ }).click();
    const incidents = page.getByRole("listbox", { name: /^Incident/ });
    await incidents.getByRole("option").first().waitFor();
    await page.screenshot({ path: `${SHOTS}/forms-incident-picker.png`, fullPage: true });
    await choose(page, "Incident", "border fighting", /border/i);
    await form.getByLabel(/^Statement/).fill("Forms test: Azerbaijan reports its losses");
    await form.getByRole("button", { name: "Add a row" }).first().click();
    await form.getByLabel("Category (row 1)").first().selectOption("killed");
    await form.getByLabel("Side (row 1)").selectOption("AZE");
    await form.getByLabel("Number (row 1)").first().fill("7");
    await form.getByRole("button", { name: "Add a row" }).first().click();
    await form.getByLabel("Category (row 2)").selectOption("wounded");
    await form.getByLabel("Side (row 2)").selectOption("civilians");
    await form.getByLabel("Number (row 2)").fill("3");
    await form.getByLabel("Low (row 2)").fill("2");
    await form.getByLabel("High (row 2)").fill("5");
    await page.screenshot({ path: `${SHOTS}/forms-claim-figures.png`, fullPage: true });
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    const claim = await newest("claims", (c) => String(c.statement).startsWith("Forms test:"));
    expect(claim).toMatchObject({
      claimant: "AZE",
      subject: "incident",
      figures: { killed: { AZE: 7 }, wounded: { civilians: { best: 3, low: 2, high: 5 } } },
    });
    expect(String(claim.incident_id)).toMatch(/border-fighting/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records a commitment on a provision with its deadline by keyboard alone", async () => {
    const provision = (await list("provisions"))[0] as Row & { summary: string; title?: string };
    // What the picker shows of a provision: its number and its title, or its summary.
    const name = (provision.title ?? provision.summary).slice(0, 15);
    const words = (provision.title ?? provision.summary).split(/\s+/).slice(0, 3).join(" ");
    const { page, errors } = await web.open("/commitments?new=commitment", "forms-keyboard", {
      signedInAs: USERS.mediator,
    });
    await page.getByRole("form", { name: "New: commitment" }).waitFor();
    const keys = page.keyboard;
    await tabTo(page, "rf-summary");
    await keys.type("Forms test: exchange the minefield maps");
    await tabTo(page, "rf-owners");
    for (const typed of ["Armenia", "Azerbaijan"]) {
      await keys.type(typed);
      // The first option is the one typed: the list narrows as the words come.
      await page
        .getByRole("listbox", { name: "Owners" })
        .getByRole("option")
        .first()
        .getByText(typed, { exact: true })
        .waitFor();
      await keys.press("ArrowDown");
      await keys.press("Enter");
    }
    // Escape closes the list, not the form.
    await keys.press("Escape");
    await tabTo(page, "rf-due.value");
    await keys.type("2022-06-30");
    await tabTo(page, "rf-provision_id");
    await keys.type(words);
    await page
      .getByRole("listbox", { name: "Provision" })
      .getByRole("option")
      .first()
      .getByText(name, { exact: false })
      .waitFor();
    await keys.press("ArrowDown");
    await keys.press("Enter");
    await expect
      .poll(() => page.getByRole("combobox", { name: "Provision" }).inputValue())
      .not.toBe("");
    await page.screenshot({ path: `${SHOTS}/forms-keyboard-filled.png`, fullPage: true });
    // Enter in a field submits the form, as in any form.
    await tabTo(page, "rf-due.value");
    await keys.press("Enter");
    await page.getByRole("form", { name: "New: commitment" }).waitFor({ state: "detached" });
    const commitment = await newest("commitments", (c) =>
      String(c.summary).startsWith("Forms test:"),
    );
    expect(commitment).toMatchObject({
      owners: ["ARM", "AZE"],
      due: { value: "2022-06-30", precision: "day" },
      provision_id: provision.id,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records an exchange with its transfers, at a place pinned on the map", async () => {
    const { page, errors } = await web.open("/detainees?new=exchange", "forms-exchange", {
      signedInAs: USERS.mediator,
    });
    const form = page.getByRole("form", { name: /^New: / });
    await form.getByLabel("Date: date").fill("2021-12");
    // The precision follows what was typed: a month.
    await expect.poll(() => form.getByLabel("Date: precision").inputValue()).toBe("month");
    await form
      .getByRole("combobox", { name: "Place: name", exact: true })
      .fill("Forms test crossing");
    await form.getByRole("button", { name: "Pin on the map" }).click();
    const map = form.getByRole("application");
    await map.locator("canvas").waitFor();
    await page.waitForFunction(() =>
      document.querySelector(".pin-map")?.getAttribute("data-bounds"),
    );
    await map.click();
    await page.waitForFunction(() =>
      document.querySelector(".pin-map")?.getAttribute("data-pinned"),
    );
    await expect.poll(() => form.getByLabel("Place: latitude").inputValue()).not.toBe("");
    await form.getByRole("button", { name: /^Add: Transfers/ }).click();
    await choose(page, "Transfers 1: From", "Azer", /^Azerbaijan\b/);
    await choose(page, "Transfers 1: To", "Arm", /^Armenia\b/);
    await form.getByLabel("Transfers 1: Persons").fill("10");
    // Counts name who reports them.
    await choose(page, "Reported by", "Arm", /^Armenia\b/);
    await page.screenshot({ path: `${SHOTS}/forms-exchange-filled.png`, fullPage: true });
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    const exchange = await newest(
      "exchanges",
      (e) => (e.place as { name?: string } | undefined)?.name === "Forms test crossing",
    );
    expect(exchange).toMatchObject({
      date: { value: "2021-12", precision: "month" },
      transfers: [{ from: "AZE", to: "ARM", persons: 10 }],
    });
    expect(typeof (exchange.place as { lat?: unknown }).lat).toBe("number");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records a meeting with its participants, venue and documents chosen by name", async () => {
    const { page, errors } = await web.open("/timeline?new=meeting", "forms-meeting", {
      signedInAs: USERS.mediator,
    });
    const form = page.getByRole("form", { name: /^New: / });
    await form.getByLabel(/^Title( \*)?$/).fill("Forms test: trilateral meeting");
    await form.getByLabel("Date: date").fill("2021-11-26");
    await choose(page, "Place: name", "Soch", /^Sochi\b/);
    for (const [typed, name] of [
      ["Arm", /^Armenia\b/],
      ["Azer", /^Azerbaijan\b/],
      ["Russ", /^Russia\b/],
    ] as const) {
      await choose(page, "Participants", typed, name);
    }
    await choose(page, "Document", "statement", /statement/i);
    await page.screenshot({ path: `${SHOTS}/forms-meeting-filled.png`, fullPage: true });
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    const meeting = await newest("meetings", (m) => String(m.title).startsWith("Forms test:"));
    expect(meeting.participants).toEqual(["ARM", "AZE", "RUS"]);
    expect((meeting.place as { name: string }).name).toBe("Sochi");
    expect((meeting.document_ids as string[]).length).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws a hazard area on the map: three clicks make a closed polygon", async () => {
    const { page, errors } = await web.open("/mine-action?new=hazard", "forms-hazard", {
      signedInAs: USERS.mediator,
    });
    const form = page.getByRole("form", { name: /^New: / });
    await form.getByLabel(/^Name( \*)?$/).fill("Forms test: drawn minefield");
    await form.getByRole("combobox", { name: "Place: name", exact: true }).fill("Forms test field");
    await form.getByLabel("As of: date").fill("2021-12");
    await choose(page, "Reported by", "Russ", /^Russia/);
    await form.getByRole("button", { name: "Draw on the map" }).click();
    const map = form.getByRole("application");
    await page.waitForFunction(() =>
      document.querySelector(".draw-map .map")?.getAttribute("data-bounds"),
    );
    const box = await map.boundingBox();
    if (!box) throw new Error("no map");
    for (const [x, y] of [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.5, 0.6],
    ] as const) {
      await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
    }
    await form.getByText("3 points drawn").waitFor();
    await page.screenshot({ path: `${SHOTS}/forms-hazard-drawn.png`, fullPage: true });
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    const hazard = await newest("hazards", (h) => String(h.name).startsWith("Forms test:"));
    const area = hazard.area as { type: string; coordinates: number[][][] };
    expect(area.type).toBe("Polygon");
    expect(area.coordinates[0]).toHaveLength(4);
    expect(area.coordinates[0]?.[0]).toEqual(area.coordinates[0]?.[3]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
