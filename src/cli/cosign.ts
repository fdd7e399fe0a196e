import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cosignHead, listSignedHeads } from "../core/cosign.ts";
import { DomainError } from "../domain/errors.ts";
import type { TreeHead } from "../ledger/signer.ts";
import { generatePrivateKeyPem, signerFromPem, verifyHeadSignature } from "../ledger/signer.ts";
import { type Command, requireOption, UsageError } from "./command.ts";
import { cliPrincipal, withServices } from "./with-services.ts";

type ServerHead = TreeHead & { key_id: string; signature: string };

async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as T & { detail?: string };
  if (!response.ok) {
    // The server's refusal, not a mistake in the command line: exit 1 with what it said.
    const said = `${url}: ${response.status} ${body.detail ?? ""}`.trim();
    if (response.status === 401) {
      throw new DomainError("unauthorized", `${said} (check --token or TRUCE_TOKEN)`);
    }
    throw new DomainError(
      response.status === 403 ? "forbidden" : response.status === 404 ? "not_found" : "conflict",
      said,
    );
  }
  return body;
}

/** Co-signs through a server's API, after checking the server's own signature on the head. */
async function cosignRemote(
  server: string,
  slug: string,
  size: number | undefined,
  keyPem: string,
  token: string,
): Promise<{ head: ServerHead; cosignature: Record<string, unknown> }> {
  const base = `${server.replace(/\/$/, "")}/api`;
  const page = await fetchJson<{ heads: ServerHead[] }>(
    `${base}/processes/${slug}/ledger/heads?limit=1${size === undefined ? "" : `&before=${size + 1}`}`,
  );
  const head = page.heads[0];
  if (!head || (size !== undefined && head.tree_size !== size)) {
    throw new DomainError(
      "not_found",
      `the server has no signed tree head of size ${size ?? "(latest)"}`,
    );
  }
  const { keys } = await fetchJson<{ keys: Array<{ key_id: string; public_key: string }> }>(
    `${base}/keys`,
  );
  const serverKey = keys.find((k) => k.key_id === head.key_id);
  const statement: TreeHead = {
    process: head.process,
    tree_size: head.tree_size,
    root_hash: head.root_hash,
    timestamp: head.timestamp,
  };
  if (
    !serverKey ||
    !verifyHeadSignature(serverKey.public_key, statement, Buffer.from(head.signature, "base64"))
  ) {
    throw new DomainError(
      "conflict",
      "the server's signature on this head does not verify: not co-signing",
    );
  }
  const signer = signerFromPem(keyPem);
  const cosignature = await fetchJson<Record<string, unknown>>(
    `${base}/processes/${slug}/ledger/heads/${head.tree_size}/cosignatures`,
    {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        public_key: signer.publicKeyPem,
        signature: Buffer.from(signer.sign(statement)).toString("base64"),
      }),
    },
  );
  return { head, cosignature };
}

export const cosignCommand: Command = {
  name: "cosign",
  summary: "Co-sign a signed tree head with your own Ed25519 key (or make a key)",
  usage: `truce cosign --process SLUG --key KEY.pem [--size N] [--server URL --token TOKEN] [--out FILE]
       truce cosign --generate-key KEY.pem

  Signs exactly the bytes the server signed for the head of size N (default: the latest), so you
  hold a statement, signed by you, of what the record contained then. With --server, it checks the
  server's signature first and sends yours through the API as the user of --token (or
  TRUCE_TOKEN); without, it co-signs in the local store as the operator. --out saves the head,
  the server's signature and yours as JSON.
  --generate-key writes a new private key (mode 0600) and prints its public key.`,
  options: {
    process: { type: "string" },
    key: { type: "string" },
    size: { type: "string" },
    server: { type: "string" },
    token: { type: "string" },
    out: { type: "string" },
    "generate-key": { type: "string" },
  },
  run: async (values) => {
    const generate = values["generate-key"];
    if (typeof generate === "string") {
      if (existsSync(generate)) throw new UsageError(`${generate} exists: not overwriting a key`);
      const pem = generatePrivateKeyPem();
      writeFileSync(generate, pem, { mode: 0o600 });
      process.stdout.write(signerFromPem(pem).publicKeyPem);
      return 0;
    }
    const slug = requireOption(values, "process");
    const keyPem = readFileSync(requireOption(values, "key"), "utf8");
    const size = values.size === undefined ? undefined : Number(values.size);
    if (size !== undefined && !(Number.isInteger(size) && size > 0))
      throw new UsageError("--size is a tree size (a whole number above 0)");
    const save = (statement: unknown) => {
      if (typeof values.out === "string")
        writeFileSync(values.out, `${JSON.stringify(statement, null, 2)}\n`);
    };
    if (typeof values.server === "string") {
      const token = (values.token as string | undefined) ?? process.env.TRUCE_TOKEN;
      if (!token) throw new UsageError("--server needs --token TOKEN (or TRUCE_TOKEN)");
      const result = await cosignRemote(values.server, slug, size, keyPem, token);
      save(result);
      process.stdout.write(
        `Co-signed ${slug} at size ${result.head.tree_size}, root ${result.head.root_hash}, as key ${String(result.cosignature.key_id)}\n`,
      );
      return 0;
    }
    return withServices("cosign", async (services) => {
      const latest = await listSignedHeads(services, slug, {
        limit: 1,
        ...(size === undefined ? {} : { before: size + 1 }),
      });
      const head = latest.heads[0];
      if (!head || (size !== undefined && head.tree_size !== size))
        throw new DomainError(
          "not_found",
          `no signed tree head of size ${size ?? "(latest)"} in ${slug}`,
        );
      const signer = signerFromPem(keyPem);
      const statement: TreeHead = {
        process: head.process,
        tree_size: head.tree_size,
        root_hash: head.root_hash,
        timestamp: head.timestamp,
      };
      const { cosignature } = await cosignHead(
        services,
        slug,
        head.tree_size,
        {
          public_key: signer.publicKeyPem,
          signature: Buffer.from(signer.sign(statement)).toString("base64"),
        },
        cliPrincipal(),
      );
      save({ head, cosignature });
      process.stdout.write(
        `Co-signed ${slug} at size ${head.tree_size}, root ${head.root_hash}, as key ${cosignature.key_id}\n`,
      );
      return 0;
    });
  },
};
