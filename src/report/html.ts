import { type Block, type Cell, citation } from "./layout.ts";
import { type DrawnMap, escapeXml, periodMapSvg } from "./period-map.ts";

const esc = escapeXml;

function cite(sources: readonly number[] | undefined): string {
  const text = citation(sources);
  return text === "" ? "" : ` <sup class="cite">${esc(text)}</sup>`;
}

function td(cell: Cell): string {
  return `<td>${esc(cell.text)}${cite(cell.sources)}</td>`;
}

/** Print and screen styles: A4 width, tables that wrap rather than overflow, no page-split rows. */
const STYLE = `
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
h3 { font-size: 1em; margin: 1em 0 0.4em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4em 0 1em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.4em; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f0f0; }
tr { break-inside: avoid; }
.note { color: #444; font-style: italic; }
.cite { color: #555; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; border: 1px solid #bbb; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; padding: 0; } h2, h3 { break-after: avoid; } }
`;

/** The report as one standalone HTML document (styles and the SVG map inline), printable on A4. */
export function renderHtml(blocks: readonly Block[], map: DrawnMap, language: string): string {
  const title = blocks.find((b) => b.type === "title");
  const body = blocks
    .map((block) => {
      switch (block.type) {
        case "title":
          return `<header><h1>${esc(block.text)}</h1><p><strong>${esc(block.subtitle)}</strong></p></header>`;
        case "note":
          return `<p class="note">${esc(block.text)}</p>`;
        case "heading":
          return `<h2>${esc(block.text)}</h2>`;
        case "subheading":
          return `<h3>${esc(block.text)}${cite(block.sources)}</h3>`;
        case "list":
          return `<ul>${block.items.map((item) => `<li>${esc(item)}</li>`).join("")}</ul>`;
        case "table": {
          const total = block.widths.reduce((a, b) => a + b, 0);
          const cols = block.widths
            .map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`)
            .join("");
          const head = block.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("");
          const rows = block.rows.map((row) => `<tr>${row.map(td).join("")}</tr>`).join("");
          return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
        }
        case "map":
          return `<figure>${periodMapSvg(map, block.caption)}<figcaption class="note">${esc(block.caption)}</figcaption></figure>`;
        case "sources":
          return `<h2>${esc(block.heading)}</h2><ol class="sources">${block.items
            .map(
              (s) =>
                `<li value="${s.number}">${s.url ? `<a href="${esc(s.url)}">${esc(s.text)}</a>` : esc(s.text)}</li>`,
            )
            .join("")}</ol>`;
      }
      return "";
    })
    .join("\n");
  const heading = title && title.type === "title" ? `${title.text}, ${title.subtitle}` : "";
  return `<!doctype html>
<html lang="${esc(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(heading)}</title><style>${STYLE}</style></head>
<body>
${body}
</body>
</html>
`;
}
