import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { KINDS, kindByType } from "../../../src/domain/kinds/index.ts";
import { ApiError, type ApiRecord, getJson, PROCESS } from "../api.ts";
import { ActorName } from "../components/actors.tsx";
import { Failure, Loading } from "../components/status.tsx";
import {
  checkHeadSignature,
  type HeadStatement,
  KeyFileError,
  readCosignerKey,
  signHead,
} from "../ledger-crypto.ts";
import { setParams, useLocation } from "../router.tsx";
import { useSession, useViewer } from "../session.tsx";
import "./ledger.css";
import { valueLabel } from "../format.ts";

type Cosignature = {
  key_id: string;
  public_key: string;
  signature: string;
  signer: string;
  party: string | null;
  signed_at: string;
};

type SignedHead = HeadStatement & {
  key_id: string;
  signature: string;
  cosignatures: Cosignature[];
};

type HeadsPage = { heads: SignedHead[]; next_before: number | null };

type ServerKey = { key_id: string; public_key: string };

const HEADS_PER_PAGE = 10;
const ledgerUrl = (path: string) => `/api/processes/${PROCESS}/ledger/${path}`;

function useHeads(before: number | undefined, limit: number) {
  return useQuery({
    queryKey: ["ledger-heads", before ?? "latest", limit],
    queryFn: () =>
      getJson<HeadsPage>(
        ledgerUrl(`heads?limit=${limit}${before !== undefined ? `&before=${before}` : ""}`),
      ),
  });
}

function useServerKeys() {
  return useQuery({
    queryKey: ["server-keys"],
    queryFn: () => getJson<{ keys: ServerKey[] }>("/api/keys"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }).format(
    new Date(iso),
  );
}

function statementOf(head: SignedHead): HeadStatement {
  return {
    process: head.process,
    tree_size: head.tree_size,
    root_hash: head.root_hash,
    timestamp: head.timestamp,
  };
}

/**
 * A signature's standing as this browser checked it, in words (colour only repeats them). The
 * result is cached by the exact key, head and signature, so paging back and forth checks once.
 */
function SignatureCheck(props: {
  publicKey: string | undefined;
  head: HeadStatement;
  signature: string;
  keyId: string;
  keysLoaded: boolean;
}) {
  const { t } = useTranslation();
  const { publicKey, head, signature, keyId } = props;
  const check = useQuery({
    queryKey: ["signature-check", publicKey, head, signature, keyId],
    enabled: publicKey !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => checkHeadSignature(publicKey as string, head, signature, keyId),
  });
  if (publicKey === undefined) {
    return props.keysLoaded ? (
      <span className="check fails">{t("ledger.unknownKey")}</span>
    ) : (
      <span className="check">{t("ledger.checking")}</span>
    );
  }
  if (!check.data) return <span className="check">{t("ledger.checking")}</span>;
  const label =
    check.data === "verified"
      ? t("ledger.verified")
      : check.data === "fails"
        ? t("ledger.fails")
        : t("ledger.unsupported");
  return <span className={`check ${check.data}`}>{label}</span>;
}

/** The server's signature on a head, checked against the key /api/keys publishes under its id. */
function ServerSignature({ head }: { head: SignedHead }) {
  const keys = useServerKeys();
  const key = keys.data?.keys.find((k) => k.key_id === head.key_id);
  return (
    <SignatureCheck
      publicKey={key?.public_key}
      head={statementOf(head)}
      signature={head.signature}
      keyId={head.key_id}
      keysLoaded={keys.isSuccess}
    />
  );
}

function PartyName({ party }: { party: string | null }) {
  const { t } = useTranslation();
  return party ? <ActorName id={party} /> : t("ledger.noParty");
}

/** One co-signature: whose party first, so a reader scanning the table sees who stands behind a head. */
function CosignatureItem({ head, cosignature }: { head: SignedHead; cosignature: Cosignature }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="cosignature">
      <strong className="party">
        <PartyName party={cosignature.party} />
      </strong>{" "}
      <SignatureCheck
        publicKey={cosignature.public_key}
        head={statementOf(head)}
        signature={cosignature.signature}
        keyId={cosignature.key_id}
        keysLoaded
      />
      <br />
      <span className="muted">
        {t("ledger.keyId")} <code>{cosignature.key_id}</code> · {t("ledger.signer")}{" "}
        <code>{cosignature.signer}</code> ·{" "}
        <time dateTime={cosignature.signed_at}>
          {formatTime(cosignature.signed_at, i18n.language)}
        </time>
      </span>
    </li>
  );
}

function Cosignatures({ head }: { head: SignedHead }) {
  const { t } = useTranslation();
  if (head.cosignatures.length === 0) {
    return <span className="muted">{t("ledger.noCosignatures")}</span>;
  }
  return (
    <ul className="plain cosignatures">
      {head.cosignatures.map((c) => (
        <CosignatureItem key={`${c.key_id}-${c.signer}`} head={head} cosignature={c} />
      ))}
    </ul>
  );
}

/** The latest signed head in full: what the record holds now, and who vouches for it. */
function LatestHead({ head }: { head: SignedHead }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="head">
      <dt>{t("ledger.size")}</dt>
      <dd>{head.tree_size}</dd>
      <dt>{t("ledger.root")}</dt>
      <dd>
        <code>{head.root_hash}</code>
      </dd>
      <dt>{t("ledger.signedAt")}</dt>
      <dd>
        <time dateTime={head.timestamp}>{formatTime(head.timestamp, i18n.language)}</time>{" "}
        <span className="muted">({head.timestamp})</span>
      </dd>
      <dt>{t("ledger.serverKey")}</dt>
      <dd>
        <code>{head.key_id}</code> (Ed25519)
      </dd>
      <dt>{t("ledger.serverSignature")}</dt>
      <dd>
        <code className="signature">{head.signature}</code> <ServerSignature head={head} />
      </dd>
      <dt>{t("ledger.cosignedBy")}</dt>
      <dd>
        <Cosignatures head={head} />
      </dd>
    </dl>
  );
}

/** The signed heads, newest first, one row each with the server's signature and every co-signature. */
function HeadsTable(props: {
  heads: SignedHead[];
  canCosign: boolean;
  onCosign: (head: SignedHead) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="records heads">
        <caption>{t("ledger.headsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ledger.size")}</th>
            <th scope="col">{t("ledger.signedAt")}</th>
            <th scope="col">{t("ledger.root")}</th>
            <th scope="col">{t("ledger.serverSignature")}</th>
            <th scope="col">{t("ledger.cosignatures")}</th>
          </tr>
        </thead>
        <tbody>
          {props.heads.map((head) => (
            <tr key={head.tree_size}>
              <th scope="row">{head.tree_size}</th>
              <td>
                <time dateTime={head.timestamp}>{formatTime(head.timestamp, i18n.language)}</time>
              </td>
              <td>
                <code className="hash">{head.root_hash}</code>
              </td>
              <td>
                <code>{head.key_id}</code>
                <br />
                <ServerSignature head={head} />
              </td>
              <td>
                <Cosignatures head={head} />
                {props.canCosign ? (
                  <button
                    type="button"
                    className="link cosign-this"
                    onClick={() => props.onCosign(head)}
                    aria-label={`${t("ledger.cosignThis")}: ${head.tree_size}`}
                  >
                    {t("ledger.cosignThis")}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type CosignOutcome =
  | { kind: "done"; size: number; keyId: string; already: boolean }
  | { kind: "error"; message: string };

/**
 * Co-signing in the browser: the key file is read here, imported into WebCrypto, and used to sign
 * the head's canonical JSON; only the public key and the signature go to the server.
 */
function CosignForm({ head, inputId }: { head: SignedHead; inputId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CosignOutcome | undefined>();

  const explain = (error: unknown): string => {
    if (error instanceof KeyFileError) {
      return {
        not_pem: t("ledger.errNotPem"),
        public_key: t("ledger.errPublicKey"),
        not_ed25519: t("ledger.errNotEd25519"),
        too_large: t("ledger.errTooLarge"),
        unsupported: t("ledger.errUnsupported"),
      }[error.code];
    }
    if (error instanceof ApiError) {
      if (error.status === 401) return t("ledger.errUnauthorized");
      if (error.status === 403) return t("ledger.errForbidden");
      return t("ledger.errRefused", { message: error.message });
    }
    return t("ledger.errRefused", { message: error instanceof Error ? error.message : "" });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setOutcome({ kind: "error", message: t("ledger.errNoFile") });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      // Blob.text() reads the file in the page, like FileReader; nothing about it is uploaded.
      const key = await readCosignerKey(await chosen.text());
      const signature = await signHead(key.privateKey, statementOf(head));
      await getJson(ledgerUrl(`heads/${head.tree_size}/cosignatures`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ public_key: key.publicKeyPem, signature }),
      });
      setOutcome({
        kind: "done",
        size: head.tree_size,
        keyId: key.keyId,
        already: head.cosignatures.some((c) => c.key_id === key.keyId),
      });
      if (file.current) file.current.value = "";
      await client.invalidateQueries({ queryKey: ["ledger-heads"] });
    } catch (error) {
      setOutcome({ kind: "error", message: explain(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="cosign" onSubmit={submit} aria-labelledby="cosign-title">
      <h3 id="cosign-title">{t("ledger.cosignTitle")}</h3>
      <p>
        <Trans i18nKey="ledger.cosignIntro" components={[<code key="command" />]} />
      </p>
      <p>
        <strong>
          {t("ledger.cosignTarget", {
            size: head.tree_size,
            time: formatTime(head.timestamp, i18n.language),
          })}
        </strong>
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t("ledger.keyFile")}</label>
        <input
          id={inputId}
          ref={file}
          type="file"
          accept=".pem,.key,application/x-pem-file,text/plain"
          onChange={() => setOutcome(undefined)}
        />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t("ledger.cosigning") : t("ledger.cosign")}
      </button>
      {outcome?.kind === "done" ? (
        <p role="status" className="done">
          {t(outcome.already ? "ledger.alreadyCosigned" : "ledger.cosigned", {
            size: outcome.size,
            keyId: outcome.keyId,
          })}
        </p>
      ) : null}
      {outcome?.kind === "error" ? (
        <p role="alert" className="error">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}

/** The latest entries, newest first; an entry the reader may not see keeps only its place and hash. */
function RecentEntries({ size, selected }: { size: number; selected: string | null }) {
  const { t, i18n } = useTranslation();
  const entries = useQuery({
    queryKey: ["ledger-entries", size],
    queryFn: () =>
      getJson<{ entries: ApiRecord[] }>(
        ledgerUrl(`entries?from=${Math.max(0, size - 20)}&limit=20`),
      ),
  });
  if (entries.isLoading) return <Loading />;
  if (entries.error) return <Failure error={entries.error} />;
  return (
    <div className="table-scroll">
      <table className="records entries">
        <caption>{t("ledger.recentCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ledger.seq")}</th>
            <th scope="col">{t("ledger.time")}</th>
            <th scope="col">{t("ledger.action")}</th>
            <th scope="col">{t("common.kind")}</th>
            <th scope="col">{t("ledger.record")}</th>
            <th scope="col">{t("ledger.leafHash")}</th>
          </tr>
        </thead>
        <tbody>
          {[...(entries.data?.entries ?? [])].reverse().map((e) =>
            e.redacted ? (
              <tr key={String(e.seq)} className="hidden-entry">
                <th scope="row">{String(e.seq)}</th>
                <td colSpan={4}>
                  <em>{t("ledger.hidden")}</em>
                </td>
                <td>
                  <code className="hash">{String(e.leaf_hash)}</code>
                </td>
              </tr>
            ) : (
              <tr key={String(e.seq)} aria-selected={selected === e.record_id}>
                <th scope="row">{String(e.seq)}</th>
                <td>
                  <time dateTime={String(e.at)}>{formatTime(String(e.at), i18n.language)}</time>
                </td>
                <td>{valueLabel(t)(e.action)}</td>
                <td>{valueLabel(t)(e.record_type)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      setParams({ record: String(e.record_id), type: String(e.record_type) })
                    }
                  >
                    <code>{String(e.record_id)}</code>
                  </button>
                </td>
                <td>
                  <code className="hash">{String(e.leaf_hash)}</code>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Any record's history by kind and id, for records not among the recent entries. */
function HistoryLookup() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const [type, setType] = useState(params.get("type") ?? "incident");
  const [id, setId] = useState(params.get("record") ?? "");
  return (
    <form
      className="filters lookup"
      aria-labelledby="lookup-title"
      onSubmit={(event) => {
        event.preventDefault();
        setParams({ record: id.trim(), type });
      }}
    >
      <h2 id="lookup-title">{t("ledger.lookup")}</h2>
      <div className="field">
        <label htmlFor="lookup-kind">{t("common.kind")}</label>
        <select id="lookup-kind" value={type} onChange={(event) => setType(event.target.value)}>
          {KINDS.map((kind) => (
            <option key={kind.type} value={kind.type}>
              {kind.type}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lookup-id">{t("ledger.recordId")}</label>
        <input
          id="lookup-id"
          value={id}
          required
          maxLength={200}
          onChange={(event) => setId(event.target.value)}
        />
      </div>
      <button type="submit">{t("ledger.showHistory")}</button>
    </form>
  );
}

/** Every ledger entry about one record: its whole history, oldest first. */
function RecordHistory({ id, type }: { id: string; type: string }) {
  const { t, i18n } = useTranslation();
  const path = kindByType(type)?.path;
  const history = useQuery({
    queryKey: ["history", type, id],
    enabled: path !== undefined,
    queryFn: () =>
      getJson<{ entries: ApiRecord[] }>(
        `/api/processes/${PROCESS}/${path}/${encodeURIComponent(id)}/history`,
      ),
  });
  return (
    <section aria-labelledby="history">
      <h2 id="history">
        {t("ledger.history")}: <code>{id}</code>
      </h2>
      {history.isLoading ? <Loading /> : history.error ? <Failure error={history.error} /> : null}
      <ol className="history">
        {(history.data?.entries ?? []).map((entry) => (
          <li key={String(entry.seq)}>
            <strong>{valueLabel(t)(entry.action)}</strong> ·{" "}
            <time dateTime={String(entry.at)}>{formatTime(String(entry.at), i18n.language)}</time> ·{" "}
            {String(entry.principal)} · #{String(entry.seq)}
            <details>
              <summary>{t("ledger.content")}</summary>
              <pre>{JSON.stringify(entry.content, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function LedgerPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const session = useSession();
  const viewer = useViewer();
  const inputId = useId();
  const beforeParam = params.get("before");
  const before = beforeParam && /^\d+$/.test(beforeParam) ? Number(beforeParam) : undefined;
  const latest = useHeads(undefined, 1);
  const page = useHeads(before, HEADS_PER_PAGE);
  const [target, setTarget] = useState<number | undefined>();
  // Only members may co-sign (the server answers 401 or 403 otherwise), so only they see the form.
  const canCosign = Boolean(session?.user) && viewer.role !== "public";
  const head = latest.data?.heads[0];
  const cosignHead =
    (target !== undefined
      ? [...(page.data?.heads ?? []), ...(latest.data?.heads ?? [])].find(
          (h) => h.tree_size === target,
        )
      : undefined) ?? head;

  const chooseHead = (chosen: SignedHead) => {
    setTarget(chosen.tree_size);
    // The form is above the table: take the keyboard there, ready to pick the key file.
    const input = document.getElementById(inputId);
    input?.scrollIntoView({ block: "center" });
    input?.focus();
  };

  return (
    <div className="ledger">
      <h1>{t("ledger.title")}</h1>
      <p className="muted">{t("ledger.verifyNote")}</p>
      <section aria-labelledby="head">
        <h2 id="head">{t("ledger.head")}</h2>
        {latest.isLoading ? (
          <Loading />
        ) : latest.error ? (
          <Failure error={latest.error} />
        ) : head ? (
          <LatestHead head={head} />
        ) : (
          <p>{t("ledger.noHeads")}</p>
        )}
        {cosignHead && canCosign ? <CosignForm head={cosignHead} inputId={inputId} /> : null}
        {cosignHead && session && !session.user ? (
          <p className="muted">{t("ledger.signInToCosign")}</p>
        ) : null}
      </section>
      <section aria-labelledby="heads">
        <h2 id="heads">{t("ledger.heads")}</h2>
        {page.isLoading ? (
          <Loading />
        ) : page.error ? (
          <Failure error={page.error} />
        ) : (
          <>
            <HeadsTable
              heads={page.data?.heads ?? []}
              canCosign={canCosign}
              onCosign={chooseHead}
            />
            <nav className="pager" aria-label={t("ledger.heads")}>
              {before !== undefined ? (
                <button type="button" onClick={() => setParams({ before: undefined })}>
                  {t("ledger.newest")}
                </button>
              ) : null}
              {page.data?.next_before !== null && page.data?.next_before !== undefined ? (
                <button
                  type="button"
                  onClick={() => setParams({ before: String(page.data?.next_before) })}
                >
                  {t("ledger.older")}
                </button>
              ) : null}
            </nav>
          </>
        )}
      </section>
      <section aria-labelledby="recent">
        <h2 id="recent">{t("ledger.recent")}</h2>
        {head ? <RecentEntries size={head.tree_size} selected={params.get("record")} /> : null}
      </section>
      <section aria-labelledby="lookup-title">
        <HistoryLookup />
      </section>
      {params.get("record") ? (
        <RecordHistory id={String(params.get("record"))} type={String(params.get("type"))} />
      ) : null}
    </div>
  );
}
