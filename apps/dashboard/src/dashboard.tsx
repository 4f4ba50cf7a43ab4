'use client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { API_URL, api, storedKey, storeKey } from './api';
import { LiveStore, type LiveState } from './live';
import { AlertsView, BoardView, CallsView, EscalationsView, JourneysView, SyncView } from './views';

const VIEWS = [
  { id: 'board', label: 'Agent board' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'calls', label: 'Calls' },
  { id: 'journeys', label: 'IVR journeys' },
  { id: 'escalations', label: 'Escalations' },
  { id: 'sync', label: 'Salesforce sync' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

function useHashView(): [ViewId, (v: ViewId) => void] {
  const read = (): ViewId => {
    const id = typeof window === 'undefined' ? '' : window.location.hash.replace(/^#\/?/, '');
    return (VIEWS.find((v) => v.id === id)?.id ?? 'board') as ViewId;
  };
  const [view, setView] = useState<ViewId>('board');
  useEffect(() => {
    setView(read());
    const onHash = () => setView(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [view, (v) => (window.location.hash = `/${v}`)];
}

function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    setError(undefined);
    try {
      await api('/api/v1/me', {}, key.trim());
      storeKey(key.trim());
      onSignedIn(key.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : 'sign-in failed');
    }
  };
  return (
    <div className="signin card">
      <h1>Buddie</h1>
      <p className="muted">Sign in with an API key (the dev key printed by <code>npm start</code>, or one from <code>buddie keys create --scope read</code>).</p>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <input aria-label="API key" type="password" placeholder="bk_… or bdk_…" value={key} onChange={(e) => setKey(e.target.value)} autoFocus />
        <button className="primary" type="submit" disabled={!key.trim()}>Sign in</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

export function Dashboard() {
  const [key, setKey] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    setKey(storedKey());
    setLoaded(true);
  }, []);
  if (!loaded) return null;
  if (!key) return <SignIn onSignedIn={setKey} />;
  return <SignedIn apiKey={key} onSignOut={() => (storeKey(null), setKey(null))} />;
}

/** The gateway serves its OpenAPI document only where API_DOCS is on (locally by default, off in AWS): link to it only then. */
function ApiDocsLink() {
  const [served, setServed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(`${API_URL}/docs/openapi.json`, { method: 'HEAD' })
      .then((r) => live && setServed(r.ok))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return served ? (
    <a href={`${API_URL}/docs`} target="_blank" rel="noreferrer" data-testid="api-docs">
      API docs
    </a>
  ) : null;
}

function SignedIn({ apiKey, onSignOut }: { apiKey: string; onSignOut: () => void }) {
  const store = useMemo(() => new LiveStore(['agents', 'alerts', 'escalations', 'summaries', 'contacts', 'journeys', 'sync']), []);
  useEffect(() => {
    store.start(apiKey);
    return () => store.stop();
  }, [store, apiKey]);
  const state: LiveState = useSyncExternalStore(
    (l) => store.subscribeListener(l),
    () => store.state,
    () => store.state,
  );
  const [view, setView] = useHashView();
  const counts: Partial<Record<ViewId, number>> = { alerts: state.data.alerts.size, escalations: [...state.data.escalations.values()].filter((e) => e.status !== 'resolved').length };
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">Buddie</div>
        {VIEWS.map((v) => (
          <a key={v.id} href={`#/${v.id}`} className={view === v.id ? 'active' : ''} onClick={() => setView(v.id)}>
            {v.label}
            {counts[v.id] ? <span className={`badge ${v.id === 'alerts' ? 'red' : 'amber'}`}>{counts[v.id]}</span> : null}
          </a>
        ))}
        <div style={{ flex: 1 }} />
        <ApiDocsLink />
        <a href="#" onClick={(e) => (e.preventDefault(), onSignOut())}>Sign out</a>
      </nav>
      <main className="main">
        <div className="topbar">
          <h1>{VIEWS.find((v) => v.id === view)?.label}</h1>
          <span className="conn" data-testid="connection">
            <span className={`dot ${state.connected ? 'on' : ''}`} /> {state.connected ? 'live' : 'reconnecting…'}
          </span>
        </div>
        {view === 'board' && <BoardView state={state} />}
        {view === 'alerts' && <AlertsView state={state} />}
        {view === 'calls' && <CallsView state={state} />}
        {view === 'journeys' && <JourneysView state={state} />}
        {view === 'escalations' && <EscalationsView state={state} store={store} />}
        {view === 'sync' && <SyncView state={state} />}
      </main>
    </div>
  );
}
