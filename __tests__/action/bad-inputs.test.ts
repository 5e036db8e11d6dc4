import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/server.js'
import { runAction, type ActionRun } from '../helpers/run-dist.js'
import { runActionInProcess } from '../helpers/run-in-process.js'
import { requests, startSim } from '../helpers/sim.js'

/**
 * Every input of action.yml with its malformed variants, through the action's entry point against a simulator of
 * its own: each must fail with exactly one `::error::` line that names the input, the `error` output
 * INVALID_INPUT, and not one request sent. The one exception is a group name that does not exist, which only the
 * service can tell: it fails with SECURITY_GROUP and creates no scan.
 *
 * Cells run as concurrent tests (jest's maxConcurrency): in this process, and a sample of them through the bundled
 * action (`node dist/index.js`) as a process each (see DIST_SAMPLE).
 */

const HF = 'https://huggingface.co'
const CLEAN = `${HF}/airs-sim/clean-model`
const OTHER = `${HF}/airs-sim/pickle-rce`

// a workspace with a file in it and a symbolic link that leads out of it (made at load time: concurrent
// tests start before beforeAll hooks run)
const root = mkdtempSync(join(tmpdir(), 'airs-bad-inputs-'))
const workspace = join(root, 'workspace')
const outside = join(root, 'outside')
mkdirSync(join(workspace, 'models'), { recursive: true })
mkdirSync(outside)
writeFileSync(join(outside, 'model.safetensors'), 'weights')
writeFileSync(join(workspace, 'models', 'model.safetensors'), 'weights')
symlinkSync(outside, join(workspace, 'models', 'linked'))
symlinkSync(join(outside, 'model.safetensors'), join(workspace, 'report-link.json'))
writeFileSync(
  join(workspace, 'requirements-index.txt'),
  `--extra-index-url https://pypi.example/simple\nmodel-security-client==1.1.2 --hash=sha256:${'a'.repeat(64)}\n`
)

afterAll(() => rmSync(root, { recursive: true, force: true }))

interface BadInput {
  /** the inputs besides model-uri (which defaults to a clean model) */
  inputs: Record<string, string>
  /** the input the error must name (in the `Invalid input <name>: ` form unless `line` says otherwise) */
  names: string
  /** the error line, when it is not in the `Invalid input <name>: ` form */
  line?: RegExp
  /** run without the credential variables the simulator provides */
  noCredentials?: boolean
}

const long = (n: number, c = 'x') => c.repeat(n)
const labels50 = Array.from({ length: 50 }, (_, i) => `k${i}=v`).join('\n')

const TABLE: Array<[string, BadInput]> = [
  // model-uri
  ['model-uri: empty', { inputs: { 'model-uri': '' }, names: 'model-uri' }],
  [
    'model-uri: only blank lines and comments',
    { inputs: { 'model-uri': '\n# none\n\n' }, names: 'model-uri' }
  ],
  ['model-uri: unknown scheme', { inputs: { 'model-uri': 'ftp://example.com/model' }, names: 'model-uri' }],
  [
    'model-uri: Hugging Face without organisation',
    { inputs: { 'model-uri': `${HF}/gpt2` }, names: 'model-uri' }
  ],
  ['model-uri: hf:// without organisation', { inputs: { 'model-uri': 'hf://gpt2' }, names: 'model-uri' }],
  ['model-uri: a dataset', { inputs: { 'model-uri': `${HF}/datasets/org/data` }, names: 'model-uri' }],
  ['model-uri: a space', { inputs: { 'model-uri': `${HF}/spaces/org/app` }, names: 'model-uri' }],
  [
    'model-uri: a file view',
    { inputs: { 'model-uri': `${HF}/org/model/blob/main/x.bin` }, names: 'model-uri' }
  ],
  ['model-uri: http://', { inputs: { 'model-uri': 'http://huggingface.co/org/model' }, names: 'model-uri' }],
  ['model-uri: a query string', { inputs: { 'model-uri': `${HF}/org/model?token=abc` }, names: 'model-uri' }],
  [
    'model-uri: credentials in the URI',
    { inputs: { 'model-uri': 'https://alice:hunter2-secret@huggingface.co/org/model' }, names: 'model-uri' }
  ],
  [
    'model-uri: credentials in an Artifactory URI',
    { inputs: { 'model-uri': 'https://bob:tok3n-secret@acme.jfrog.io/models/m' }, names: 'model-uri' }
  ],
  ['model-uri: a path escaping the workspace', { inputs: { 'model-uri': '../outside' }, names: 'model-uri' }],
  ['model-uri: an absolute path outside', { inputs: { 'model-uri': '/etc/passwd' }, names: 'model-uri' }],
  [
    'model-uri: a symbolic link escaping the workspace',
    { inputs: { 'model-uri': 'models/linked/model.safetensors' }, names: 'model-uri' }
  ],
  [
    'model-uri: a local path that does not exist',
    { inputs: { 'model-uri': 'models/missing.bin' }, names: 'model-uri' }
  ],
  ['model-uri: the same model twice', { inputs: { 'model-uri': `${CLEAN}\n${CLEAN}` }, names: 'model-uri' }],
  ['model-uri: a control character', { inputs: { 'model-uri': `${CLEAN}\u0007` }, names: 'model-uri' }],

  // security-group (a name that does not exist is checked by the service: see below)
  [
    'security-group: a name over 255 characters',
    { inputs: { 'security-group': long(256) }, names: 'security-group' }
  ],
  [
    'security-group: one group for models of two sources',
    {
      inputs: { 'model-uri': `${CLEAN}\ns3://bucket/model`, 'security-group': 'Release' },
      names: 'security-group'
    }
  ],

  // labels
  ['labels: a dot', { inputs: { labels: 'version=1.2' }, names: 'labels' }],
  ['labels: a space in the key', { inputs: { labels: 'my team=ml' }, names: 'labels' }],
  ['labels: a space in the value', { inputs: { labels: 'team=ml platform' }, names: 'labels' }],
  ['labels: "=" missing', { inputs: { labels: 'team' }, names: 'labels' }],
  ['labels: empty key', { inputs: { labels: '=ml' }, names: 'labels' }],
  ['labels: empty value', { inputs: { labels: 'team=' }, names: 'labels' }],
  ['labels: key over 128 characters', { inputs: { labels: `${long(129, 'k')}=v` }, names: 'labels' }],
  ['labels: value over 256 characters', { inputs: { labels: `k=${long(257, 'v')}` }, names: 'labels' }],
  ['labels: the same key twice', { inputs: { labels: 'team=a\nteam=b' }, names: 'labels' }],
  [
    'labels: JSON that is not an array',
    { inputs: { labels: '{"key": "team", "value": "ml"}' }, names: 'labels' }
  ],
  ['labels: JSON that does not parse', { inputs: { labels: '[{"key": "team"' }, names: 'labels' }],
  ['labels: a JSON array of strings', { inputs: { labels: '["team=ml"]' }, names: 'labels' }],
  ['labels: a JSON item without a value', { inputs: { labels: '[{"key": "team"}]' }, names: 'labels' }],
  ['labels: 50 labels', { inputs: { labels: labels50, 'auto-labels': 'false' }, names: 'labels' }],

  // words and booleans
  ['auto-labels: not a boolean', { inputs: { 'auto-labels': 'yes' }, names: 'auto-labels' }],
  ['mode: unknown word', { inputs: { mode: 'strict' }, names: 'mode' }],
  ['on-error: unknown word', { inputs: { 'on-error': 'ignore' }, names: 'on-error' }],
  ['scan-origin: unknown word', { inputs: { 'scan-origin': 'CI' }, names: 'scan-origin' }],
  ['job-summary: not a boolean', { inputs: { 'job-summary': 'maybe' }, names: 'job-summary' }],
  ['annotations: not a boolean', { inputs: { annotations: '1' }, names: 'annotations' }],
  ['comment: unknown word', { inputs: { comment: 'sometimes' }, names: 'comment' }],
  ['drift: not a boolean', { inputs: { drift: 'on' }, names: 'drift' }],
  ['issue: unknown word', { inputs: { issue: 'weekly' }, names: 'issue' }],
  [
    'issue-labels: a label over 50 characters',
    { inputs: { 'issue-labels': 'x'.repeat(51) }, names: 'issue-labels' }
  ],
  ['issue-title: a line break', { inputs: { 'issue-title': 'audit\n::error::x' }, names: 'issue-title' }],

  // shards, merges and audits: one job of each kind, never mixed with scanning inputs
  ['shard: not i/n', { inputs: { 'model-uri': CLEAN, shard: 'first' }, names: 'shard' }],
  ['shard: past the count', { inputs: { 'model-uri': CLEAN, shard: '5/4' }, names: 'shard' }],
  [
    'merge-reports: beside model-uri',
    { inputs: { 'model-uri': CLEAN, 'merge-reports': 'models' }, names: 'merge-reports' }
  ],
  [
    'merge-reports: a folder without reports',
    { inputs: { 'merge-reports': 'models' }, names: 'merge-reports' }
  ],
  ['merge-reports: outside the workspace', { inputs: { 'merge-reports': '/etc' }, names: 'merge-reports' }],
  ['audit: unknown word', { inputs: { audit: 'everything' }, names: 'audit' }],
  ['audit: beside model-uri', { inputs: { audit: 'inventory', 'model-uri': CLEAN }, names: 'audit' }],
  ['audit: with the built-in engine', { inputs: { audit: 'inventory', engine: 'builtin' }, names: 'audit' }],
  [
    'rescan-stale: without audit',
    { inputs: { 'model-uri': CLEAN, 'rescan-stale': 'true' }, names: 'rescan-stale' }
  ],

  // durations and numbers
  ['timeout: negative', { inputs: { timeout: '-1s' }, names: 'timeout' }],
  ['timeout: unknown unit', { inputs: { timeout: '1y' }, names: 'timeout' }],
  ['timeout: zero', { inputs: { timeout: '0s' }, names: 'timeout' }],
  ['timeout: over the 6 h maximum', { inputs: { timeout: '7h' }, names: 'timeout' }],
  ['timeout: words', { inputs: { timeout: '20 minutes' }, names: 'timeout' }],
  ['poll-interval: zero', { inputs: { 'poll-interval': '0s' }, names: 'poll-interval' }],
  ['poll-interval: unknown unit', { inputs: { 'poll-interval': '1y' }, names: 'poll-interval' }],
  ['poll-interval: over the 5 min maximum', { inputs: { 'poll-interval': '6m' }, names: 'poll-interval' }],
  [
    'poll-interval: equal to the timeout',
    { inputs: { timeout: '10s', 'poll-interval': '10s' }, names: 'poll-interval' }
  ],
  [
    'poll-interval: longer than the timeout',
    { inputs: { timeout: '10s', 'poll-interval': '1m' }, names: 'poll-interval' }
  ],
  ['poll-max-interval: zero', { inputs: { 'poll-max-interval': '0s' }, names: 'poll-max-interval' }],
  ['poll-max-interval: unknown unit', { inputs: { 'poll-max-interval': '1y' }, names: 'poll-max-interval' }],
  [
    'poll-max-interval: over the 5 min maximum',
    { inputs: { 'poll-max-interval': '6m' }, names: 'poll-max-interval' }
  ],
  [
    'poll-max-interval: equal to the timeout',
    { inputs: { timeout: '10s', 'poll-max-interval': '10s' }, names: 'poll-max-interval' }
  ],
  [
    'poll-max-interval: shorter than poll-interval',
    { inputs: { 'poll-interval': '3s', 'poll-max-interval': '2s' }, names: 'poll-max-interval' }
  ],
  ['concurrency: 0', { inputs: { concurrency: '0' }, names: 'concurrency' }],
  ['concurrency: 33', { inputs: { concurrency: '33' }, names: 'concurrency' }],
  ['concurrency: a word', { inputs: { concurrency: 'two' }, names: 'concurrency' }],
  ['concurrency: a fraction', { inputs: { concurrency: '2.5' }, names: 'concurrency' }],

  // patterns
  [
    'allow-patterns: over 256 characters',
    { inputs: { 'allow-patterns': long(257) }, names: 'allow-patterns' }
  ],
  [
    'ignore-patterns: over 256 characters',
    { inputs: { 'ignore-patterns': `*.md\n${long(257)}` }, names: 'ignore-patterns' }
  ],
  [
    'ignore-patterns: a pattern also allowed',
    { inputs: { 'allow-patterns': '*.bin, *.json', 'ignore-patterns': '*.bin' }, names: 'ignore-patterns' }
  ],

  // one-model descriptions
  [
    'model-name: with several models',
    { inputs: { 'model-uri': `${CLEAN}\n${OTHER}`, 'model-name': 'x' }, names: 'model-name' }
  ],
  ['model-name: over 256 characters', { inputs: { 'model-name': long(257) }, names: 'model-name' }],
  ['model-name: a line break', { inputs: { 'model-name': 'a\nb' }, names: 'model-name' }],
  [
    'model-author: with several models',
    { inputs: { 'model-uri': `${CLEAN}\n${OTHER}`, 'model-author': 'me' }, names: 'model-author' }
  ],
  ['model-author: a control character', { inputs: { 'model-author': 'me\u0007' }, names: 'model-author' }],
  [
    'model-version: with several models',
    { inputs: { 'model-uri': `${CLEAN}\n${OTHER}`, 'model-version': 'v1' }, names: 'model-version' }
  ],
  [
    'model-version: contradicting the revision in the URI',
    { inputs: { 'model-uri': `${CLEAN}@abc123`, 'model-version': 'def456' }, names: 'model-version' }
  ],

  // comment-tag
  ['comment-tag: a line break', { inputs: { 'comment-tag': 'leg\n1' }, names: 'comment-tag' }],
  ['comment-tag: over 100 characters', { inputs: { 'comment-tag': long(101) }, names: 'comment-tag' }],

  // credentials and endpoints: the client's checks, which name the input they read
  [
    'client-id: missing everywhere',
    {
      inputs: {},
      names: 'client-id',
      line: /Missing client ID: set the `client-id` input/,
      noCredentials: true
    }
  ],
  [
    'client-secret: missing everywhere',
    {
      inputs: { 'client-id': 'ci@1234567890.iam.panserviceaccount.com' },
      names: 'client-secret',
      line: /Missing client secret: set the `client-secret` input/,
      noCredentials: true
    }
  ],
  [
    'tsg-id: not a tenant ID',
    {
      inputs: { 'tsg-id': 'tenant 42!' },
      names: 'tsg-id',
      line: /The TSG ID from tsg-id is not a tenant service group ID/
    }
  ],
  ...endpointCases('token-endpoint', 'token endpoint'),
  ...endpointCases('api-endpoint', 'API endpoint'),
  ...endpointCases('data-endpoint', 'data-plane endpoint'),
  ...endpointCases('mgmt-endpoint', 'management-plane endpoint'),
  ['scanner-version: a range', { inputs: { 'scanner-version': '>=1.1' }, names: 'scanner-version' }],
  ['scanner-version: latest', { inputs: { 'scanner-version': 'latest' }, names: 'scanner-version' }],
  [
    'scanner-requirements: missing file',
    { inputs: { 'scanner-requirements': 'requirements-missing.txt' }, names: 'scanner-requirements' }
  ],
  [
    'scanner-requirements: does not pin the client',
    { inputs: { 'scanner-requirements': 'models/model.safetensors' }, names: 'scanner-requirements' }
  ],
  [
    'scanner-requirements: adds a package index',
    { inputs: { 'scanner-requirements': 'requirements-index.txt' }, names: 'scanner-requirements' }
  ],
  [
    'scanner-requirements: through a link out of the workspace',
    { inputs: { 'scanner-requirements': 'models/linked/model.safetensors' }, names: 'scanner-requirements' }
  ],
  ['python: a line break', { inputs: { python: 'python3\n-c' }, names: 'python' }],
  [
    'report-file: outside the workspace',
    { inputs: { 'report-file': '/etc/report.json' }, names: 'report-file' }
  ],
  ['report-file: climbs out with ..', { inputs: { 'report-file': '../report.json' }, names: 'report-file' }],
  ['report-file: a planted link', { inputs: { 'report-file': 'report-link.json' }, names: 'report-file' }],
  ['report-file: inside .git', { inputs: { 'report-file': '.git/config' }, names: 'report-file' }],
  ['sarif-file: the log', { inputs: { 'sarif-file': '/proc/self/fd/1' }, names: 'sarif-file' }],
  ['sarif-file: a folder', { inputs: { 'sarif-file': 'models' }, names: 'sarif-file' }],
  ['policy: outside the workspace', { inputs: { engine: 'auto', policy: '/etc/passwd' }, names: 'policy' }],
  [
    'policy: through a link out of the workspace',
    { inputs: { engine: 'auto', policy: 'models/linked/model.safetensors' }, names: 'policy' }
  ],
  [
    'region: unknown',
    {
      inputs: { region: 'mars' },
      names: 'region',
      line: /Invalid input region: "mars" is not one of us, eu\./
    }
  ]
]

function endpointCases(input: string, what: string): Array<[string, BadInput]> {
  const line = (problem: string) => new RegExp(`The ${what} from ${input} ${problem}`)
  return [
    [
      `${input}: http://`,
      { inputs: { [input]: 'http://api.example.com/aims' }, names: input, line: line('uses plain http://') }
    ],
    [
      `${input}: not a URL`,
      { inputs: { [input]: 'api.example.com/aims' }, names: input, line: line('is not a valid URL') }
    ],
    [
      `${input}: not http(s)`,
      {
        inputs: { [input]: 'ftp://api.example.com/aims' },
        names: input,
        line: line('must be an https:// URL')
      }
    ],
    [
      `${input}: credentials in the URL`,
      {
        inputs: { [input]: 'https://u:p4ss-word@api.example.com/aims' },
        names: input,
        line: line('must not embed credentials')
      }
    ]
  ]
}

/** The environment of a run: the simulator's endpoints and credentials, and the workspace above. */
function envFor(sim: Simulator, cell: Pick<BadInput, 'noCredentials'> = {}): Record<string, string> {
  const simEnv = sim.env()
  if (cell.noCredentials) {
    delete simEnv.PANW_MODEL_SEC_CLIENT_ID
    delete simEnv.PANW_MODEL_SEC_CLIENT_SECRET
  }
  return { ...simEnv, GITHUB_WORKSPACE: workspace }
}

const errorLines = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Every cell runs through the action's entry point in this process (src/main.ts's run(), which dist/index.js calls);
 * a process per cell cost half a CPU second each, most of this file's time. The cells of DIST_SAMPLE, one of each
 * kind of check (a parse, a path through a link, the client's credential and endpoint checks, a file the action
 * reads), run through the bundle as a process too.
 */
const DIST_SAMPLE = [
  'model-uri: unknown scheme',
  'model-uri: a symbolic link escaping the workspace',
  'model-uri: a control character',
  'labels: JSON that does not parse',
  'timeout: over the 6 h maximum',
  'client-id: missing everywhere',
  'api-endpoint: credentials in the URL',
  'scanner-requirements: adds a package index',
  'report-file: a planted link',
  'sarif-file: the log',
  'policy: through a link out of the workspace',
  'region: unknown'
]

type Runner = (inputs: Record<string, string>, env: Record<string, string>) => Promise<ActionRun>

/**
 * Tests `expectOutcome` on every cell of `table` in this process, one after another (a concurrent test runs outside jest's
 * test scope at times, where the entry point's dynamic imports are refused), and on the cells titled in `sample`
 * through dist/, concurrently. `name` is the tests' name, with %s for the cell's title.
 */
function eachVia<T>(
  table: Array<[string, T]>,
  sample: string[],
  name: string,
  expectOutcome: (run: Runner, cell: T) => Promise<void>
): void {
  const unknown = sample.filter((t) => !table.some(([title]) => title === t))
  if (unknown.length) throw new Error(`no cell is titled ${unknown.join(', ')}`)
  it.each(table)(`${name} (in process)`, (_title, cell) => expectOutcome(runActionInProcess, cell))
  it.concurrent.each(table.filter(([title]) => sample.includes(title)))(`${name} (dist)`, (_title, cell) =>
    expectOutcome(runAction, cell)
  )
}

/** A run of a clean model with `inputs`, against a simulator of its own: how it ended, and the requests it sent. */
async function refusal(run: Runner, inputs: Record<string, string>) {
  const sim = await startSim()
  const r = await run({ 'model-uri': CLEAN, ...inputs }, envFor(sim))
  return { exit: r.code, error: r.outputs.error, line: errorLines(r)[0], requests: requests(sim) }
}

describe(`bad inputs: ${TABLE.length} cells, each one error line naming the input, before any request`, () => {
  eachVia(TABLE, DIST_SAMPLE, '%s', async (run, cell) => {
    const sim = await startSim()
    const r = await run({ 'model-uri': CLEAN, ...cell.inputs }, envFor(sim, cell))
    const errors = errorLines(r)
    const line =
      cell.line ?? new RegExp(`^::error::Model gate failed: Invalid input ${escape(cell.names)}: \\S`)
    expect({
      exit: r.code,
      verdict: r.outputs.verdict,
      error: r.outputs.error,
      errors: errors.length,
      line: errors[0],
      requests: requests(sim)
    }).toEqual({
      exit: 1,
      verdict: 'fail',
      error: 'INVALID_INPUT',
      errors: 1,
      line: expect.stringMatching(line),
      requests: 0
    })
    // one line: a newline in the message would be escaped as %0A on the annotation
    expect(errors[0]).not.toMatch(/%0A|%0D/)
    // the report says the same, with no model and no scan
    expect(r.report).toMatchObject({
      verdict: 'fail',
      models: [],
      error: { code: 'INVALID_INPUT' }
    })
  })

  it('credentials in a model URI are never echoed', async () => {
    const sim = await startSim()
    const r = await runAction(
      { 'model-uri': 'https://alice:hunter2-secret@huggingface.co/org/model' },
      envFor(sim)
    )
    expect(errorLines(r)[0]).toContain('do not put credentials in the URI')
    for (const text of [r.stdout, r.stderr, r.summary, JSON.stringify(r.report)]) {
      expect(text).not.toContain('hunter2-secret')
    }
  })

  it('a bad input fails even with on-error warn (on-error is about the service, not the inputs)', async () => {
    const sim = await startSim()
    const r = await runAction({ 'model-uri': CLEAN, 'on-error': 'warn', concurrency: 'two' }, envFor(sim))
    expect({
      exit: r.code,
      verdict: r.outputs.verdict,
      error: r.outputs.error,
      requests: requests(sim)
    }).toEqual({
      exit: 1,
      verdict: 'fail',
      error: 'INVALID_INPUT',
      requests: 0
    })
  })
})

describe('security-group values only the service can judge', () => {
  it('an unknown group name: SECURITY_GROUP after the lookup, and no scan created', async () => {
    const sim = await startSim()
    const fixtures = sim.store.scans.size
    const r = await runAction({ 'model-uri': CLEAN, 'security-group': 'Prod HF policy' }, envFor(sim))
    const errors = errorLines(r)
    expect({
      exit: r.code,
      verdict: r.outputs.verdict,
      error: r.outputs.error,
      errors: errors.length,
      line: errors[0],
      lookups: requests(sim, 'GET /aims/mgmt/v1/security-groups'),
      creates: requests(sim, 'POST /aims/data/v1/scans'),
      scans: sim.store.scans.size - fixtures
    }).toEqual({
      exit: 1,
      verdict: 'fail',
      error: 'SECURITY_GROUP',
      errors: 1,
      line: expect.stringMatching(
        /^::error::Model gate failed: No security group is named "Prod HF policy" in tenant \d+ \(names are case-sensitive\); check the security-group input/
      ),
      lookups: 1,
      creates: 0,
      scans: 0
    })
  })

  eachVia(
    [
      ['one character short', '4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768'],
      ['in braces', '{4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e}'],
      ['with a misplaced hyphen', '4c22aef72-ab7-40ba-b3f1-cd9e9aa1768e']
    ],
    ['in braces'],
    'a UUID-like group %s fails as INVALID_INPUT before any request',
    async (run, group) => {
      expect(await refusal(run, { 'security-group': group })).toEqual({
        exit: 1,
        error: 'INVALID_INPUT',
        line: expect.stringContaining('Invalid input security-group:') as unknown as string,
        requests: 0
      })
    }
  )
})

describe('a duration without a unit', () => {
  eachVia(
    [
      ['timeout', 'timeout'],
      ['poll-interval', 'poll-interval'],
      ['poll-max-interval', 'poll-max-interval']
    ],
    ['poll-interval'],
    '%s: 15 could be seconds or minutes: refused',
    async (run, input) => {
      expect(await refusal(run, { [input]: '15' })).toEqual({
        exit: 1,
        error: 'INVALID_INPUT',
        line: `::error::Model gate failed: Invalid input ${input}: "15" has no unit; write 15s for seconds or 15m for minutes.`,
        requests: 0
      })
    }
  )
})
