import { useCallback, useEffect, useState } from "preact/hooks";
import { api, forgetKey, type Schemas, setUnauthorizedHandler, storedKey, storedProfile, storeKey, storeProfile, unwrap } from "./api/client";
import type { UnitSystem } from "./lib/format";
import { DataIn } from "./pages/DataIn";
import { Days } from "./pages/Days";
import { Projections } from "./pages/Projections";
import { Training } from "./pages/Training";
import { Workouts } from "./pages/Workouts";

export interface Profile {
  user: Schemas["User"];
  zone: string;
  units: UnitSystem;
}

/** `unit_system` arrives with the profile's units field; until then (or when unset) everything is metric. */
function unitsOf(user: Schemas["User"]): UnitSystem {
  const units = (user as { unit_system?: unknown }).unit_system;
  return units === "imperial" ? "imperial" : "metric";
}

const PAGES = [
  { id: "days", label: "Days" },
  { id: "projections", label: "Projections" },
  { id: "workouts", label: "Workouts" },
  { id: "training", label: "Training" },
  { id: "data", label: "Data in" },
] as const;

export type PageId = (typeof PAGES)[number]["id"];

export interface Route {
  page: PageId;
  /** The rest of the hash after the page: a workout id, a date. */
  rest: string;
  params: URLSearchParams;
}

function parseHash(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  const [page, ...rest] = path.split("/");
  const known = PAGES.find((p) => p.id === page);
  return { page: known?.id ?? "days", rest: rest.join("/"), params: new URLSearchParams(query) };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

function profileOf(user: Schemas["User"]): Profile {
  return { user, zone: user.time_zone, units: unitsOf(user) };
}

function cachedProfile(): Profile | null {
  const user = storedKey() === null ? null : storedProfile();
  return user === null ? null : profileOf(user);
}

export function App() {
  const [profile, setProfile] = useState<Profile | null>(cachedProfile);
  const [checking, setChecking] = useState(() => storedKey() !== null && profile === null);
  const route = useRoute();

  const signOut = useCallback(() => {
    forgetKey();
    setProfile(null);
    setChecking(false);
  }, []);

  const loadProfile = useCallback(async () => {
    const user = await unwrap(api.GET("/v1/me"));
    storeProfile(user);
    setProfile(profileOf(user));
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    if (storedKey() === null) return;
    loadProfile()
      .catch(() => signOut())
      .finally(() => setChecking(false));
  }, [signOut, loadProfile]);

  if (checking) return <p class="loading">Checking your key…</p>;
  if (!profile) return <SignIn onSignedIn={loadProfile} />;

  return (
    <div class="shell">
      <header class="top">
        <span class="brand">wearsync</span>
        <nav aria-label="Dashboard">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={route.page === p.id ? "page" : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          <span class="email">{profile.user.email}</span> · {profile.zone}
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </span>
      </header>
      {/* Keyed by the query: a link to other dates on the page already shown starts it from those dates. */}
      <main id="main" key={`${route.page}?${route.params.toString()}`}>
        {route.page === "days" && <Days profile={profile} route={route} />}
        {route.page === "projections" && <Projections profile={profile} route={route} />}
        {route.page === "workouts" && <Workouts profile={profile} route={route} />}
        {route.page === "training" && <Training profile={profile} route={route} />}
        {route.page === "data" && <DataIn profile={profile} />}
      </main>
    </div>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    storeKey(key.trim());
    try {
      await onSignedIn();
    } catch {
      forgetKey();
      setError("That key was not accepted. Check it, or create one with `npm run cli -- user create`.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <h1>wearsync</h1>
      <p>Your deficit, projections and intervals, from your own server.</p>
      <form onSubmit={submit} aria-describedby={error ? "signin-error" : undefined}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          required
          placeholder="wsk_…"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <p class="hint">Kept for this browser session only; signing out forgets it.</p>
        <button type="submit" disabled={busy || key.trim() === ""}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        {error && (
          <p id="signin-error" class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
