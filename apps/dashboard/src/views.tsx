'use client';
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Page, type Rec } from './api';
import type { LiveState, LiveStore } from './live';

const s = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const obj = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const COLORS = ['#2fbf71', '#f0a431', '#4c8dff', '#9b7cff', '#e5484d', '#8b96ad', '#31c4c4'];

function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function elapsed(since: string, now: number): string {
  const t = Date.parse(since);
  if (Number.isNaN(t)) return '';
  const sec = Math.max(0, Math.floor((now - t) / 1000));
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const ss = String(sec % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One shape for an agent whether the record is the stored item, the domain view or an event detail. */
export function agentOf(r: Rec) {
  // Stored items nest the view; AgentStateChanged details are the view itself.
  const view = r.view ? obj(r.view) : r;
  const status = obj(view.status ?? (typeof r.status === 'object' ? r.status : undefined));
  return {
    id: s(r.agentId),
    name: s(view.name) || s(r.name) || s(r.username) || s(view.username) || s(r.agentId),
    status: s(r.statusName) || s(status.name) || s(r.status) || 'Unknown',
    activity: s(r.activity) || s(view.activity),
    // A flat status newer than the nested view (a delta that carries only statusName) dates from its own event.
    since:
      s(r.statusName) && s(status.name) && s(r.statusName) !== s(status.name)
        ? s(r.statusSince) || s(r.lastEventAt) || s(r.occurredAt)
        : s(status.since) || s(r.statusSince) || s(view.activitySince) || s(r.activitySince) || s(r.lastEventAt) || s(r.occurredAt),
    queues: arr(r.queueNames).map((q) => s(q)).filter(Boolean).length ? arr(r.queueNames).map((q) => s(q)) : arr(view.queues).map((q) => s(obj(q).name)).filter(Boolean),
    routingProfile: s(r.routingProfileName) || s(obj(view.routingProfile).name),
    alerting: r.alerting === true || Number(r.openAlerts ?? 0) > 0,
  };
}

export function BoardView({ state }: { state: LiveState }) {
  const now = useNow();
  const [queue, setQueue] = useState(() => (typeof window === 'undefined' ? '' : (localStorage.getItem('buddie.board.queue') ?? '')));
  const [profile, setProfile] = useState(() => (typeof window === 'undefined' ? '' : (localStorage.getItem('buddie.board.profile') ?? '')));
  useEffect(() => localStorage.setItem('buddie.board.queue', queue), [queue]);
  useEffect(() => localStorage.setItem('buddie.board.profile', profile), [profile]);
  const alertingAgents = new Set([...state.data.alerts.values()].map((a) => s(a.agentId)));
  const agents = [...state.data.agents.values()].map(agentOf).map((a) => ({ ...a, alerting: a.alerting || alertingAgents.has(a.id) }));
  const queues = [...new Set(agents.flatMap((a) => a.queues))].sort();
  const profiles = [...new Set(agents.map((a) => a.routingProfile).filter(Boolean))].sort();
  const shown = agents
    .filter((a) => (!queue || a.queues.includes(queue)) && (!profile || a.routingProfile === profile))
    .sort((a, b) => Number(b.alerting) - Number(a.alerting) || a.name.localeCompare(b.name));
  const byStatus = Object.entries(shown.reduce<Record<string, number>>((acc, a) => ((acc[a.status] = (acc[a.status] ?? 0) + 1), acc), {})).map(([name, value]) => ({ name, value }));
  return (
    <>
      <div className="row">
        <div className="panel" style={{ flex: '1 1 300px' }}>
          <h2>Filters</h2>
          <div className="row">
            <select aria-label="Queue" value={queue} onChange={(e) => setQueue(e.target.value)}>
              <option value="">All queues</option>
              {queues.map((q) => <option key={q}>{q}</option>)}
            </select>
            <select aria-label="Routing profile" value={profile} onChange={(e) => setProfile(e.target.value)}>
              <option value="">All routing profiles</option>
              {profiles.map((p) => <option key={p}>{p}</option>)}
            </select>
          </div>
          <p className="muted">{shown.length} agents · {shown.filter((a) => a.alerting).length} alerting</p>
        </div>
        <div className="panel" style={{ flex: '1 1 300px', height: 170 }}>
          <h2>By status</h2>
          <ResponsiveContainer width="100%" height={120}>
            <PieChart>
              <Pie data={byStatus} dataKey="value" nameKey="name" innerRadius={30} outerRadius={55} isAnimationActive={false}>
                {byStatus.map((_, i) => <Cell key={i} fill={COLORS[i % COLORS.length]} />)}
              </Pie>
              <Tooltip />
            </PieChart>
          </ResponsiveContainer>
        </div>
      </div>
      {shown.length === 0 && <p className="muted">No agents yet: they appear as soon as the agent event stream reports them.</p>}
      <div className="grid">
        {shown.map((a) => (
          <div key={a.id} className={`card agent ${a.alerting ? 'alerting' : ''}`} data-testid={`agent-${a.id}`}>
            <div className="name">{a.name}</div>
            <div className="status">
              <span className={a.status === 'Available' ? 's-Available' : a.status === 'Offline' ? 's-Offline' : 's-other'} data-testid="agent-status">{a.status}</span>
              <span className="timer" title="time in state">{elapsed(a.since, now)}</span>
            </div>
            <div className="meta">{a.activity || '—'} · {a.routingProfile || 'no profile'}</div>
            {a.alerting && <div className="meta"><span className="badge red">alert</span></div>}
          </div>
        ))}
      </div>
    </>
  );
}

export function AlertsView({ state }: { state: LiveState }) {
  const now = useNow();
  const alerts = [...state.data.alerts.values()].sort((a, b) => s(b.raisedAt).localeCompare(s(a.raisedAt)));
  const names = new Map([...state.data.agents.values()].map((a) => [s(a.agentId), agentOf(a).name]));
  return (
    <div className="panel">
      <h2>Open alerts ({alerts.length})</h2>
      {alerts.length === 0 && <p className="muted" data-testid="no-alerts">No open alerts.</p>}
      {alerts.map((a) => (
        <div className="alert-item" key={s(a.id) || s(a.alertId)} data-testid={`alert-${s(a.id) || s(a.alertId)}`}>
          <span className={`badge ${a.severity === 'critical' ? 'red' : 'amber'}`}>{s(a.severity, 'warning')}</span>
          <strong>{names.get(s(a.agentId)) ?? s(a.agentId)}</strong>
          <span>{s(a.message) || s(a.ruleId)}</span>
          <span className="muted" style={{ marginLeft: 'auto' }}>{elapsed(s(a.startedAt) || s(a.raisedAt), now)}</span>
        </div>
      ))}
    </div>
  );
}

function Transcript({ summary }: { summary: Rec }) {
  const transcript = obj(summary.redactedTranscript ?? summary.transcript);
  const lines = arr(transcript.segments ?? transcript.turns ?? summary.redactedTranscript ?? summary.transcript);
  if (lines.length === 0) return <p className="muted">No transcript kept for this contact.</p>;
  return (
    <div className="transcript">
      {lines.map((l, i) => {
        const line = obj(l);
        return <p key={i}><strong>{s(line.speaker) || s(line.participant) || s(line.role)}:</strong> {s(line.text) || s(line.content) || s(l)}</p>;
      })}
    </div>
  );
}

const OUTCOME_BADGE: Record<string, string> = { contained: 'green', 'routed-to-agent': 'green', 'abandoned-in-ivr': 'amber', 'abandoned-in-queue': 'amber', failed: 'red', 'in-progress': '' };
const secs = (ms: unknown): string => (typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : '—');

function JourneyTimeline({ contactId, version }: { contactId: string; version?: unknown }) {
  const [journey, setJourney] = useState<Rec | null | undefined>();
  useEffect(() => {
    setJourney(undefined);
    api<Rec>(`/api/v1/journeys/${encodeURIComponent(contactId)}`).then(setJourney, () => setJourney(null));
  }, [contactId, version]);
  if (journey === undefined) return <p className="muted">Loading journey…</p>;
  if (journey === null) return <p className="muted">No IVR journey recorded for this contact.</p>;
  const steps = arr(journey.steps).map(obj);
  const failures = arr(journey.failures).map(obj);
  const failuresAt = new Map<number, Rec[]>();
  for (const f of failures) if (typeof f.stepIndex === 'number') failuresAt.set(f.stepIndex, [...(failuresAt.get(f.stepIndex) ?? []), f]);
  return (
    <div data-testid="journey-timeline">
      <p>
        <span className={`badge ${OUTCOME_BADGE[s(journey.outcome)] ?? ''}`} data-testid="journey-outcome">{s(journey.outcome)}</span>{' '}
        <span className="muted">{s(journey.flowOutcome)} · {s(journey.entryFlowName, 'no flow log')} · IVR {secs(journey.ivrMs)}{journey.queueMs != null ? ` · queue ${secs(journey.queueMs)}` : ''}</span>
      </p>
      {failures.length > 0 && (
        <ul className="failures" data-testid="journey-failures">
          {failures.map((f, i) => <li key={i} className="error"><strong>{s(f.kind)}</strong> at {s(f.stepLabel, 'the journey')}: {s(f.reason)}</li>)}
        </ul>
      )}
      <ul className="timeline">
        {steps.map((step, i) => {
          const at = failuresAt.get(typeof step.index === 'number' ? step.index : i) ?? [];
          const bad = at.length > 0 || (step.status !== 'ok' && step.status !== undefined);
          const input = obj(step.input);
          return (
            <li key={i} className={bad ? 'failed' : ''} data-testid={`journey-step-${i}`}>
              <strong>{s(step.label) || s(step.moduleType)}</strong> <span className="muted">{s(step.startedAt).slice(11, 23)} · {secs(step.durationMs)}{step.flowDepth ? ` · ${s(step.flowName)}` : ''}</span>
              {step.status !== 'ok' && step.status !== undefined && <> <span className="badge amber">{s(step.status)}</span></>}
              {input.value !== undefined && <div className="muted">pressed {s(input.value)}{input.masked ? ' (masked)' : ''}</div>}
              {at.map((f, j) => <div key={j} className="error">{s(f.reason)}</div>)}
            </li>
          );
        })}
      </ul>
      {arr(journey.escalations).length > 0 && <p className="muted">Escalations: {arr(journey.escalations).map((e) => `${s(obj(e).cause)} (${s(obj(e).status)})`).join(', ')}</p>}
    </div>
  );
}

function SummaryDetail({ contactId }: { contactId: string }) {
  const [summary, setSummary] = useState<Rec | null | undefined>();
  useEffect(() => {
    setSummary(undefined);
    api<Rec>(`/api/v1/contacts/${encodeURIComponent(contactId)}/summary`).then(setSummary, () => setSummary(null));
  }, [contactId]);
  return (
    <div className="panel" data-testid="summary-detail">
      <h2>Contact {contactId}</h2>
      {summary === undefined && <p className="muted">Loading summary…</p>}
      {summary === null && <p className="muted">No summary yet for this contact.</p>}
      {summary && (
        <>
          <h3 data-testid="summary-headline">{s(summary.headline)}</h3>
          <p><span className="muted">Reason:</span> {s(summary.reason)}</p>
          <p>
            <span className="muted">Outcome:</span> <span className={`badge ${summary.outcome === 'resolved' ? 'green' : 'amber'}`}>{s(summary.outcome)}</span>{' '}
            <span className="muted">Sentiment:</span> {s(obj(summary.sentiment).start)} → {s(obj(summary.sentiment).end)}
          </p>
          <p className="muted">Actions taken</p>
          <ul>{arr(summary.actionsTaken).map((a, i) => <li key={i}>{s(a)}</li>)}</ul>
          {arr(summary.followUps).length > 0 && (
            <>
              <p className="muted">Follow-ups</p>
              <ul>{arr(summary.followUps).map((f, i) => <li key={i}>{s(obj(f).action)} <span className="muted">({s(obj(f).owner)})</span></li>)}</ul>
            </>
          )}
          <p className="muted">Transcript (PII redacted)</p>
          <Transcript summary={summary} />
        </>
      )}
      <h3>IVR journey</h3>
      <JourneyTimeline contactId={contactId} />
    </div>
  );
}

export function CallsView({ state }: { state: LiveState }) {
  const [search, setSearch] = useState('');
  const [contacts, setContacts] = useState<Rec[]>([]);
  const [selected, setSelected] = useState<string | undefined>();
  const liveCount = state.data.contacts.size + state.data.summaries.size;
  useEffect(() => {
    api<Page<Rec>>('/api/v1/contacts?limit=100').then((p) => setContacts(p.items), () => undefined);
  }, [liveCount]);
  const summaries = state.data.summaries;
  const q = search.trim().toLowerCase();
  const rows = contacts.filter((c) => !q || [c.contactId, c.agentUsername, c.queueName, c.channel, summaries.get(s(c.contactId))?.headline].some((v) => s(v).toLowerCase().includes(q)));
  return (
    <div className="split">
      <div className="panel">
        <input aria-label="Search calls" placeholder="Search contact, agent, queue, headline…" value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: '100%', marginBottom: 10 }} />
        <table>
          <thead><tr><th>Started</th><th>Channel</th><th>Agent</th><th>Queue</th><th>Summary</th></tr></thead>
          <tbody>
            {rows.map((c) => (
              <tr key={s(c.contactId)} className={`click ${selected === c.contactId ? 'selected' : ''}`} onClick={() => setSelected(s(c.contactId))} data-testid={`call-${s(c.contactId)}`}>
                <td>{s(c.initiationTimestamp).replace('T', ' ').slice(0, 19)}</td>
                <td>{s(c.channel)}</td>
                <td>{s(c.agentUsername, '—')}</td>
                <td>{s(c.queueName, '—')}</td>
                <td>{s(summaries.get(s(c.contactId))?.headline, obj(c.pipeline).summarized ? 'summarized' : '…')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No calls yet.</p>}
      </div>
      {selected ? <SummaryDetail contactId={selected} /> : <div className="panel muted">Pick a call to see its summary and journey.</div>}
    </div>
  );
}

type Waterfall = { key: string; label: string; reached: number; advanced: number; transferred: number; disconnected: number; timedOut: number; noMatch: number; errors: number; avgMs: number | null };
type Stats = { contacts: number; containmentRate: number; trueContainmentRate: number; ivrAbandonmentRate: number; failed: number; topFailureSteps: { label: string; kind: string; count: number }[] };
type Analytics = { journeys: number; totals: Stats; byFlow: { flowName: string; totals: Stats; waterfall: Waterfall[] }[] };
const pct = (v: number | undefined): string => `${Math.round((v ?? 0) * 100)}%`;

export function JourneysView({ state }: { state: LiveState }) {
  const [analytics, setAnalytics] = useState<Analytics>();
  const [flow, setFlow] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const liveCount = state.data.journeys.size + [...state.data.journeys.values()].reduce((n, j) => n + (typeof j.version === 'number' ? j.version : 0), 0);
  useEffect(() => {
    const t = setTimeout(() => api<Analytics>('/api/v1/journeys/analytics?bucket=hour').then(setAnalytics, () => undefined), 300);
    return () => clearTimeout(t);
  }, [liveCount]);
  const journeys = [...state.data.journeys.values()].sort((a, b) => s(b.startedAt).localeCompare(s(a.startedAt))).slice(0, 100);
  const current = analytics?.byFlow.find((f) => f.flowName === flow) ?? analytics?.byFlow[0];
  const totals = analytics?.totals;
  return (
    <>
      <div className="panel" data-testid="journey-stats">
        <h2>IVR journeys, last 24 h ({analytics?.journeys ?? 0})</h2>
        <p>
          Containment <strong>{pct(totals?.containmentRate)}</strong> · true containment <strong>{pct(totals?.trueContainmentRate)}</strong> · abandoned in IVR <strong>{pct(totals?.ivrAbandonmentRate)}</strong> · failed <strong>{totals?.failed ?? 0}</strong>
        </p>
        {totals && totals.topFailureSteps.length > 0 && <p className="muted">Top failure steps: {totals.topFailureSteps.slice(0, 3).map((f) => `${f.label} (${f.kind}, ${f.count})`).join(' · ')}</p>}
      </div>
      <div className="panel" style={{ height: 380 }} data-testid="flow-funnel">
        <h2>
          Flow funnel{' '}
          <select aria-label="Flow" value={current?.flowName ?? ''} onChange={(e) => setFlow(e.target.value)}>
            {analytics?.byFlow.map((f) => <option key={f.flowName} value={f.flowName}>{f.flowName} ({f.totals.contacts})</option>)}
          </select>
        </h2>
        <ResponsiveContainer width="100%" height={310}>
          <BarChart data={(current?.waterfall ?? []).slice(0, 15)} layout="vertical" margin={{ left: 40 }}>
            <CartesianGrid stroke="#2a3449" horizontal={false} />
            <XAxis type="number" stroke="#8b96ad" />
            <YAxis type="category" dataKey="label" width={220} stroke="#8b96ad" />
            <Tooltip />
            <Bar dataKey="reached" fill="#4c8dff" isAnimationActive={false} />
            <Bar dataKey="advanced" fill="#2fbf71" isAnimationActive={false} />
            <Bar dataKey="timedOut" fill="#f0a431" isAnimationActive={false} />
            <Bar dataKey="noMatch" fill="#9b7cff" isAnimationActive={false} />
            <Bar dataKey="disconnected" fill="#e5484d" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="split">
        <div className="panel">
          <h2>Recent journeys</h2>
          <table>
            <tbody>
              {journeys.map((j) => (
                <tr key={s(j.contactId)} className={`click ${selected === j.contactId ? 'selected' : ''}`} onClick={() => setSelected(s(j.contactId))} data-testid={`journey-${s(j.contactId)}`}>
                  <td>{s(j.startedAt).replace('T', ' ').slice(0, 19)}</td>
                  <td>{s(j.entryFlowName, '—')}</td>
                  <td><span className={`badge ${OUTCOME_BADGE[s(j.outcome)] ?? ''}`}>{s(j.outcome)}</span></td>
                  <td>{j.failed === true || arr(j.failures).length ? <span className="badge red">failure</span> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {journeys.length === 0 && <p className="muted">No journeys recorded yet.</p>}
        </div>
        <div className="panel">{selected ? <JourneyTimeline contactId={selected} version={state.data.journeys.get(selected)?.version} /> : <p className="muted">Pick a journey to see its timeline.</p>}</div>
      </div>
    </>
  );
}

export function EscalationsView({ state, store }: { state: LiveState; store: LiveStore }) {
  const [error, setError] = useState<string>();
  const items = useMemo(() => [...state.data.escalations.values()].filter((e) => e.status !== 'resolved').sort((a, b) => s(b.createdAt).localeCompare(s(a.createdAt))), [state]);
  const act = async (id: string, action: 'acknowledge' | 'resolve') => {
    setError(undefined);
    try {
      store.upsert('escalations', await api<Rec>(`/api/v1/escalations/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: '{}' }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="panel">
      {error && <p className="error" role="alert">{error}</p>}
      <table>
        <thead><tr><th>Created</th><th>Severity</th><th>Reason</th><th>Contact / agent</th><th>Status</th><th /></tr></thead>
        <tbody>
          {items.map((e) => (
            <tr key={s(e.escalationId)} data-testid={`escalation-${s(e.escalationId)}`}>
              <td>{s(e.createdAt).replace('T', ' ').slice(0, 19)}</td>
              <td><span className={`badge ${e.severity === 'high' || e.severity === 'critical' ? 'red' : 'amber'}`}>{s(e.severity, 'normal')}</span></td>
              <td>{arr(e.reasons).map((r) => s(r)).join(' ') || s(e.cause)} <span className="muted">({s(e.cause)})</span></td>
              <td>{s(e.contactId) || s(e.agentId)}</td>
              <td data-testid="escalation-status">{s(e.status)}</td>
              <td>
                <button disabled={e.status !== 'open'} onClick={() => void act(s(e.escalationId), 'acknowledge')}>Acknowledge</button>{' '}
                <button onClick={() => void act(s(e.escalationId), 'resolve')}>Resolve</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p className="muted">The escalation queue is empty.</p>}
    </div>
  );
}

export function SyncView({ state }: { state: LiveState }) {
  const [rows, setRows] = useState<Rec[]>([]);
  const liveCount = state.data.sync.size + state.data.summaries.size;
  useEffect(() => {
    api<Page<Rec>>('/api/v1/sync-status?limit=100').then((p) => setRows(p.items), () => undefined);
  }, [liveCount]);
  const merged = rows.map((r) => ({ ...r, ...state.data.sync.get(s(r.contactId)) }));
  const counts = ['synced', 'pending', 'failed', 'waiting-for-summary'].map((name) => ({ name, value: merged.filter((r) => r.state === name).length }));
  return (
    <div className="split">
      <div className="panel">
        <table>
          <thead><tr><th>Contact</th><th>Agent</th><th>Summarized</th><th>Synced</th><th>State</th></tr></thead>
          <tbody>
            {merged.map((r) => (
              <tr key={s(r.contactId)}>
                <td>{s(r.contactId)}</td>
                <td>{s(r.agentUsername, '—')}</td>
                <td>{s(r.summarizedAt, '—').slice(0, 19)}</td>
                <td>{s(r.syncedAt, '—').slice(0, 19)}</td>
                <td><span className={`badge ${r.state === 'synced' ? 'green' : r.state === 'failed' ? 'red' : 'amber'}`}>{s(r.state)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
        {merged.length === 0 && <p className="muted">Nothing to sync yet.</p>}
      </div>
      <div className="panel" style={{ height: 300 }}>
        <h2>Sync states</h2>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={counts}>
            <XAxis dataKey="name" stroke="#8b96ad" />
            <YAxis allowDecimals={false} stroke="#8b96ad" />
            <Tooltip />
            <Bar dataKey="value" isAnimationActive={false}>{counts.map((c, i) => <Cell key={c.name} fill={['#2fbf71', '#f0a431', '#e5484d', '#8b96ad'][i]} />)}</Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
