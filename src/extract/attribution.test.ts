import { describe, expect, it } from "vitest";
import { REFERENCE_PROCESS } from "../reference/armenia-azerbaijan.ts";
import { PLACES } from "../reference/armenia-azerbaijan-places.ts";
import { type ActorRecord, buildActorTable, findActorMentions } from "./actors.ts";
import { extractCandidates } from "./candidates.ts";

const ACTORS = REFERENCE_PROCESS.records.filter(
  (r) => r.type === "actor",
) as unknown as ActorRecord[];
const extract = (text: string, published = "2021-11-17") =>
  extractCandidates(text, { published, actors: ACTORS, places: PLACES }).candidates;
const only = (text: string) => {
  const candidates = extract(text);
  expect(candidates).toHaveLength(1);
  return candidates[0];
};

describe("who says it: reported_by", () => {
  it("is the actor named before the speech verb, by institution, capital or person", () => {
    expect(
      only("Azerbaijani units fired at Armenian positions, the Defence Ministry in Yerevan said.")
        ?.reported_by,
    ).toBe("ARM");
    expect(only("Armenian forces shelled positions near Tartar, Baku said.")?.reported_by).toBe(
      "AZE",
    );
    expect(
      only("The Ministry of Defence of Armenia reported that a soldier was wounded on Tuesday.")
        ?.reported_by,
    ).toBe("ARM");
    expect(only("Pashinyan said Azerbaijani troops had crossed the border.")?.reported_by).toBe(
      "ARM",
    );
  });

  it("is the actor after 'according to' or 'citing'", () => {
    expect(
      only("Armenian forces shelled the village, according to the Azerbaijani Defence Ministry.")
        ?.reported_by,
    ).toBe("AZE");
    expect(
      only(
        "Armenian units opened fire near Zangilan, a news agency reported, citing Azerbaijan's Defence Ministry.",
      )?.reported_by,
    ).toBe("AZE");
  });

  it("follows 'the ministry' and 'it' back to the last speaker", () => {
    const [claim] = extract(
      "Azerbaijan's Defence Ministry said Armenian forces opened fire near Kalbajar on Tuesday. " +
        "One serviceman was wounded, the ministry said.",
    );
    expect(claim?.reported_by).toBe("AZE");
    expect(claim?.figures).toEqual({ wounded: { AZE: 1 } });
  });

  it("makes a party's report a claim, and a report by people outside the process an incident", () => {
    expect(only("Armenian forces shelled Tartar on Monday, Baku said.")?.kind).toBe("claim");
    const incident = only("A civilian was wounded near Martuni on Monday, local officials said.");
    expect(incident?.kind).toBe("incident");
    expect(incident?.reported_by).toBeUndefined();
  });
});

describe("whom it blames", () => {
  it("is the accused, the subject of an attack verb, or the agent after 'by'", () => {
    expect(
      only("Azerbaijan's Defence Ministry accused Armenian armed forces of shelling its positions.")
        ?.blamed,
    ).toEqual(["ARM"]);
    expect(
      only("Azerbaijani forces opened fire on Sotk overnight, Armenia's Defence Ministry said.")
        ?.blamed,
    ).toEqual(["AZE"]);
    expect(
      only("A soldier was wounded by Azerbaijani sniper fire, the Armenian Defence Ministry said.")
        ?.blamed,
    ).toEqual(["AZE"]);
  });

  it("reads 'the enemy' as the speaker's opponent", () => {
    const claim = only(
      "The enemy opened fire on our positions in the Kalbajar district, the Azerbaijani Defence Ministry said.",
    );
    expect(claim?.blamed).toEqual(["ARM"]);
    expect(claim?.actors).toContain("ARM");
  });

  it("does not blame anyone for a denial", () => {
    const [, reply] = extract(
      "The Armenian Foreign Ministry said Azerbaijani servicemen fired at cars near Shushi on Tuesday.\n" +
        "The Azerbaijani Defence Ministry rejected the claim, saying its units had not opened fire.",
    );
    expect(reply).toMatchObject({ kind: "claim", reported_by: "AZE", blamed: [] });
    expect(reply?.date).toEqual({ value: "2021-11-16", precision: "day" });
  });
});

describe("whose losses the figures are", () => {
  it("is the nation named in the counted people, in words or digits", () => {
    expect(
      only("Two Armenian soldiers were killed and three wounded on Tuesday, Baku said.")?.figures,
    ).toEqual({ killed: { ARM: 2 }, wounded: { ARM: 3 } });
    expect(
      only("12 servicemen of the Azerbaijani Army were wounded in the shelling, Yerevan said.")
        ?.figures,
    ).toEqual({ wounded: { AZE: 12 } });
  });

  it("is the speaker's for 'its servicemen' and civilians for civilians", () => {
    expect(
      only("Armenia's Defence Ministry said fifteen of its servicemen had been killed.")?.figures,
    ).toEqual({ killed: { ARM: 15 } });
    expect(
      only("A civilian was killed and two others were injured by a mine near Fuzuli, Baku said.")
        ?.figures,
    ).toEqual({ killed: { civilians: 1 }, wounded: { civilians: 2 } });
  });

  it("takes no figure from vague words or from distances", () => {
    expect(
      only("Several soldiers were wounded as troops advanced 3.5 kilometres, Yerevan said.")
        ?.figures,
    ).toEqual({});
  });

  it("keeps each side's version apart", () => {
    const claims = extract(
      "Azerbaijan's Defence Ministry said seven of its servicemen were killed in clashes on Tuesday. " +
        "Armenia's Defence Ministry said 15 of its soldiers had been killed and 12 captured.",
    );
    expect(claims.map((c) => [c.reported_by, c.figures])).toEqual([
      ["AZE", { killed: { AZE: 7 } }],
      ["ARM", { killed: { ARM: 15 }, captured: { ARM: 12 } }],
    ]);
  });
});

describe("the actor table", () => {
  it("comes from the process's own records: names, representatives and fitting aliases", () => {
    const table = buildActorTable([
      { id: "am", name: "Armenia", roles: ["party"], country: "AM" },
      { id: "az", name: "Azerbaijan", roles: ["party"], country: "AZ" },
      { id: "osce", name: "OSCE Minsk Group", roles: ["mediator"] },
      {
        id: "ch",
        name: "Swiss mediators",
        roles: ["mediator"],
        represented_by: "Ambassador Anna Muster",
      },
    ]);
    const found = (text: string) => findActorMentions(text, table).map((m) => m.actor);
    expect(found("Pashinyan and the Azerbaijani side met the Minsk Group.")).toEqual([
      "am",
      "az",
      "osce",
    ]);
    expect(found("Muster said the talks would continue.")).toEqual(["ch"]);
  });

  it("tells the peacekeepers from Russia", () => {
    const table = buildActorTable(ACTORS);
    const found = (text: string) => findActorMentions(text, table).map((m) => m.actor);
    expect(found("Russian peacekeepers and the Russian Foreign Ministry")).toEqual(["RPK", "RUS"]);
    expect(found("the EU monitoring mission (EUMA) and Charles Michel")).toEqual([
      "EU",
      "EU",
      "EU",
    ]);
  });
});
