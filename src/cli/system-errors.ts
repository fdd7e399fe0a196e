/**
 * One line for the errors a command meets from its surroundings rather than from a bug: a file
 * that is not there, a port in use, a server that does not answer, a database that does not
 * exist. Undefined for anything else, which keeps its stack trace: that is a bug to report.
 */
export function systemErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // fetch() wraps the network error it met in `cause`.
  if (error.message === "fetch failed" && error.cause instanceof Error) {
    return systemErrorMessage(error.cause) ?? `the server did not answer: ${error.cause.message}`;
  }
  const failure = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
    hostname?: string;
    severity?: string;
  };
  const where = failure.address
    ? `${failure.address}${failure.port ? `:${failure.port}` : ""}`
    : "";
  switch (failure.code) {
    case "ENOENT":
      return `${failure.path ?? "a file"}: no such file or directory`;
    case "EACCES":
    case "EPERM":
      return `${failure.path ?? (where || "a file")}: permission denied`;
    case "EISDIR":
      return `${failure.path ?? "a file"}: is a directory, not a file`;
    case "EADDRINUSE":
      return `${where || "the address"} is in use: another server listens there (--port picks another)`;
    case "ECONNREFUSED":
      return `nothing answers at ${where || "the server's address"}: is the server running?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host ${failure.hostname ?? ""} is not known`;
    case "ETIMEDOUT":
      return `${where || "the server"} did not answer in time`;
  }
  // PostgreSQL's own refusals: a database that does not exist, a role it does not know.
  if (failure.severity === "FATAL" || failure.severity === "ERROR") {
    if (failure.code === "3D000" || failure.code?.startsWith("28")) {
      return `PostgreSQL: ${error.message} (check DATABASE_URL)`;
    }
  }
  // A file that should hold JSON and does not (a cut-off bundle, a mapping file).
  if (error instanceof SyntaxError && /JSON/.test(error.message)) {
    return `not valid JSON: ${error.message}`;
  }
  return undefined;
}
