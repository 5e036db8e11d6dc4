/**
 * Python's Jinja2, when the machine has it: to check that the template checker parses as Jinja does, that
 * the benign fixtures really render and that generated payloads really run. CI machines may lack it; the
 * tests that use it then skip, saying why.
 */
import { spawnSync } from 'node:child_process'
import type { Expr, OutputItem, Stmt } from '../../src/engine/formats/template/jinja-parser.js'

function probe(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import jinja2, markupsafe; print(jinja2.__version__)'], {
    encoding: 'utf8'
  })
  if (r.error) return `python3 is not available (${r.error.message})`
  if (r.status !== 0) return `python3 has no jinja2 (${r.stderr.trim().split('\n').pop() ?? ''})`
  const [major = 0, minor = 0] = r.stdout.trim().split('.').map(Number)
  if (major < 3 || (major === 3 && minor < 1)) return `jinja2 ${r.stdout.trim()} is older than 3.1`
  return undefined
}

/** Why Python's Jinja2 cannot be used here, or undefined when it can. */
export const JINJA_MISSING = probe()

const PRELUDE = String.raw`
import json, sys, os
import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols, do

class Generation(Extension):
    # transformers' AssistantTracker: {% generation %}…{% endgeneration %}
    tags = {"generation"}
    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)
    def _generation_support(self, caller):
        return caller()

def env(trim, sandbox=False):
    cls = jinja2.sandbox.ImmutableSandboxedEnvironment if sandbox else jinja2.Environment
    e = cls(trim_blocks=trim, lstrip_blocks=trim, extensions=[loopcontrols, do, Generation])
    return e
import jinja2.sandbox
`

function run(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', PRELUDE + script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr.slice(-2000)}`)
  return JSON.parse(r.stdout) as unknown
}

const DUMP = String.raw`
OPS = {'eq': '==', 'ne': '!=', 'lt': '<', 'lteq': '<=', 'gt': '>', 'gteq': '>=', 'in': 'in', 'notin': 'notin'}
BIN = {nodes.Add: '+', nodes.Sub: '-', nodes.Mul: '*', nodes.Div: '/', nodes.FloorDiv: '//', nodes.Mod: '%', nodes.Pow: '**'}
def const(v):
    if isinstance(v, bool) or v is None or isinstance(v, str): return v
    if isinstance(v, int): return v if abs(v) <= 2**53 - 1 else 'bigint'
    if isinstance(v, float): return v if v == v and v not in (float('inf'), float('-inf')) else repr(v)
    return repr(v)
def args(n):
    return [[d(a) for a in n.args], [[k.key, d(k.value)] for k in n.kwargs], d(n.dyn_args), d(n.dyn_kwargs)]
def d(n):
    if n is None: return None
    if isinstance(n, list): return [d(x) for x in n]
    t = type(n)
    if t is nodes.Const: return ['const', const(n.value)]
    if t is nodes.Name: return ['name', n.name]
    if t is nodes.NSRef: return ['nsref', n.name, n.attr]
    if t is nodes.Tuple: return ['tuple', d(n.items)]
    if t is nodes.List: return ['list', d(n.items)]
    if t is nodes.Dict: return ['dict', [[d(p.key), d(p.value)] for p in n.items]]
    if t is nodes.Getattr: return ['getattr', d(n.node), n.attr]
    if t is nodes.Getitem: return ['getitem', d(n.node), d(n.arg)]
    if t is nodes.Slice: return ['slice', d(n.start), d(n.stop), d(n.step)]
    if t is nodes.Call: return ['call', d(n.node)] + args(n)
    if t is nodes.Filter: return ['filter', d(n.node), n.name] + args(n)
    if t is nodes.Test: return ['test', d(n.node), n.name] + args(n)
    if t is nodes.CondExpr: return ['cond', d(n.test), d(n.expr1), d(n.expr2)]
    if t in (nodes.And, nodes.Or): return [t.__name__.lower(), d(n.left), d(n.right)]
    if t in (nodes.Not, nodes.Neg, nodes.Pos): return [t.__name__.lower(), d(n.node)]
    if t is nodes.Compare: return ['compare', d(n.expr), [[OPS[o.op], d(o.expr)] for o in n.ops]]
    if t is nodes.Concat: return ['concat', d(n.nodes)]
    if t in BIN: return ['bin', BIN[t], d(n.left), d(n.right)]
    if t is nodes.TemplateData: return ['data', n.data]
    if t is nodes.Output: return ['output', d(n.nodes)]
    if t is nodes.For: return ['for', d(n.target), d(n.iter), d(n.body), d(n.else_), d(n.test), n.recursive]
    if t is nodes.If:
        branches = [[d(n.test), d(n.body)]] + [[d(e.test), d(e.body)] for e in n.elif_]
        return ['if', branches, d(n.else_)]
    if t is nodes.Assign: return ['set', d(n.target), d(n.node)]
    if t is nodes.AssignBlock: return ['setblock', d(n.target), d(n.filter), d(n.body)]
    if t is nodes.Macro:
        k = len(n.args) - len(n.defaults)
        return ['macro', n.name, [[a.name, d(n.defaults[i - k]) if i >= k else None] for i, a in enumerate(n.args)], d(n.body)]
    if t is nodes.CallBlock:
        if isinstance(n.call.node, nodes.ExtensionAttribute): return ['scope', d(n.body), None]
        k = len(n.args) - len(n.defaults)
        return ['callblock', [[a.name, d(n.defaults[i - k]) if i >= k else None] for i, a in enumerate(n.args)], d(n.call), d(n.body)]
    if t is nodes.FilterBlock: return ['filterblock', d(n.filter), d(n.body)]
    if t is nodes.With: return ['with', d(n.targets), d(n.values), d(n.body)]
    if t is nodes.Block: return ['block', n.name, d(n.body)]
    if t is nodes.Scope:
        m = n.body[0]
        return ['scope', d(m.body), d(m.options[0].value)]
    if t is nodes.Extends: return ['extends', d(n.template)]
    if t is nodes.Include: return ['include', d(n.template)]
    if t is nodes.Import: return ['import', d(n.template), n.target]
    if t is nodes.FromImport: return ['fromimport', d(n.template), [[x, x] if isinstance(x, str) else list(x) for x in n.names]]
    if t is nodes.ExprStmt: return ['do', d(n.node)]
    if t is nodes.Break: return ['break']
    if t is nodes.Continue: return ['continue']
    return ['?', t.__name__]
def dump(e, src):
    try:
        return json.dumps(d(e.parse(src).body))
    except jinja2.TemplateSyntaxError as ex:
        return json.dumps(['error', str(ex)[:200]])
    except (RecursionError, MemoryError, SyntaxError, ValueError) as ex:
        return json.dumps(['error', type(ex).__name__])
req = json.load(sys.stdin)
plain, trimmed = env(False), env(True)
print(json.dumps([[dump(plain, src), dump(trimmed, src)] for src in req['templates']]))
`

/**
 * Jinja2's AST of each template as JSON text, under a plain Environment and under trim_blocks and
 * lstrip_blocks: `['error', why]` when Jinja2 refuses it.
 */
export function jinjaParse(templates: string[]): [string, string][] {
  // through JSON.parse, so the text is JSON.stringify's (Python spaces and escapes differently)
  const again = (s: string): string => JSON.stringify(JSON.parse(s))
  return (run(DUMP, { templates }) as [string, string][]).map(([a, b]) => [again(a), again(b)])
}

/** The same JSON shape for the checker's own AST. */
export function dumpOwn(body: Stmt[], variant: 0 | 1): unknown {
  const e = (x: Expr | undefined): unknown => (x === undefined ? null : expr(x))
  const args = (a: Extract<Expr, { k: 'call' }>['args']): unknown[] => [
    a.pos.map(e),
    a.kw.map(([k, v]) => [k, e(v)]),
    e(a.star),
    e(a.dstar)
  ]
  const OPS: Record<string, string> = { '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' }
  function expr(x: Expr): unknown {
    switch (x.k) {
      case 'const': {
        const c = x.v
        if (c.t === 'str') return ['const', c.v === null ? '\u0000unknown' : c.v]
        if (c.t === 'num') return ['const', c.v === undefined ? 'bigint' : c.v]
        if (c.t === 'bool') return ['const', c.v]
        return ['const', null]
      }
      case 'name':
        return ['name', x.name]
      case 'nsref':
        return ['nsref', x.name, x.attr]
      case 'tuple':
      case 'list':
        return [x.k, x.items.map(expr)]
      case 'dict':
        return ['dict', x.items.map(([k, v]) => [expr(k), expr(v)])]
      case 'getattr':
        return ['getattr', expr(x.obj), x.attr]
      case 'getitem':
        return ['getitem', expr(x.obj), expr(x.arg)]
      case 'slice':
        return ['slice', e(x.start), e(x.stop), e(x.step)]
      case 'call':
        return ['call', expr(x.fn), ...args(x.args)]
      case 'filter':
        return ['filter', e(x.node), x.name, ...args(x.args)]
      case 'test':
        return ['test', expr(x.node), x.name, ...args(x.args)]
      case 'cond':
        return ['cond', expr(x.test), expr(x.then), e(x.else)]
      case 'and':
      case 'or':
        return [x.k, expr(x.left), expr(x.right)]
      case 'not':
      case 'neg':
      case 'pos':
        return [x.k, expr(x.node)]
      case 'compare':
        return ['compare', expr(x.expr), x.ops.map((o) => [OPS[o.op] ?? o.op, expr(o.expr)])]
      case 'concat':
        return ['concat', x.nodes.map(expr)]
      case 'bin':
        return ['bin', x.op, expr(x.left), expr(x.right)]
    }
  }
  const item = (i: OutputItem): unknown => (i.k === 'data' ? ['data', i.text[variant]] : expr(i))
  const params = (ps: { name: string; default?: Expr }[]): unknown => ps.map((p) => [p.name, e(p.default)])
  function stmts(list: Stmt[]): unknown[] {
    const out: unknown[] = []
    for (const s of list) {
      if (s.k === 'output') {
        const items = s.items.filter((i) => i.k !== 'data' || i.text[variant] !== '')
        if (items.length > 0) out.push(['output', items.map(item)])
      } else out.push(stmt(s))
    }
    return out
  }
  function stmt(s: Stmt): unknown {
    switch (s.k) {
      case 'output':
        return ['output', s.items.map(item)]
      case 'for':
        return ['for', expr(s.target), expr(s.iter), stmts(s.body), stmts(s.else), e(s.test), s.recursive]
      case 'if':
        return ['if', s.branches.map((b) => [expr(b.test), stmts(b.body)]), stmts(s.else)]
      case 'set':
        return ['set', expr(s.target), expr(s.value)]
      case 'setblock':
        return ['setblock', expr(s.target), e(s.filter), stmts(s.body)]
      case 'macro':
        return ['macro', s.name, params(s.params), stmts(s.body)]
      case 'callblock':
        return ['callblock', params(s.params), expr(s.call), stmts(s.body)]
      case 'filterblock':
        return ['filterblock', expr(s.filter), stmts(s.body)]
      case 'with':
        return ['with', s.targets.map(expr), s.values.map(expr), stmts(s.body)]
      case 'block':
        return ['block', s.name, stmts(s.body)]
      case 'scope':
        return ['scope', stmts(s.body), e(s.autoescape)]
      case 'extends':
      case 'include':
        return [s.k, expr(s.template)]
      case 'import':
        return ['import', expr(s.template), s.target]
      case 'fromimport':
        return ['fromimport', expr(s.template), s.names]
      case 'do':
        return ['do', expr(s.expr)]
      case 'break':
      case 'continue':
        return [s.k]
    }
  }
  return stmts(body)
}

const RENDER = String.raw`
req = json.load(sys.stdin)
out = []
envs = {}
compiled = {}
for job in req['jobs']:
    k = (job.get('trim', True), job.get('sandbox', False))
    if k not in envs:
        envs[k] = env(*k)
        envs[k].globals['raise_exception'] = lambda m: (_ for _ in ()).throw(Exception(m))
        envs[k].globals['strftime_now'] = lambda f: '26 Jul 2024'
    e = envs[k]
    try:
        ck = (k, job['template'])
        if ck not in compiled:
            compiled[ck] = e.from_string(job['template'])
        text = compiled[ck].render(**job.get('context', {}))
        out.append({'ok': True, 'text': text[:4000]})
    except Exception as ex:
        out.append({'ok': False, 'error': type(ex).__name__ + ': ' + str(ex)[:300]})
print(json.dumps({'pid': os.getpid(), 'results': out}))
`

export interface RenderJob {
  template: string
  context?: Record<string, unknown>
  trim?: boolean
  sandbox?: boolean
}

/** Renders each template in Python (a plain Environment unless `sandbox`), returning the text or the error. */
export function jinjaRender(jobs: RenderJob[]): {
  pid: number
  results: ({ ok: true; text: string } | { ok: false; error: string })[]
} {
  return run(RENDER, { jobs }) as ReturnType<typeof jinjaRender>
}

const EVAL = String.raw`
req = json.load(sys.stdin)
e = env(False)
out = []
for src in req['exprs']:
    try:
        v = e.from_string('{% set __v = ' + src + ' %}{{ __v is string }}|{{ __v }}').render()
        kind, _, text = v.partition('|')
        out.append(text if kind == 'True' else None)
    except Exception as ex:
        out.append(None)
print(json.dumps(out))
`

/** The string each expression evaluates to in Jinja2, or null when it is not a string (or fails). */
export function jinjaEval(exprs: string[]): (string | null)[] {
  return run(EVAL, { exprs }) as (string | null)[]
}
