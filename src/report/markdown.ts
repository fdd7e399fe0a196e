import { type Block, type Cell, citation } from "./layout.ts";
import { type DrawnMap, periodMapSvg } from "./period-map.ts";

/** A cell's text with its citation, escaped for a Markdown table. */
function tableCell(cell: Cell): string {
  const text = [cell.text, citation(cell.sources)].filter((t) => t !== "").join(" ");
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");
}

/**
 * The report as CommonMark with GitHub's tables; the map is an SVG image in a data URL, so the
 * file stands alone.
 */
export function renderMarkdown(blocks: readonly Block[], map: DrawnMap): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "title":
        out.push(`# ${block.text}`, "", `**${block.subtitle}**`, "");
        break;
      case "note":
        out.push(`_${block.text}_`, "");
        break;
      case "heading":
        out.push(`## ${block.text}`, "");
        break;
      case "subheading":
        out.push(`### ${[block.text, citation(block.sources)].filter(Boolean).join(" ")}`, "");
        break;
      case "list":
        out.push(...block.items.map((item) => `- ${item}`), "");
        break;
      case "table":
        out.push(
          `| ${block.columns.map((c) => tableCell({ text: c })).join(" | ")} |`,
          `| ${block.columns.map(() => "---").join(" | ")} |`,
          ...block.rows.map((row) => `| ${row.map(tableCell).join(" | ")} |`),
          "",
        );
        break;
      case "map": {
        const svg = Buffer.from(periodMapSvg(map, block.caption)).toString("base64");
        out.push(`![${block.caption}](data:image/svg+xml;base64,${svg})`, "", block.caption, "");
        break;
      }
      case "sources":
        out.push(`## ${block.heading}`, "");
        out.push(
          ...block.items.map((s) => `${s.number}. ${s.url ? `[${s.text}](${s.url})` : s.text}`),
          "",
        );
        break;
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
