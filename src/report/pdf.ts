import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { type Block, type Cell, citation } from "./layout.ts";
import { type DrawnMap, MAP_COLOURS } from "./period-map.ts";

/**
 * The report as a PDF on A4, drawn by pdfkit with DejaVu Sans embedded (subset): its glyphs cover
 * Latin (Azerbaijani's ə too), Cyrillic and Armenian, so every UI language prints without a font
 * on the reader's machine.
 */

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  italic: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
};

const MARGIN = 42;
const SIZE = { body: 9, small: 8, table: 7.5, h1: 16, h2: 12.5, h3: 9.5 };

const cellText = (cell: Cell) =>
  [cell.text, citation(cell.sources)].filter((t) => t !== "").join(" ");

const PADDING = 2.5;

/**
 * A table on the page: a bold header row on grey, rows as high as their tallest cell, the header
 * again at the top of each page the table continues on. Drawn by hand: pdfkit's own tables
 * measured each cell's text many times over, which made a day's report take seconds.
 */
function drawTable(doc: PDFKit.PDFDocument, block: Extract<Block, { type: "table" }>): void {
  const width = doc.page.width - MARGIN * 2;
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => (w / total) * width);
  const bottom = () => doc.page.height - MARGIN;
  const heightOf = (texts: readonly string[], font: string) => {
    doc.font(font).fontSize(SIZE.table);
    return (
      Math.max(
        ...texts.map((t, i) =>
          t === "" ? 0 : doc.heightOfString(t, { width: (widths[i] ?? 0) - PADDING * 2 }),
        ),
        doc.currentLineHeight(),
      ) +
      PADDING * 2
    );
  };
  const drawRow = (texts: readonly string[], font: string, isHeader: boolean) => {
    const height = heightOf(texts, font);
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!isHeader) drawRow(block.columns, "bold", true);
    }
    const y = doc.y;
    let x = MARGIN;
    texts.forEach((t, i) => {
      const w = widths[i] ?? 0;
      if (isHeader) doc.rect(x, y, w, height).fill("#eeeeee");
      doc.rect(x, y, w, height).lineWidth(0.5).stroke("#999999");
      doc
        .font(font)
        .fontSize(SIZE.table)
        .fillColor("#000000")
        .text(t, x + PADDING, y + PADDING, { width: w - PADDING * 2 });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  // The header goes with the first row: never alone at the foot of a page.
  const first = block.rows[0];
  const needed =
    heightOf(block.columns, "bold") + (first ? heightOf(first.map(cellText), "regular") : 0);
  if (doc.y + needed > bottom()) doc.addPage();
  drawRow(block.columns, "bold", true);
  for (const row of block.rows) drawRow(row.map(cellText), "regular", false);
}

/** Draws the period's map scaled to the content width, starting a page if it would not fit. */
function drawMap(doc: PDFKit.PDFDocument, map: DrawnMap, caption: string): void {
  const width = doc.page.width - MARGIN * 2;
  const scale = width / map.width;
  const height = map.height * scale;
  if (doc.y + height + 30 > doc.page.height - MARGIN) doc.addPage();
  const x = MARGIN;
  const y = doc.y;
  doc.save();
  doc.rect(x, y, width, height).fill(MAP_COLOURS.sea);
  doc.rect(x, y, width, height).clip();
  doc.translate(x, y).scale(scale);
  if (map.land) doc.path(map.land).fill(MAP_COLOURS.land);
  if (map.borders)
    doc
      .path(map.borders)
      .lineWidth(0.8 / scale)
      .stroke(MAP_COLOURS.border);
  for (const p of map.points) {
    doc.circle(p.x, p.y, 7).lineWidth(1).fillAndStroke(MAP_COLOURS.point, "#ffffff");
    doc
      .font("regular")
      .fontSize(7)
      .fillColor(MAP_COLOURS.label)
      .text(String(p.mark), p.x - 10, p.y - 4, { width: 20, align: "center", lineBreak: false });
    if (p.label)
      doc
        .font("regular")
        .fontSize(9)
        .fillColor(MAP_COLOURS.place)
        .text(p.label, p.x + 10, p.y - 5, { lineBreak: false });
  }
  doc.restore();
  doc.rect(x, y, width, height).lineWidth(0.5).stroke("#999999");
  doc.x = MARGIN;
  doc.y = y + height + 4;
  doc.font("italic").fontSize(SIZE.small).fillColor("#444444").text(caption, { width });
  doc.fillColor("#000000").moveDown(0.5);
}

/** Renders the blocks into a PDF document and resolves with its bytes. */
export function renderPdf(
  blocks: readonly Block[],
  map: DrawnMap,
  language: string,
  title: string,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: language,
    displayTitle: true,
    info: { Title: title, Creator: "Truce" },
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("bold", FONTS.bold);
  doc.registerFont("italic", FONTS.italic);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const text = (font: string, size: number, value: string, colour = "#000000") =>
    doc.font(font).fontSize(size).fillColor(colour).text(value, MARGIN, undefined, { width });

  for (const block of blocks) {
    switch (block.type) {
      case "title":
        text("bold", SIZE.h1, block.text);
        text("regular", SIZE.h2, block.subtitle);
        doc.moveDown(0.4);
        break;
      case "note":
        text("italic", SIZE.small, block.text, "#444444");
        doc.moveDown(0.4);
        break;
      case "heading":
        // A heading keeps a few lines of what it heads below it.
        if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
        doc.moveDown(0.6);
        text("bold", SIZE.h2, block.text);
        doc
          .moveTo(MARGIN, doc.y)
          .lineTo(MARGIN + width, doc.y)
          .lineWidth(0.5)
          .stroke("#bbbbbb");
        doc.moveDown(0.3);
        break;
      case "subheading":
        if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
        doc.moveDown(0.3);
        text("bold", SIZE.h3, [block.text, citation(block.sources)].filter(Boolean).join(" "));
        doc.moveDown(0.2);
        break;
      case "list":
        doc
          .font("regular")
          .fontSize(SIZE.body)
          .fillColor("#000000")
          .list(block.items, MARGIN, undefined, { width, bulletRadius: 1.5 });
        doc.moveDown(0.3);
        break;
      case "table":
        drawTable(doc, block);
        doc.moveDown(0.5);
        break;
      case "map":
        drawMap(doc, map, block.caption);
        break;
      case "sources":
        if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
        doc.moveDown(0.6);
        text("bold", SIZE.h2, block.heading);
        doc.moveDown(0.3);
        for (const source of block.items) {
          doc
            .font("regular")
            .fontSize(SIZE.small)
            .fillColor("#000000")
            .text(`${source.number}. ${source.text}`, MARGIN, undefined, {
              width,
              continued: source.url !== undefined,
            });
          if (source.url)
            doc.fillColor("#1a4f9c").text(` ${source.url}`, { link: source.url, underline: false });
        }
        break;
    }
  }
  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // In the bottom margin: without lifting it, pdfkit would start a page for the number.
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(SIZE.small)
      .fillColor("#666666")
      .text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 12, {
        width,
        align: "right",
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
