/**
 * The abstract evaluation: the template's statements run once over value sets instead of values, with
 * Jinja's scoping (jinja2/idtracking.py, compiler.py): `if` shares its scope, a `for` body starts every
 * iteration from the enclosing values and leaks nothing, `with`/`set` blocks/`filter` blocks are inner
 * scopes, macro and call bodies run later (their free names are unknown unless they can only be macros).
 * Namespaces and list mutations cross every scope and iteration, so they are summaries the caller iterates
 * to a fixpoint. Every sink is checked on the way.
 */
import {
  attribute,
  binary,
  concat,
  dictOf,
  elements,
  filter,
  item,
  logical,
  method,
  negate,
  param,
  slice,
  type CallArgs
} from './jinja-fold.js'
import type { Args, Expr, Param, Span, Stmt } from './jinja-parser.js'
import { unsafeName, type Report } from './jinja-sinks.js'
import {
  BOOL,
  INT,
  TOP,
  UNDEF,
  dictKey,
  escapeHtml,
  htmlSpecial,
  isAscii,
  join,
  joinAll,
  lift,
  num,
  prime,
  pyStr,
  seq,
  seqItems,
  seqOf,
  setMutable,
  settle,
  spend,
  str,
  truthy,
  type Shape,
  type Val
} from './jinja-values.js'

/** What crosses scopes: namespace attributes (by name) and whether lists or dicts may be changed in place. */
export interface Summary {
  ns: Map<string, Val>
  nsTop: boolean
  mutation: boolean
}

export interface Collected {
  ns: Map<string, Val>
  /** a namespace was made with attributes not known (positional or ** arguments) */
  nsUnknown: boolean
  mutation: boolean
}

/** Facts about the whole template, found once before evaluating it. */
export interface Prepass {
  /** every name bound anywhere (set, for, with, macro, parameters, imports) */
  assigned: Set<string>
  /** names bound only by macros defined at the top level: inside macros they can only be those macros */
  rootMacros: Map<string, number[]>
  macros: { stmt: Extract<Stmt, { k: 'macro' }>; esc: boolean | 'maybe' }[]
  macroIds: Map<Stmt, number>
  /** the template has text captured into values (set blocks, macros, filter and call blocks) */
  captures: boolean
}

const MAX_MACRO_CHAIN = 16
const GLOBALS = new Set(['range', 'dict', 'lipsum', 'cycler', 'joiner', 'namespace'])
const EMPTY: Val = [{ t: 'str', v: '' }]

export function norm(name: string): string {
  return isAscii(name) ? name : name.normalize('NFKC')
}

interface Binding {
  v: Val
  maybe: boolean
}

/** One scope's bindings, with an undo trail so branches and loops cost only what they write. */
class State {
  readonly vars = new Map<string, Binding>()
  private readonly trail: [string, Binding | undefined][] = []

  constructor(private readonly free: (name: string) => Val) {}

  get(name: string): Val {
    const b = this.vars.get(name)
    if (!b) return this.free(name)
    return b.maybe ? join(b.v, this.free(name)) : b.v
  }

  bind(name: string, b: Binding): void {
    this.trail.push([name, this.vars.get(name)])
    this.vars.set(name, b)
  }

  set(name: string, v: Val): void {
    this.bind(name, { v, maybe: false })
  }

  mark(): number {
    return this.trail.length
  }

  written(m: number): Map<string, Binding> {
    const out = new Map<string, Binding>()
    for (let i = m; i < this.trail.length; i++) {
      const name = (this.trail[i] as [string, Binding | undefined])[0]
      if (!out.has(name)) out.set(name, this.vars.get(name) as Binding)
    }
    return out
  }

  undo(m: number): void {
    while (this.trail.length > m) {
      const [name, b] = this.trail.pop() as [string, Binding | undefined]
      if (b) this.vars.set(name, b)
      else this.vars.delete(name)
    }
  }
}

interface Ctx {
  st: State
  capture: boolean
  esc: boolean | 'maybe'
}

export class Evaluator {
  readonly collected: Collected = { ns: new Map(), nsUnknown: false, mutation: false }
  private readonly macroState: { state: 0 | 1 | 2; value: Val }[]
  private macroDepth = 0

  constructor(
    private readonly pre: Prepass,
    private readonly variant: 0 | 1,
    private readonly summary: Summary,
    private readonly report: Report
  ) {
    this.macroState = pre.macros.map(() => ({ state: 0, value: TOP }))
  }

  run(ast: Stmt[]): Collected {
    setMutable(this.summary.mutation)
    const st = new State((n) => this.global(n) ?? TOP)
    this.body(ast, { st, capture: false, esc: false })
    // macros never reached in the flow are still checked
    for (let id = 0; id < this.pre.macros.length; id++) this.macroValue(id)
    this.collected.mutation = this.report.mutation
    return this.collected
  }

  private global(n: string): Val | undefined {
    return GLOBALS.has(n) && !this.pre.assigned.has(n) ? [{ t: 'global', name: n }] : undefined
  }

  private readonly deferredFree = (n: string): Val => {
    const ids = this.pre.rootMacros.get(n)
    if (ids)
      return join(
        ids.map((id): Shape => ({ t: 'macro', id })),
        UNDEF
      )
    return this.global(n) ?? TOP
  }

  // careful: null is a value here (unknown), so no `??`
  private readonly nsAttr = (name: string): Val =>
    this.summary.nsTop ? TOP : this.summary.ns.has(name) ? (this.summary.ns.get(name) as Val) : UNDEF

  private nsAssign(attr: string, value: Val): void {
    const ns = this.collected.ns
    const v = settle(value)
    ns.set(attr, ns.has(attr) ? join(ns.get(attr) as Val, v) : v)
  }

  // ---- statements ----

  private body(stmts: Stmt[], ctx: Ctx): Val {
    let out: Val = EMPTY
    for (const s of stmts) {
      const o = this.stmt(s, ctx)
      if (ctx.capture && out !== null && o !== EMPTY) out = cat(out, o)
    }
    return out
  }

  private stmt(s: Stmt, ctx: Ctx): Val {
    spend(0)
    const st = ctx.st
    switch (s.k) {
      case 'output': {
        let out: Val = EMPTY
        for (const it of s.items) {
          if (it.k !== 'data') {
            const v = this.expr(it, ctx)
            if (ctx.capture && out !== null) out = cat(out, this.render(v, ctx))
          } else if (ctx.capture && out !== null) out = cat(out, str(it.text[this.variant]))
        }
        return ctx.capture ? out : EMPTY
      }
      case 'if': {
        const m = st.mark()
        const ends: Map<string, Binding>[] = []
        const outs: Val[] = []
        for (const br of s.branches) {
          this.expr(br.test, ctx)
          outs.push(this.body(br.body, ctx))
          ends.push(st.written(m))
          st.undo(m)
        }
        outs.push(this.body(s.else, ctx))
        ends.push(st.written(m))
        st.undo(m)
        // a name written in some branches keeps, in the others, the value it had before the `if`
        const acc = new Map<string, { b: Binding; count: number }>()
        for (const e of ends) {
          for (const [n, b] of e) {
            const a = acc.get(n)
            if (a) acc.set(n, { b: { v: join(a.b.v, b.v), maybe: a.b.maybe || b.maybe }, count: a.count + 1 })
            else acc.set(n, { b, count: 1 })
          }
        }
        for (const [n, { b, count }] of acc) {
          if (count === ends.length) st.bind(n, b)
          else {
            const before = st.vars.get(n)
            st.bind(
              n,
              before ? { v: join(b.v, before.v), maybe: b.maybe || before.maybe } : { v: b.v, maybe: true }
            )
          }
        }
        return ctx.capture ? joinAll(outs) : EMPTY
      }
      case 'for': {
        const iter = this.expr(s.iter, ctx)
        const elem = s.recursive ? TOP : elements(iter)
        const m = st.mark()
        this.assign(s.target, elem, ctx)
        if (s.test) this.expr(s.test, ctx)
        const item = settle(elem)
        prime(item)
        st.set('loop', [{ t: 'loop', item }])
        const once = this.body(s.body, ctx)
        st.undo(m)
        const otherwise = this.body(s.else, ctx)
        st.undo(m)
        if (!ctx.capture) return EMPTY
        return join(isEmpty(once) ? EMPTY : TOP, otherwise)
      }
      case 'set':
        this.assign(s.target, this.expr(s.value, ctx), ctx)
        return EMPTY
      case 'setblock': {
        const m = st.mark()
        let v = this.body(s.body, { ...ctx, capture: true })
        st.undo(m)
        v = markup(v, ctx.esc)
        if (s.filter) v = this.filterNode(s.filter, ctx, v)
        this.assign(s.target, v, ctx)
        return EMPTY
      }
      case 'macro': {
        const id = this.pre.macroIds.get(s) as number
        st.set(this.ident(s.name, s), [{ t: 'macro', id }])
        this.macroValue(id)
        return EMPTY
      }
      case 'callblock': {
        this.deferred(s.body, s.params, ctx.esc, false)
        return this.render(this.expr(s.call, ctx), ctx)
      }
      case 'filterblock': {
        const m = st.mark()
        const v = this.body(s.body, { ...ctx, capture: true })
        st.undo(m)
        return this.render(this.filterNode(s.filter, ctx, markup(v, ctx.esc)), ctx)
      }
      case 'with': {
        const values = s.values.map((v) => this.expr(v, ctx))
        const m = st.mark()
        s.targets.forEach((t, i) => this.assign(t, values[i] ?? TOP, ctx))
        const out = this.body(s.body, ctx)
        st.undo(m)
        return out
      }
      case 'block':
        return this.deferred(s.body, [], ctx.esc, ctx.capture)
      case 'scope': {
        let esc = ctx.esc
        if (s.autoescape) {
          const v = this.expr(s.autoescape, ctx)
          const t = v !== null && v.length === 1 ? truthy(v[0] as Shape) : undefined
          esc = t === undefined ? 'maybe' : t
        }
        const m = st.mark()
        const out = this.body(s.body, { ...ctx, esc })
        st.undo(m)
        return out
      }
      case 'extends':
      case 'include':
        this.report.at(s.k, s, `{% ${s.k} %}`)
        this.expr(s.template, ctx)
        return TOP
      case 'import':
        this.report.at('import', s, '{% import %}')
        this.expr(s.template, ctx)
        st.set(this.ident(s.target, s), TOP)
        return EMPTY
      case 'fromimport':
        this.report.at('import', s, '{% from … import %}')
        this.expr(s.template, ctx)
        for (const [, alias] of s.names) st.set(this.ident(alias, s), TOP)
        return EMPTY
      case 'do':
        this.expr(s.expr, ctx)
        return EMPTY
      case 'break':
      case 'continue':
        return EMPTY
    }
  }

  /** A body that runs later (macro, caller, block): its own scope, parameters unknown. */
  private deferred(body: Stmt[], params: Param[], esc: boolean | 'maybe', capture: boolean): Val {
    const st = new State(this.deferredFree)
    const ctx: Ctx = { st, capture, esc }
    for (const p of params) {
      if (p.default) this.expr(p.default, ctx)
      st.set(norm(p.name), TOP)
    }
    for (const n of ['varargs', 'kwargs', 'caller']) st.set(n, TOP)
    return this.body(body, ctx)
  }

  private macroValue(id: number): Val {
    const m = this.macroState[id] as { state: 0 | 1 | 2; value: Val }
    if (m.state === 2) return m.value
    // a macro being analysed (recursion), or one too deep in a chain of macros analysed on first call: unknown
    // for now; it is analysed where it is defined
    if (m.state === 1 || this.macroDepth >= MAX_MACRO_CHAIN) return TOP
    m.state = 1
    this.macroDepth++
    const { stmt, esc } = this.pre.macros[id] as Prepass['macros'][number]
    m.value = markup(this.deferred(stmt.body, stmt.params, esc, true), esc)
    this.macroDepth--
    m.state = 2
    return m.value
  }

  /** Binds a target; a variable may be read any number of times, so an iterator in it counts as advanced. */
  private assign(target: Expr, value: Val, ctx: Ctx): void {
    const v = settle(value)
    if (target.k === 'name') {
      ctx.st.set(this.ident(target.name, target), v)
    } else if (target.k === 'tuple') {
      // unpacking iterates the value once: its items, if known
      const n = target.items.length
      const parts = value === null ? undefined : value.map((s) => (s.t === 'seq' ? seqItems(s) : undefined))
      target.items.forEach((t, i) => {
        const part =
          parts === undefined
            ? TOP
            : joinAll(parts.map((xs) => (xs !== undefined && xs.length === n ? (xs[i] as Val) : TOP)))
        this.assign(t, part, ctx)
      })
    } else if (target.k === 'nsref') {
      this.load(target.name, target, ctx)
      this.report.name(target.attr, target, false)
      this.nsAssign(target.attr, v)
    }
  }

  /** A value written out: str(), escaped under autoescape. */
  private render(v: Val, ctx: Ctx): Val {
    if (!ctx.capture) return EMPTY
    return lift([v], ([s]) => {
      const t = pyStr(s as Shape)
      if (t === undefined) return TOP
      if (ctx.esc === true && !(s?.t === 'str' && s.markup)) return str(escapeHtml(t))
      if (ctx.esc === 'maybe' && htmlSpecial(t)) return TOP
      return str(t)
    })
  }

  // ---- expressions ----

  private ident(raw: string, at: Span): string {
    const n = norm(raw)
    if (n !== raw)
      this.report.at(
        'confusable-identifier',
        at,
        `\`${raw.slice(0, 40)}\`, which Python reads as \`${n.slice(0, 40)}\``
      )
    return n
  }

  private load(raw: string, at: Span, ctx: Ctx): Val {
    const n = this.ident(raw, at)
    if (n === 'self') this.report.at('template-reference', at, '`self`')
    else if (n === 'lipsum') this.report.at('lipsum', at, '`lipsum`')
    else if (n === 'eval' || n === 'exec') this.report.at(n, at, `\`${n}\``)
    else if (/^__[\s\S]+__$/.test(n)) this.report.at(unsafeName(n) as string, at, `\`${n.slice(0, 40)}\``)
    return ctx.st.get(n)
  }

  /** Receivers that are themselves the danger: Jinja's globals, Flask's request and config, os. */
  private receiver(objNode: Expr | undefined, obj: Val, at: Span): void {
    if (objNode?.k === 'name') {
      const n = norm(objNode.name)
      if (n === 'request') this.report.at('request-object', at, '`request`')
      else if (n === 'config') this.report.at('config-object', at, '`config`')
      else if (n === 'os') this.report.at('os-module', at, '`os`')
    }
    if (obj === null) return
    for (const s of obj) {
      if (s.t !== 'global') continue
      if (s.name === 'lipsum') this.report.at('lipsum', at, '`lipsum`')
      else this.report.at('global-object-traversal', at, `an attribute of the global \`${s.name}\``)
    }
  }

  private expr(e: Expr, ctx: Ctx): Val {
    spend(0)
    switch (e.k) {
      case 'const': {
        const c = e.v
        if (c.t === 'str') return c.v === null ? TOP : str(c.v)
        if (c.t === 'num') return num(c.v, c.int)
        if (c.t === 'bool') return [{ t: 'bool', v: c.v }]
        return [{ t: 'none' }]
      }
      case 'name':
        return this.load(e.name, e, ctx)
      case 'nsref':
        return TOP
      case 'tuple':
        return seq(
          e.items.map((x) => this.expr(x, ctx)),
          'tuple'
        )
      case 'list': {
        const items = e.items.map((x) => this.expr(x, ctx))
        return seq(items)
      }
      case 'dict': {
        const pairs: [Shape, Val][] = []
        let known = !this.summary.mutation
        for (const [k, v] of e.items) {
          const kv = this.expr(k, ctx)
          const vv = this.expr(v, ctx)
          if (kv === null || kv.length !== 1 || dictKey(kv[0] as Shape) === undefined) known = false
          else pairs.push([kv[0] as Shape, vv])
        }
        return known ? dictOf(pairs) : TOP
      }
      case 'getattr': {
        const obj = this.expr(e.obj, ctx)
        this.receiver(e.obj, obj, e)
        this.report.attribute(e.attr, obj, e)
        return attribute(obj, e.attr, this.nsAttr)
      }
      case 'getitem': {
        const obj = this.expr(e.obj, ctx)
        if (e.arg.k === 'slice') {
          const part = (x: Expr | undefined): Val | undefined =>
            x === undefined ? undefined : this.expr(x, ctx)
          return slice(obj, part(e.arg.start), part(e.arg.stop), part(e.arg.step))
        }
        const key = this.expr(e.arg, ctx)
        this.receiver(e.obj, obj, e)
        this.report.subscript(key, obj, e)
        return item(obj, key)
      }
      case 'slice':
        for (const x of [e.start, e.stop, e.step]) if (x) this.expr(x, ctx)
        return [{ t: 'slice' }]
      case 'call':
        return this.call(e, ctx)
      case 'filter':
        return this.filterNode(e, ctx, undefined)
      case 'test':
        this.expr(e.node, ctx)
        this.args(e.args, ctx, e)
        return BOOL
      case 'cond': {
        const t = this.expr(e.test, ctx)
        const a = this.expr(e.then, ctx)
        const b = e.else ? this.expr(e.else, ctx) : UNDEF
        const tv = t !== null && t.length === 1 ? truthy(t[0] as Shape) : undefined
        return tv === true ? a : tv === false ? b : join(a, b)
      }
      case 'and':
      case 'or':
        return logical(e.k, this.expr(e.left, ctx), this.expr(e.right, ctx))
      case 'not':
        this.expr(e.node, ctx)
        return BOOL
      case 'neg':
      case 'pos':
        return negate(this.expr(e.node, ctx), e.k === 'neg' ? -1 : 1)
      case 'compare':
        this.expr(e.expr, ctx)
        for (const o of e.ops) this.expr(o.expr, ctx)
        return BOOL
      case 'concat':
        return concat(
          e.nodes.map((x) => this.expr(x, ctx)),
          ctx.esc
        )
      case 'bin':
        return binary(e.op, this.expr(e.left, ctx), this.expr(e.right, ctx))
    }
  }

  /** Arguments, settled: what a callee is given it may iterate more than once. */
  private args(a: Args, ctx: Ctx, at: Span): CallArgs {
    const pos = a.pos.map((x) => settle(this.expr(x, ctx)))
    const kw = new Map<string, Val>()
    for (const [k, x] of a.kw) kw.set(this.ident(k, at), settle(this.expr(x, ctx)))
    let moreArgs = false
    let moreKw = false
    if (a.star) {
      const v = this.expr(a.star, ctx)
      const items = v !== null && v.length === 1 ? spread(v[0] as Shape) : undefined
      if (items) pos.push(...items.map(settle))
      else moreArgs = true
    }
    if (a.dstar) {
      const v = this.expr(a.dstar, ctx)
      const d = v !== null && v.length === 1 && v[0]?.t === 'dict' ? v[0] : undefined
      if (d && [...d.entries.values()].every(([k]) => k.t === 'str')) {
        for (const [k, x] of d.entries.values()) kw.set((k as { v: string }).v, settle(x))
      } else moreKw = true
    }
    return { pos, kw, moreArgs, moreKw }
  }

  private call(e: Extract<Expr, { k: 'call' }>, ctx: Ctx): Val {
    const fn = e.fn
    if (fn.k === 'getattr') {
      const recv = this.expr(fn.obj, ctx)
      this.receiver(fn.obj, recv, fn)
      this.report.attribute(fn.attr, recv, fn)
      return method(recv, fn.attr, this.args(e.args, ctx, e))
    }
    const f = this.expr(fn, ctx)
    const a = this.args(e.args, ctx, e)
    if (f === null) return TOP
    let out: Val = []
    for (const s of f) {
      let r: Val = TOP
      if (s.t === 'macro') r = this.macroValue(s.id)
      else if (s.t === 'global') r = this.callGlobal(s.name, a)
      // calling Undefined raises: no value comes of it
      else if (s.t === 'undef') r = []
      out = join(out, r)
      if (out === null) return TOP
    }
    return out
  }

  private callGlobal(name: string, a: CallArgs): Val {
    if (name === 'range') return seqOf(INT, 'range')
    if (name === 'dict') {
      if (a.pos.length > 0 || a.moreArgs || a.moreKw || this.summary.mutation) return TOP
      return dictOf([...a.kw].map(([k, v]) => [{ t: 'str', v: k }, v]))
    }
    if (name === 'namespace') {
      if (a.pos.length > 0 || a.moreArgs || a.moreKw) this.collected.nsUnknown = true
      for (const [k, v] of a.kw) this.nsAssign(k, v)
      return [{ t: 'ns' }]
    }
    return TOP
  }

  /** A filter (in a block, `input` is the captured body). */
  private filterNode(e: Expr, ctx: Ctx, input: Val | undefined): Val {
    if (e.k !== 'filter') return this.expr(e, ctx)
    const value =
      e.node === undefined ? (input === undefined ? TOP : input) : this.filterNode(e.node, ctx, input)
    if (e.node?.k === 'name') {
      const n = norm(e.node.name)
      if (n === 'request') this.report.at('request-object', e, '`request`')
      else if (n === 'config') this.report.at('config-object', e, '`config`')
    }
    const a = this.args(e.args, ctx, e)
    this.filterSinks(e.name, value, a, e)
    return filter(e.name, value, a, ctx.esc)
  }

  /**
   * The filters that look attributes up by name or pick filters and tests by name. `map('f', …)` applies
   * filter f with the remaining arguments, and f may be map again (`map('map', 'map', 'attr', …)`): the
   * chain is followed to its end, however long, one positional argument per step.
   */
  private filterSinks(name: string, input: Val, args: CallArgs, at: Span): void {
    const r = this.report
    const path = (v: Val | undefined, multi = false): void => {
      if (v !== undefined) r.attributePath(v, at, multi)
    }
    if (!SINK_FILTERS.has(name)) return
    // [filter name, how many of the positional arguments the maps before it took]
    const pending: [string, number][] = [[name, 0]]
    for (let job = pending.pop(); job !== undefined; job = pending.pop()) {
      const [n, skip] = job
      spend(1)
      // the arguments this filter gets: those after the ones the maps before it consumed
      const arg = (i: number, kw: string | undefined): Val | undefined =>
        param(args, i < 0 ? -1 : i + skip, kw)
      switch (n) {
        case 'attr': {
          r.at('attr-filter', at, 'the attr filter')
          const v = arg(0, 'name')
          if (v !== undefined) r.attrName(v, at)
          break
        }
        case 'map':
          if (args.pos.length <= skip && !args.moreArgs) {
            path(arg(-1, 'attribute'))
          } else {
            const chosen = args.pos.length > skip ? (args.pos[skip] as Val) : TOP
            const names = r.chosenName(chosen, at, 'filter-name')
            if (names) for (const m of names) if (SINK_FILTERS.has(m)) pending.push([m, skip + 1])
          }
          break
        case 'select':
        case 'reject': {
          const t = arg(0, undefined)
          if (t !== undefined) r.chosenName(t, at, 'test-name')
          break
        }
        case 'selectattr':
        case 'rejectattr': {
          // without an attribute Jinja raises before looking anything up
          const attribute = arg(0, undefined)
          path(attribute)
          const t = arg(1, undefined)
          if (t !== undefined) r.chosenName(t, at, 'test-name')
          break
        }
        case 'sort':
          path(arg(2, 'attribute'), true)
          break
        case 'unique':
        case 'min':
        case 'max':
        case 'join':
          path(arg(1, 'attribute'))
          break
        case 'sum':
        case 'groupby':
          path(arg(0, 'attribute'))
          break
      }
    }
    this.receiver(undefined, input, at)
  }
}

/** Filters that look attributes up by name, or choose filters and tests by name. */
const SINK_FILTERS = new Set([
  'attr',
  'map',
  'select',
  'reject',
  'selectattr',
  'rejectattr',
  'sort',
  'unique',
  'min',
  'max',
  'join',
  'sum',
  'groupby'
])

/** `*args`: the items of a known iterable. */
function spread(s: Shape): Val[] | undefined {
  if (s.t === 'seq') return seqItems(s)
  if (s.t === 'str') return [...s.v].length <= 4096 ? [...s.v].map((c) => str(c)) : undefined
  if (s.t === 'dict') return [...s.entries.values()].map(([k]) => [k])
  return undefined
}

function cat(a: Val, b: Val): Val {
  return lift([a, b], ([x, y]) => (x?.t === 'str' && y?.t === 'str' ? str(x.v + y.v) : TOP))
}

function isEmpty(v: Val): boolean {
  return v !== null && v.length === 1 && v[0]?.t === 'str' && v[0].v === ''
}

/** Captured text is Markup under autoescape. */
function markup(v: Val, esc: boolean | 'maybe'): Val {
  if (esc === false || v === null) return v
  return lift([v], ([s]) =>
    s?.t === 'str' ? (esc === true ? str(s.v, true) : join(str(s.v), str(s.v, true))) : [s as Shape]
  )
}

/** Statements and expressions of the whole template, for the prepass. */
export function prepass(ast: Stmt[]): Prepass {
  const pre: Prepass = {
    assigned: new Set(),
    rootMacros: new Map(),
    macros: [],
    macroIds: new Map(),
    captures: false
  }
  const binders = new Map<string, { root: boolean; macro: number | undefined }[]>()
  const bind = (name: string, root: boolean, macro?: number): void => {
    const n = norm(name)
    pre.assigned.add(n)
    const list = binders.get(n) ?? []
    list.push({ root, macro })
    binders.set(n, list)
  }
  const targets = (e: Expr): void => {
    if (e.k === 'name') bind(e.name, false)
    else if (e.k === 'tuple') e.items.forEach(targets)
  }
  const walk = (stmts: Stmt[], root: boolean, esc: boolean | 'maybe'): void => {
    for (const s of stmts) {
      switch (s.k) {
        case 'set':
          targets(s.target)
          break
        case 'setblock':
          pre.captures = true
          targets(s.target)
          walk(s.body, false, esc)
          break
        case 'for':
          targets(s.target)
          walk(s.body, false, esc)
          walk(s.else, false, esc)
          break
        case 'if':
          for (const b of s.branches) walk(b.body, false, esc)
          walk(s.else, false, esc)
          break
        case 'macro': {
          const id = pre.macros.length
          pre.macros.push({ stmt: s, esc })
          pre.macroIds.set(s, id)
          pre.captures = true
          bind(s.name, root, id)
          for (const p of s.params) bind(p.name, false)
          walk(s.body, false, esc)
          break
        }
        case 'callblock':
          pre.captures = true
          for (const p of s.params) bind(p.name, false)
          walk(s.body, false, esc)
          break
        case 'filterblock':
        case 'block':
          pre.captures = true
          walk(s.body, false, esc)
          break
        case 'with':
          s.targets.forEach(targets)
          walk(s.body, false, esc)
          break
        case 'scope': {
          let inner = esc
          if (s.autoescape) {
            const c = s.autoescape
            inner = c.k === 'const' && c.v.t === 'bool' ? c.v.v : 'maybe'
          }
          walk(s.body, false, inner)
          break
        }
        case 'import':
          bind(s.target, false)
          break
        case 'fromimport':
          for (const [, alias] of s.names) bind(alias, false)
          break
        default:
          break
      }
    }
  }
  walk(ast, true, false)
  for (const [name, list] of binders) {
    if (list.every((b) => b.root && b.macro !== undefined))
      pre.rootMacros.set(
        name,
        list.map((b) => b.macro as number)
      )
  }
  return pre
}
