/**
 * A progress bar on standard error when it is a terminal; silent otherwise, so logs and pipes stay
 * clean. Redraws at most ten times a second.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastDraw = 0;
  const isTerminal = stream.isTTY === true;
  return {
    update(done: number, total: number | undefined): void {
      if (!isTerminal) return;
      const now = Date.now();
      if (now - lastDraw < 100 && (total === undefined || done < total)) return;
      lastDraw = now;
      if (total === undefined) {
        stream.write(`\r${label}: ${done.toLocaleString("en")} records`);
        return;
      }
      const width = 30;
      const share = total === 0 ? 1 : done / total;
      const filled = Math.round(share * width);
      stream.write(
        `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total}`,
      );
    },
    finish(): void {
      if (isTerminal) stream.write("\n");
    },
  };
}
