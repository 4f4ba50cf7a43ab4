'use client';
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentDto, ContactDto, EscalationDto, JourneyAnalyticsDto, JourneyDetailDto, SummaryDto, SyncStatusDto, TranscriptDto } from '@buddie/api-contract';
import { api, type Page } from './api';
import type { LiveState, LiveStore } from './live';

const s = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
/** The board activities (boardActivityOf in libs/domain), each with its own colour on cards, chart and filter. */
export const ACTIVITY_STYLE: Record<AgentDto['boardActivity'], { label: string; color: string }> = {
  available: { label: 'Available', color: '#2fbf71' },
  incoming: { label: 'Incoming', color: '#31c4c4' },
  'on-contact': { label: 'On contact', color: '#4c8dff' },
  'on-hold': { label: 'On hold', color: '#f0a431' },
  'after-contact-work': { label: 'After contact work', color: '#9b7cff' },
  missed: { label: 'Missed', color: '#e5484d' },
  custom: { label: 'Custom status', color: '#d9739f' },
  offline: { label: 'Offline', color: '#8b96ad' },
};
const ACTIVITIES = Object.keys(ACTIVITY_STYLE) as AgentDto['boardActivity'][];

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

/** The board card's fields; AgentDto is the one agent shape (REST, live snapshot and AgentStateChanged alike). */
export function agentOf(a: AgentDto) {
  return {
    id: a.agentId,
    name: a.name || a.username || a.agentId,
    status: a.statusName,
    activity: a.activity,
    boardActivity: a.boardActivity,
    boardActivityLabel: a.boardActivityLabel,
    boardActivitySince: a.boardActivitySince,
    since: a.statusSince,
    queues: a.queueNames,
    routingProfile: a.routingProfileName,
    alerting: a.alerting,
  };
}

export function BoardView({ state }: { state: LiveState }) {
  const now = useNow();
  const [queue, setQueue] = useState(() => (typeof window === 'undefined' ? '' : (localStorage.getItem('buddie.board.queue') ?? '')));
  const [profile, setProfile] = useState(() => (typeof window === 'undefined' ? '' : (localStorage.getItem('buddie.board.profile') ?? '')));
  useEffect(() => localStorage.setItem('buddie.board.queue', queue), [queue]);
  useEffect(() => localStorage.setItem('buddie.board.profile', profile), [profile]);
  const [activity, setActivity] = useState(() => (typeof window === 'undefined' ? '' : (localStorage.getItem('buddie.board.activity') ?? '')));
  useEffect(() => localStorage.setItem('buddie.board.activity', activity), [activity]);
  const alertingAgents = new Set([...state.data.alerts.values()].map((a) => s(a.agentId)));
  const agents = [...state.data.agents.values()].map(agentOf).map((a) => ({ ...a, alerting: a.alerting || alertingAgents.has(a.id) }));
  const queues = [...new Set(agents.flatMap((a) => a.queues))].sort();
  const profiles = [...new Set(agents.map((a) => a.routingProfile).filter(Boolean))].sort();
  const scoped = agents.filter((a) => (!queue || a.queues.includes(queue)) && (!profile || a.routingProfile === profile));
  const shown = scoped
    .filter((a) => !activity || a.boardActivity === activity)
    .sort((a, b) => Number(b.alerting) - Number(a.alerting) || a.name.localeCompare(b.name));
  // The chart counts the queue/profile scope by activity, so picking an activity does not empty it.
  const byActivity = ACTIVITIES.map((key) => ({ key, name: ACTIVITY_STYLE[key].label, value: scoped.filter((a) => a.boardActivity === key).length, color: ACTIVITY_STYLE[key].color })).filter(
    (slice) => slice.value > 0,
  );
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
            <select aria-label="Activity" value={activity} onChange={(e) => setActivity(e.target.value)}>
              <option value="">All activities</option>
              {ACTIVITIES.map((key) => <option key={key} value={key}>{ACTIVITY_STYLE[key].label}</option>)}
            </select>
          </div>
          <p className="muted">{shown.length} agents · {shown.filter((a) => a.alerting).length} alerting</p>
        </div>
        <div className="panel" style={{ flex: '1 1 300px', height: 170 }}>
          <h2>By activity</h2>
          <div className="row" style={{ alignItems: 'center' }}>
            <ResponsiveContainer width="50%" height={120}>
              <PieChart>
                <Pie data={byActivity} dataKey="value" nameKey="name" innerRadius={30} outerRadius={55} isAnimationActive={false}>
                  {byActivity.map((slice) => <Cell key={slice.key} fill={slice.color} />)}
                </Pie>
                <Tooltip />
              </PieChart>
            </ResponsiveContainer>
            <ul className="legend" data-testid="activity-legend">
              {byActivity.map((slice) => (
                <li key={slice.key} data-activity={slice.key}><span className="swatch" style={{ background: slice.color }} />{slice.name} <strong>{slice.value}</strong></li>
              ))}
            </ul>
          </div>
        </div>
      </div>
      {shown.length === 0 && <p className="muted">No agents yet: they appear as soon as the agent event stream reports them.</p>}
      <div className="grid">
        {shown.map((a) => (
          <div key={a.id} className={`card agent ${a.alerting ? 'alerting' : ''}`} data-testid={`agent-${a.id}`} data-activity={a.boardActivity} style={{ borderLeft: `4px solid ${ACTIVITY_STYLE[a.boardActivity].color}` }}>
            <div className="name">{a.name}</div>
            <div className="activity">
              <span className="headline" style={{ color: ACTIVITY_STYLE[a.boardActivity].color }} data-testid="agent-activity">{a.boardActivityLabel}</span>
              <span className="timer" title="time in this activity" data-testid="agent-activity-timer">{elapsed(a.boardActivitySince, now)}</span>
            </div>
            <div className="meta">status <span data-testid="agent-status">{a.status}</span> · {a.routingProfile || 'no profile'}</div>
            {a.alerting && <div className="meta"><span className="badge red">alert</span></div>}
          </div>
        ))}
      </div>
    </>
  );
}

export function AlertsView({ state }: { state: LiveState }) {
  const now = useNow();
  const alerts = [...state.data.alerts.values()].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  const names = new Map([...state.data.agents.values()].map((a) => [a.agentId, agentOf(a).name]));
  return (
    <div className="panel">
      <h2>Open alerts ({alerts.length})</h2>
      {alerts.length === 0 && <p className="muted" data-testid="no-alerts">No open alerts.</p>}
      {alerts.map((a) => (
        <div className="alert-item" key={a.id} data-testid={`alert-${a.id}`}>
          <span className={`badge ${a.severity === 'critical' ? 'red' : 'amber'}`}>{a.severity}</span>
          <strong>{names.get(a.agentId) ?? a.agentId}</strong>
          <span>{a.message || a.ruleId}</span>
          <span className="muted" style={{ marginLeft: 'auto' }}>{elapsed(a.startedAt || a.raisedAt, now)}</span>
        </div>
      ))}
    </div>
  );
}

const OUTCOME_BADGE: Record<string, string> = { contained: 'green', 'routed-to-agent': 'green', 'abandoned-in-ivr': 'amber', 'abandoned-in-queue': 'amber', failed: 'red', 'in-progress': '' };
const secs = (ms: number | null | undefined): string => (typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : '—');

function JourneyTimeline({ contactId, version }: { contactId: string; version?: number }) {
  const [journey, setJourney] = useState<JourneyDetailDto | null | undefined>();
  useEffect(() => {
    setJourney(undefined);
    api<JourneyDetailDto>(`/api/v1/journeys/${encodeURIComponent(contactId)}`).then(setJourney, () => setJourney(null));
  }, [contactId, version]);
  if (journey === undefined) return <p className="muted">Loading journey…</p>;
  if (journey === null) return <p className="muted">No IVR journey recorded for this contact.</p>;
  const failuresAt = new Map<number, string[]>();
  for (const f of journey.failures) if (f.stepIndex !== null) failuresAt.set(f.stepIndex, [...(failuresAt.get(f.stepIndex) ?? []), f.reason]);
  return (
    <div data-testid="journey-timeline">
      <p>
        <span className={`badge ${OUTCOME_BADGE[journey.outcome] ?? ''}`} data-testid="journey-outcome">{journey.outcome}</span>{' '}
        <span className="muted">{journey.flowOutcome} · {journey.entryFlowName ?? 'no flow log'} · IVR {secs(journey.ivrMs)}{journey.queueMs !== null ? ` · queue ${secs(journey.queueMs)}` : ''}</span>
      </p>
      {journey.failures.length > 0 && (
        <ul className="failures" data-testid="journey-failures">
          {journey.failures.map((f, i) => <li key={i} className="error"><strong>{f.kind}</strong> at {f.stepLabel ?? 'the journey'}: {f.reason}</li>)}
        </ul>
      )}
      <ul className="timeline">
        {journey.steps.map((step) => {
          const reasons = failuresAt.get(step.index) ?? [];
          return (
            <li key={step.index} className={reasons.length || step.status !== 'ok' ? 'failed' : ''} data-testid={`journey-step-${step.index}`}>
              <strong>{step.label}</strong> <span className="muted">{step.startedAt.slice(11, 23)} · {secs(step.durationMs)}{step.flowDepth ? ` · ${step.flowName ?? ''}` : ''}</span>
              {step.status !== 'ok' && <> <span className="badge amber">{step.status}</span></>}
              {step.input && <div className="muted">pressed {step.input.value}{step.input.masked ? ' (masked)' : ''}</div>}
              {reasons.map((r, j) => <div key={j} className="error">{r}</div>)}
            </li>
          );
        })}
      </ul>
      {journey.escalations.length > 0 && <p className="muted">Escalations: {journey.escalations.map((e) => `${e.cause} (${e.status})`).join(', ')}</p>}
    </div>
  );
}

function SummaryDetail({ contactId }: { contactId: string }) {
  const [record, setRecord] = useState<SummaryDto | null | undefined>();
  useEffect(() => {
    setRecord(undefined);
    api<SummaryDto>(`/api/v1/contacts/${encodeURIComponent(contactId)}/summary`).then(setRecord, () => setRecord(null));
  }, [contactId]);
  return (
    <div className="panel" data-testid="summary-detail">
      <h2>Contact {contactId}</h2>
      {record === undefined && <p className="muted">Loading summary…</p>}
      {record === null && <p className="muted">No summary yet for this contact.</p>}
      {record && !record.summary && <p className="muted">No summary: {record.reason ?? record.status}</p>}
      {record?.summary && (
        <>
          <h3 data-testid="summary-headline">{record.summary.headline}</h3>
          <p><span className="muted">Reason:</span> {record.summary.reason}</p>
          <p>
            <span className="muted">Outcome:</span> <span className={`badge ${record.summary.outcome === 'resolved' ? 'green' : 'amber'}`}>{record.summary.outcome}</span>{' '}
            <span className="muted">Sentiment:</span> {record.summary.sentiment.start} → {record.summary.sentiment.end}
          </p>
          <p className="muted">Actions taken</p>
          <ul>{record.summary.actionsTaken.map((a, i) => <li key={i}>{a}</li>)}</ul>
          {record.summary.followUps.length > 0 && (
            <>
              <p className="muted">Follow-ups</p>
              <ul>{record.summary.followUps.map((f, i) => <li key={i}>{f.action} <span className="muted">({f.owner})</span></li>)}</ul>
            </>
          )}
        </>
      )}
      {record?.summary && <RedactedTranscript contactId={contactId} />}
      <h3>IVR journey</h3>
      <JourneyTimeline contactId={contactId} />
    </div>
  );
}

function clockOffset(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The transcript the summary was written from, as archived: PII already replaced by markers. */
function RedactedTranscript({ contactId }: { contactId: string }) {
  const [transcript, setTranscript] = useState<TranscriptDto | null | undefined>();
  useEffect(() => {
    setTranscript(undefined);
    api<TranscriptDto>(`/api/v1/contacts/${encodeURIComponent(contactId)}/transcript`).then(setTranscript, () => setTranscript(null));
  }, [contactId]);
  if (transcript === undefined) return <p className="muted">Loading transcript…</p>;
  if (transcript === null) return <p className="muted">No transcript kept for this contact.</p>;
  return (
    <>
      <h3>Transcript <span className="muted">(redacted, {transcript.source})</span></h3>
      <ol className="transcript" data-testid="transcript">
        {transcript.turns.map((turn, i) => (
          <li key={i} className={`turn ${turn.role.toLowerCase()}`}>
            <span className="muted">{clockOffset(turn.beginMs)} {turn.role === 'CUSTOMER' ? 'Customer' : turn.role === 'AGENT' ? 'Agent' : turn.role.toLowerCase()}</span>{' '}
            {turn.text}
          </li>
        ))}
      </ol>
    </>
  );
}

interface HeadlineLine {
  headline: string;
  outcome?: string;
}

/**
 * Headlines for the listed calls: the live room brings recent ones (its snapshot holds a bounded few), and a
 * call summarized outside it is read from its summary, a few calls at a time, so no row says less than it could.
 */
function useHeadlines(contacts: ContactDto[], live: LiveState['data']['summaries']): Map<string, HeadlineLine> {
  const [fetched, setFetched] = useState(() => new Map<string, HeadlineLine>());
  const missing = contacts.filter((c) => c.pipeline.summarized && !live.get(c.contactId)?.headline && !fetched.has(c.contactId)).slice(0, 20);
  const key = missing.map((c) => c.contactId).join(',');
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    void (async () => {
      for (const id of key.split(',')) {
        const record = await api<SummaryDto>(`/api/v1/contacts/${encodeURIComponent(id)}/summary`).catch(() => undefined);
        if (cancelled) return;
        if (record?.summary) setFetched((m) => new Map(m).set(id, { headline: record.summary!.headline, outcome: record.summary!.outcome }));
      }
    })();
    return () => void (cancelled = true);
  }, [key]);
  const lines = new Map(fetched);
  for (const c of contacts) {
    const brief = live.get(c.contactId);
    if (brief?.headline) lines.set(c.contactId, { headline: brief.headline, outcome: brief.outcome });
  }
  return lines;
}

export function CallsView({ state }: { state: LiveState }) {
  const [search, setSearch] = useState('');
  const [contacts, setContacts] = useState<ContactDto[]>([]);
  const [selected, setSelected] = useState<string | undefined>();
  const liveCount = state.data.contacts.size + state.data.summaries.size;
  useEffect(() => {
    api<Page<ContactDto>>('/api/v1/contacts?limit=100').then((p) => setContacts(p.items), () => undefined);
  }, [liveCount]);
  const headlines = useHeadlines(contacts, state.data.summaries);
  const q = search.trim().toLowerCase();
  const rows = contacts.filter((c) => !q || [c.contactId, c.agentUsername, c.queueName, c.channel, headlines.get(c.contactId)?.headline].some((v) => s(v).toLowerCase().includes(q)));
  return (
    <div className="split">
      <div className="panel">
        <input aria-label="Search calls" placeholder="Search contact, agent, queue, headline…" value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: '100%', marginBottom: 10 }} />
        <table>
          <thead><tr><th>Started</th><th>Channel</th><th>Agent</th><th>Queue</th><th>Summary</th><th>Outcome</th></tr></thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.contactId} className={`click ${selected === c.contactId ? 'selected' : ''}`} onClick={() => setSelected(c.contactId)} data-testid={`call-${c.contactId}`}>
                <td>{c.initiationTimestamp.replace('T', ' ').slice(0, 19)}</td>
                <td>{c.channel}</td>
                <td>{c.agentUsername ?? '—'}</td>
                <td>{c.queueName ?? '—'}</td>
                <td data-testid="call-headline">{headlines.get(c.contactId)?.headline ?? (c.pipeline.summarized ? '…' : '—')}</td>
                <td>{headlines.get(c.contactId)?.outcome && <span className={`badge ${headlines.get(c.contactId)?.outcome === 'resolved' ? 'green' : 'amber'}`}>{headlines.get(c.contactId)?.outcome}</span>}</td>
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

const pct = (v: number | undefined): string => `${Math.round((v ?? 0) * 100)}%`;

export function JourneysView({ state }: { state: LiveState }) {
  const [analytics, setAnalytics] = useState<JourneyAnalyticsDto>();
  const [flow, setFlow] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const liveCount = [...state.data.journeys.values()].reduce((n, j) => n + 1 + (j.version ?? 0), 0);
  useEffect(() => {
    // Live events come in bursts; one analytics read per burst.
    const t = setTimeout(() => api<JourneyAnalyticsDto>('/api/v1/journeys/analytics?bucket=hour').then(setAnalytics, () => undefined), 300);
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
                <tr key={j.contactId} className={`click ${selected === j.contactId ? 'selected' : ''}`} onClick={() => setSelected(j.contactId)} data-testid={`journey-${j.contactId}`}>
                  <td>{s(j.startedAt).replace('T', ' ').slice(0, 19)}</td>
                  <td>{j.entryFlowName ?? '—'}</td>
                  <td><span className={`badge ${OUTCOME_BADGE[s(j.outcome)] ?? ''}`}>{s(j.outcome)}</span></td>
                  <td>{j.failed ? <span className="badge red">failure</span> : ''}</td>
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
  const items = useMemo(() => [...state.data.escalations.values()].filter((e) => e.status !== 'resolved').sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [state]);
  const act = async (id: string, action: 'acknowledge' | 'resolve') => {
    setError(undefined);
    try {
      store.upsert('escalations', await api<EscalationDto>(`/api/v1/escalations/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: '{}' }));
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
            <tr key={e.escalationId} data-testid={`escalation-${e.escalationId}`}>
              <td>{e.createdAt.replace('T', ' ').slice(0, 19)}</td>
              <td><span className={`badge ${e.severity === 'high' ? 'red' : 'amber'}`}>{e.severity}</span></td>
              <td>{e.reasons.join(' ')} <span className="muted">({e.cause})</span></td>
              <td>{e.contactId ?? e.agentId}</td>
              <td>
                <span data-testid="escalation-status">{e.status}</span>
                {e.acknowledgedBy && <div className="muted">by {e.acknowledgedBy}</div>}
              </td>
              <td>
                <button disabled={e.status !== 'open'} onClick={() => void act(e.escalationId, 'acknowledge')}>Acknowledge</button>{' '}
                <button onClick={() => void act(e.escalationId, 'resolve')}>Resolve</button>
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
  const [rows, setRows] = useState<SyncStatusDto[]>([]);
  const liveCount = state.data.sync.size + state.data.summaries.size;
  useEffect(() => {
    api<Page<SyncStatusDto>>('/api/v1/sync-status?limit=100').then((p) => setRows(p.items), () => undefined);
  }, [liveCount]);
  const merged = rows.map((r) => ({ ...r, ...state.data.sync.get(r.contactId) }));
  const counts = ['synced', 'pending', 'failed', 'waiting-for-summary'].map((name) => ({ name, value: merged.filter((r) => r.state === name).length }));
  return (
    <div className="split">
      <div className="panel" data-testid="sync-table">
        <div className="table-scroll">
        <table>
          <thead><tr><th>Contact</th><th>Agent</th><th>Summarized</th><th>Synced</th><th>State</th><th>Salesforce</th></tr></thead>
          <tbody>
            {merged.map((r) => (
              <tr key={r.contactId}>
                <td className="wrap">{r.contactId}</td>
                <td>{s(r.agentUsername, '—')}</td>
                <td>{s(r.summarizedAt, '—').slice(0, 19)}</td>
                <td>{s(r.syncedAt, '—').slice(0, 19)}</td>
                <td><span className={`badge ${r.state === 'synced' ? 'green' : r.state === 'failed' ? 'red' : 'amber'}`}>{r.state}</span></td>
                {/* The Case id once confirmed; Salesforce's own message when it rejected the record; the last outage while waiting. */}
                <td className="muted wrap">
                  {r.state === 'failed' ? `${s(r.errorCode, 'REJECTED')}: ${s(r.reason)}` : s(r.salesforceId, s(r.lastError, '—'))}
                  {/* Service Cloud Voice: the call's VoiceCall is written after the Case and can fail or wait on its own. */}
                  {r.voiceCall && (
                    <div data-testid="sync-voicecall">
                      VoiceCall <span className={`badge ${r.voiceCall.state === 'synced' ? 'green' : r.voiceCall.state === 'failed' ? 'red' : 'amber'}`}>{r.voiceCall.state}</span>{' '}
                      {r.voiceCall.state === 'failed' ? `${s(r.voiceCall.errorCode, 'REJECTED')}: ${s(r.voiceCall.reason)}` : r.voiceCall.state === 'pending' ? s(r.voiceCall.lastError, '') : r.voiceCall.salesforceIds.join(', ')}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
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
