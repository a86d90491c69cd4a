import type { DemoMonth } from './month.ts';
import { DEMO_REGRESSION } from './month.ts';

export interface GuideInfo {
  url: string;
  projectId: string;
  publicKey: string;
  secretKey: string;
  month: DemoMonth;
  sessions: number;
  storedEvents: number;
  truthPath: string;
  dataDir: string;
  example: { sessionId: string; generationId: string } | undefined;
}

const day = (iso: string) => iso.slice(0, 10);

/** Where to look once the demo is loaded: URL, keys, what is in the month, and calls to try. */
export function demoGuide(g: GuideInfo): string {
  const auth = `-H "authorization: Bearer $SK"`;
  const r = DEMO_REGRESSION;
  const session = g.example?.sessionId ?? 'SESSION_ID';
  const generation = g.example?.generationId ?? 'GENERATION_ID';
  const lines = [
    `  URL          ${g.url}`,
    `  dashboard    ${g.url}/#key=${g.secretKey}`,
    `  project      ${g.projectId}`,
    `  public key   ${g.publicKey}   (write-only: what a browser SDK sends with)`,
    `  secret key   ${g.secretKey}   (reads: keep it on servers)`,
    ``,
    `  The month    ${g.sessions.toLocaleString('en-US')} sessions, ${g.storedEvents.toLocaleString('en-US')} events, ${day(g.month.start)} → ${day(g.month.end)}`,
    `               chat, code, writing and support users; model ${r.model} ${g.month.versions.join(', ')}`,
    `  Regression   ${r.version} answers get worse from ${g.month.regressionFrom} (day ${r.day}): retries, undos and edits rise`,
    `  Truth        ${g.truthPath} (the hidden quality of every answer)`,
    ``,
    `  Try:`,
    `    SK=${g.secretKey}`,
    `    curl -s '${g.url}/v1/sessions?limit=5' ${auth}`,
    `    curl -s '${g.url}/v1/sessions?modelVersion=${r.version}&since=${g.month.regressionFrom}&limit=5' ${auth}`,
    `    curl -s '${g.url}/v1/sessions/${session}' ${auth}`,
    `    curl -s '${g.url}/v1/generations/${generation}' ${auth}`,
    `    curl -s '${g.url}/openapi.json'`,
    `    curl -s '${g.url}/v1/sessions/${session}/labels' ${auth}          # signals, labels, outcome`,
    `    curl -s '${g.url}/v1/labels?modelVersion=${r.version}&route=train&limit=5' ${auth}`,
    `    curl -s '${g.url}/v1/labels?signal=rephrase_retry&limit=5' ${auth}`,
    `    npx tacit labels list --project ${g.projectId} --model-version ${r.version} --data-dir ${g.dataDir}   # the same from the CLI`,
    `    curl -s '${g.url}/v1/monitor/series?metric=rate:retried&window=day&groupBy=modelVersion' ${auth}   # v3's retry rate by day`,
    `    curl -s '${g.url}/v1/alerts' ${auth}                       # the regression, caught`,
    `    npx tacit monitor --project ${g.projectId} --data-dir ${g.dataDir}`,
    `    npx tacit alerts list --project ${g.projectId} --data-dir ${g.dataDir}`,
    `    npx tacit export dpo --project ${g.projectId} --data-dir ${g.dataDir} --out pairs.jsonl   # preference pairs`,
    ``,
    `  Ctrl+C stops the server; \`tacit demo\` again serves the same data (nothing is loaded twice).`,
  ];
  return lines.join('\n');
}
