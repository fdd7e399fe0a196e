import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadSigner } from "./key-file.ts";
import { generatePrivateKeyPem, signerFromPem } from "./signer.ts";

const run = promisify(execFile);
const KEY_FILE_MODULE = new URL("./key-file.ts", import.meta.url).href;

describe("the signing key file", () => {
  it("is created once with mode 0600, and read back as the same key", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-key-"));
    const file = join(dir, "keys", "ledger.pem");
    const first = loadSigner({ file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSigner({ file }).keyId).toBe(first.keyId);
    expect(readdirSync(join(dir, "keys"))).toEqual(["ledger.pem"]);
  });

  it("is not replaced when it exists", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-key-"));
    const file = join(dir, "ledger.pem");
    const pem = generatePrivateKeyPem();
    writeFileSync(file, pem);
    expect(loadSigner({ file }).keyId).toBe(signerFromPem(pem).keyId);
    expect(readFileSync(file, "utf8")).toBe(pem);
  });

  it("gives processes starting at once on a new file one and the same key", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "truce-key-")), "ledger.pem");
    // All wait for one moment after they have started, so their checks and writes overlap.
    const startAt = Date.now() + 3000;
    const script = `import { loadSigner } from ${JSON.stringify(KEY_FILE_MODULE)};
      while (Date.now() < ${startAt});
      process.stdout.write(loadSigner({ file: ${JSON.stringify(file)} }).keyId);`;
    const keyIds = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]).then(
          (result) => result.stdout,
        ),
      ),
    );
    expect(new Set(keyIds)).toEqual(new Set([loadSigner({ file }).keyId]));
  });
});
