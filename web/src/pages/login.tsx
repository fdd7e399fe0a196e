import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.ts";
import { navigate, useLocation } from "../router.tsx";
import { useSession, useSignIn } from "../session.tsx";

/** Only paths of this app: a `next` that leads elsewhere is ignored. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      navigate(safeNext(params.get("next")));
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? t("session.wrong")
          : failure instanceof ApiError && failure.status === 429
            ? t("session.tooMany", {
                seconds: Number((failure.problem as { retry_after?: number }).retry_after ?? 60),
              })
            : t("common.error"),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="login-title" className="login">
      <h1 id="login-title">{t("session.title")}</h1>
      {session?.user ? (
        <p role="status">{t("session.already", { email: session.user.email })}</p>
      ) : null}
      <p className="muted">{t("session.intro")}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p>
          <label htmlFor="login-email">{t("session.email")}</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </p>
        <p>
          <label htmlFor="login-password">{t("session.password")}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t("session.signIn")}
        </button>
      </form>
    </section>
  );
}
