/**
 * Jinja's parser (jinja2/parser.py), method for method: the same grammar, precedence and statement tags,
 * with the extensions chat-template renderers enable (loopcontrols' break/continue, transformers'
 * generation block) and `do`. What Jinja refuses to compile is a JinjaSyntaxError here too.
 */
import { JinjaLimitError, JinjaSyntaxError, type Token } from './jinja-lexer.js'

export interface Span {
  pos: number
  end: number
}

export type ConstValue =
  | { t: 'str'; v: string | null }
  | { t: 'num'; v: number | undefined; int: boolean }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }

export interface Args {
  pos: Expr[]
  kw: [string, Expr][]
  star?: Expr
  dstar?: Expr
}

export type Expr = Span & { depth: number } & (
    | { k: 'const'; v: ConstValue }
    | { k: 'name'; name: string }
    | { k: 'nsref'; name: string; attr: string }
    | { k: 'tuple' | 'list'; items: Expr[] }
    | { k: 'dict'; items: [Expr, Expr][] }
    | { k: 'getattr'; obj: Expr; attr: string }
    | { k: 'getitem'; obj: Expr; arg: Expr }
    | { k: 'slice'; start?: Expr; stop?: Expr; step?: Expr }
    | { k: 'call'; fn: Expr; args: Args }
    | { k: 'filter'; node?: Expr; name: string; args: Args }
    | { k: 'test'; node: Expr; name: string; args: Args }
    | { k: 'cond'; test: Expr; then: Expr; else?: Expr }
    | { k: 'and' | 'or'; left: Expr; right: Expr }
    | { k: 'not' | 'neg' | 'pos'; node: Expr }
    | { k: 'compare'; expr: Expr; ops: { op: string; expr: Expr }[] }
    | { k: 'concat'; nodes: Expr[] }
    | { k: 'bin'; op: string; left: Expr; right: Expr }
  )

export type OutputItem = Expr | (Span & { k: 'data'; text: [string, string] })

export interface Param {
  name: string
  default?: Expr
}

export type Stmt = Span &
  (
    | { k: 'output'; items: OutputItem[] }
    | { k: 'for'; target: Expr; iter: Expr; body: Stmt[]; else: Stmt[]; test?: Expr; recursive: boolean }
    | { k: 'if'; branches: { test: Expr; body: Stmt[] }[]; else: Stmt[] }
    | { k: 'set'; target: Expr; value: Expr }
    | { k: 'setblock'; target: Expr; filter?: Expr; body: Stmt[] }
    | { k: 'macro'; name: string; params: Param[]; body: Stmt[] }
    | { k: 'callblock'; params: Param[]; call: Expr; body: Stmt[] }
    | { k: 'filterblock'; filter: Expr; body: Stmt[] }
    | { k: 'with'; targets: Expr[]; values: Expr[]; body: Stmt[] }
    | { k: 'block'; name: string; body: Stmt[] }
    | { k: 'scope'; body: Stmt[]; autoescape?: Expr }
    | { k: 'extends' | 'include'; template: Expr }
    | { k: 'import'; template: Expr; target: string }
    | { k: 'fromimport'; template: Expr; names: [string, string][] }
    | { k: 'do'; expr: Expr }
    | { k: 'break' | 'continue' }
  )

/** Deeper than this (parser recursion or expression tree) is reported, not followed. */
export const MAX_NESTING = 200
export const MAX_EXPR_DEPTH = 400

type ExprBody = Expr extends infer E ? (E extends unknown ? Omit<E, 'pos' | 'end' | 'depth'> : never) : never

const ASSIGN_RESERVED = new Set(['true', 'false', 'none', 'True', 'False', 'None'])
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>='])

export function parse(tokens: Token[]): Stmt[] {
  return new Parser(tokens).parseTemplate()
}

class Parser {
  private i = 0
  private nesting = 0

  constructor(private readonly tokens: Token[]) {}

  parseTemplate(): Stmt[] {
    return this.subparse(undefined)
  }

  // ---- the token stream ----

  private get cur(): Token {
    return this.tokens[this.i] as Token
  }

  private look(): Token {
    return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)] as Token
  }

  private next(): Token {
    const t = this.cur
    if (t.type !== 'eof') this.i++
    return t
  }

  private isOp(v: string, t: Token = this.cur): boolean {
    return t.type === 'op' && t.value === v
  }

  private isName(v: string, t: Token = this.cur): boolean {
    return t.type === 'name' && t.value === v
  }

  private skipOp(v: string): boolean {
    if (!this.isOp(v)) return false
    this.next()
    return true
  }

  private skipName(v: string): boolean {
    if (!this.isName(v)) return false
    this.next()
    return true
  }

  private expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(`expected token '${v}', got ${this.describe()}`)
    return this.next()
  }

  private expectName(v?: string): Token {
    if (this.cur.type !== 'name' || (v !== undefined && this.cur.value !== v))
      this.fail(`expected ${v ?? 'name'}, got ${this.describe()}`)
    return this.next()
  }

  private expectType(type: Token['type']): Token {
    if (this.cur.type !== type) this.fail(`expected ${type.replace('_', ' ')}, got ${this.describe()}`)
    return this.next()
  }

  private describe(): string {
    const t = this.cur
    return t.type === 'eof' ? 'end of template' : `'${t.value.slice(0, 40)}'`
  }

  private fail(message: string, pos = this.cur.pos): never {
    throw new JinjaSyntaxError(message, pos)
  }

  private enter(): void {
    if (++this.nesting > MAX_NESTING)
      throw new JinjaLimitError(`nesting deeper than ${MAX_NESTING} levels`, this.cur.pos)
  }

  private leave(): void {
    this.nesting--
  }

  private mk(body: ExprBody, pos: number, children: readonly (Expr | undefined)[] = []): Expr {
    let depth = 0
    for (const c of children) if (c !== undefined && c.depth > depth) depth = c.depth
    depth++
    if (depth > MAX_EXPR_DEPTH)
      throw new JinjaLimitError(`an expression nested deeper than ${MAX_EXPR_DEPTH} levels`, pos)
    const prev = this.tokens[this.i - 1]
    const node = body as Expr
    node.pos = pos
    node.end = prev ? Math.max(prev.end, pos) : pos
    node.depth = depth
    return node
  }

  private stmt<S extends Omit<Stmt, 'pos' | 'end'>>(body: S, pos: number): Stmt {
    const prev = this.tokens[this.i - 1]
    return { ...body, pos, end: prev ? Math.max(prev.end, pos) : pos } as unknown as Stmt
  }

  // ---- statements ----

  private subparse(endTokens: string[] | undefined): Stmt[] {
    this.enter()
    const body: Stmt[] = []
    let buffer: OutputItem[] = []
    const flush = (): void => {
      if (buffer.length > 0) {
        const first = buffer[0] as OutputItem
        const last = buffer[buffer.length - 1] as OutputItem
        body.push({ k: 'output', items: buffer, pos: first.pos, end: last.end })
        buffer = []
      }
    }
    while (this.cur.type !== 'eof') {
      const t = this.cur
      if (t.type === 'data') {
        buffer.push({ k: 'data', text: t.data as [string, string], pos: t.pos, end: t.end })
        this.next()
      } else if (t.type === 'variable_begin') {
        this.next()
        buffer.push(this.parseTuple({}))
        this.expectType('variable_end')
      } else if (t.type === 'block_begin') {
        flush()
        this.next()
        if (endTokens !== undefined && this.cur.type === 'name' && endTokens.includes(this.cur.value)) {
          this.leave()
          return body
        }
        body.push(this.parseStatement())
        this.expectType('block_end')
      } else {
        this.fail(`unexpected ${this.describe()}`)
      }
    }
    flush()
    this.leave()
    return body
  }

  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.skipOp(':')
    this.expectType('block_end')
    const result = this.subparse(endTokens)
    if (this.cur.type === 'eof') this.fail(`unexpected end of template, expected ${endTokens.join(' or ')}`)
    if (dropNeedle) this.next()
    return result
  }

  private parseStatement(): Stmt {
    const t = this.cur
    if (t.type !== 'name') this.fail('tag name expected')
    const pos = t.pos
    switch (t.value) {
      case 'for':
        return this.parseFor()
      case 'if':
        return this.parseIf()
      case 'set':
        return this.parseSet()
      case 'macro': {
        this.next()
        const name = this.parseAssignTarget({ nameOnly: true })
        const params = this.parseSignature()
        const body = this.parseStatements(['endmacro'], true)
        return this.stmt({ k: 'macro', name: (name as { name: string }).name, params, body }, pos)
      }
      case 'call': {
        this.next()
        const params = this.isOp('(') ? this.parseSignature() : []
        const call = this.parseExpression()
        if (call.k !== 'call') this.fail('expected call', pos)
        const body = this.parseStatements(['endcall'], true)
        return this.stmt({ k: 'callblock', params, call, body }, pos)
      }
      case 'filter': {
        this.next()
        const filter = this.parseFilter(undefined, true) as Expr
        const body = this.parseStatements(['endfilter'], true)
        return this.stmt({ k: 'filterblock', filter, body }, pos)
      }
      case 'with':
        return this.parseWith()
      case 'autoescape': {
        this.next()
        const autoescape = this.parseExpression()
        const body = this.parseStatements(['endautoescape'], true)
        return this.stmt({ k: 'scope', body, autoescape }, pos)
      }
      case 'block': {
        this.next()
        const name = this.expectName().value
        this.skipName('scoped')
        this.skipName('required')
        if (this.isOp('-')) this.fail('Block names in Jinja have to be valid Python identifiers')
        const body = this.parseStatements(['endblock'], true)
        this.skipName(name)
        return this.stmt({ k: 'block', name, body }, pos)
      }
      case 'extends':
      case 'include': {
        this.next()
        const template = this.parseExpression()
        if (t.value === 'include' && this.isName('ignore') && this.isName('missing', this.look())) {
          this.next()
          this.next()
        }
        if (t.value === 'include') this.parseImportContext()
        return this.stmt({ k: t.value, template }, pos)
      }
      case 'import': {
        this.next()
        const template = this.parseExpression()
        this.expectName('as')
        const target = (this.parseAssignTarget({ nameOnly: true }) as { name: string }).name
        this.parseImportContext()
        return this.stmt({ k: 'import', template, target }, pos)
      }
      case 'from':
        return this.parseFrom()
      case 'print': {
        this.next()
        const items: Expr[] = []
        while (this.cur.type !== 'block_end') {
          if (items.length > 0) this.expectOp(',')
          items.push(this.parseExpression())
        }
        return this.stmt({ k: 'output', items }, pos)
      }
      case 'do': {
        this.next()
        return this.stmt({ k: 'do', expr: this.parseTuple({}) }, pos)
      }
      case 'break':
      case 'continue':
        this.next()
        return this.stmt({ k: t.value }, pos)
      case 'generation': {
        this.next()
        const body = this.parseStatements(['endgeneration'], true)
        return this.stmt({ k: 'scope', body }, pos)
      }
      default:
        return this.fail(`Encountered unknown tag '${t.value.slice(0, 40)}'`)
    }
  }

  private parseFor(): Stmt {
    const pos = this.expectName('for').pos
    const target = this.parseAssignTarget({ extraEnd: ['in'] })
    this.expectName('in')
    const iter = this.parseTuple({ condexpr: false, extraEnd: ['recursive'] })
    const test = this.skipName('if') ? this.parseExpression() : undefined
    const recursive = this.skipName('recursive')
    const body = this.parseStatements(['endfor', 'else'])
    const elseBody = this.next().value === 'endfor' ? [] : this.parseStatements(['endfor'], true)
    return this.stmt({ k: 'for', target, iter, body, else: elseBody, ...(test && { test }), recursive }, pos)
  }

  private parseIf(): Stmt {
    const pos = this.expectName('if').pos
    const branches: { test: Expr; body: Stmt[] }[] = []
    let elseBody: Stmt[] = []
    for (;;) {
      const test = this.parseTuple({ condexpr: false })
      branches.push({ test, body: this.parseStatements(['elif', 'else', 'endif']) })
      const t = this.next()
      if (t.value === 'elif') continue
      if (t.value === 'else') elseBody = this.parseStatements(['endif'], true)
      break
    }
    return this.stmt({ k: 'if', branches, else: elseBody }, pos)
  }

  private parseSet(): Stmt {
    const pos = this.next().pos
    const target = this.parseAssignTarget({ withNamespace: true })
    if (this.skipOp('=')) return this.stmt({ k: 'set', target, value: this.parseTuple({}) }, pos)
    const filter = this.parseFilter(undefined)
    const body = this.parseStatements(['endset'], true)
    return this.stmt({ k: 'setblock', target, ...(filter && { filter }), body }, pos)
  }

  private parseWith(): Stmt {
    const pos = this.next().pos
    const targets: Expr[] = []
    const values: Expr[] = []
    while (this.cur.type !== 'block_end') {
      if (targets.length > 0) this.expectOp(',')
      targets.push(this.parseAssignTarget({}))
      this.expectOp('=')
      values.push(this.parseExpression())
    }
    const body = this.parseStatements(['endwith'], true)
    return this.stmt({ k: 'with', targets, values, body }, pos)
  }

  private parseImportContext(): void {
    if ((this.isName('with') || this.isName('without')) && this.isName('context', this.look())) {
      this.next()
      this.next()
    }
  }

  private parseFrom(): Stmt {
    const pos = this.next().pos
    const template = this.parseExpression()
    this.expectName('import')
    const names: [string, string][] = []
    const context = (): boolean => {
      if ((this.isName('with') || this.isName('without')) && this.isName('context', this.look())) {
        this.next()
        this.next()
        return true
      }
      return false
    }
    for (;;) {
      if (names.length > 0) this.expectOp(',')
      if (this.cur.type !== 'name') this.expectName()
      if (context()) break
      const target = (this.parseAssignTarget({ nameOnly: true }) as { name: string }).name
      if (target.startsWith('_')) this.fail('names starting with an underline can not be imported')
      const alias = this.skipName('as')
        ? (this.parseAssignTarget({ nameOnly: true }) as { name: string }).name
        : target
      names.push([target, alias])
      if (context() || !this.isOp(',')) break
    }
    return this.stmt({ k: 'fromimport', template, names }, pos)
  }

  private parseSignature(): Param[] {
    const params: Param[] = []
    let defaults = false
    this.expectOp('(')
    while (!this.isOp(')')) {
      if (params.length > 0) this.expectOp(',')
      const name = (this.parseAssignTarget({ nameOnly: true }) as { name: string }).name
      if (this.skipOp('=')) {
        params.push({ name, default: this.parseExpression() })
        defaults = true
      } else {
        if (defaults) this.fail('non-default argument follows default argument')
        params.push({ name })
      }
    }
    this.expectOp(')')
    return params
  }

  private parseAssignTarget(o: { nameOnly?: boolean; extraEnd?: string[]; withNamespace?: boolean }): Expr {
    let target: Expr
    if (o.nameOnly) {
      const t = this.expectName()
      target = this.mk({ k: 'name', name: t.value }, t.pos)
    } else {
      target = this.parseTuple({ simplified: true, extraEnd: o.extraEnd, withNamespace: o.withNamespace })
    }
    if (!assignable(target)) this.fail(`can't assign to ${target.k}`, target.pos)
    return target
  }

  // ---- expressions ----

  private parseExpression(condexpr = true): Expr {
    this.enter()
    const e = condexpr ? this.parseCondexpr() : this.parseOr()
    this.leave()
    return e
  }

  private parseCondexpr(): Expr {
    const pos = this.cur.pos
    let expr1 = this.parseOr()
    while (this.skipName('if')) {
      const test = this.parseOr()
      const expr3 = this.skipName('else') ? this.parseCondexpr() : undefined
      expr1 = this.mk({ k: 'cond', test, then: expr1, ...(expr3 && { else: expr3 }) }, pos, [
        test,
        expr1,
        expr3
      ])
    }
    return expr1
  }

  private parseOr(): Expr {
    const pos = this.cur.pos
    let left = this.parseAnd()
    while (this.skipName('or')) {
      const right = this.parseAnd()
      left = this.mk({ k: 'or', left, right }, pos, [left, right])
    }
    return left
  }

  private parseAnd(): Expr {
    const pos = this.cur.pos
    let left = this.parseNot()
    while (this.skipName('and')) {
      const right = this.parseNot()
      left = this.mk({ k: 'and', left, right }, pos, [left, right])
    }
    return left
  }

  private parseNot(): Expr {
    if (this.isName('not')) {
      const pos = this.next().pos
      this.enter()
      const node = this.parseNot()
      this.leave()
      return this.mk({ k: 'not', node }, pos, [node])
    }
    return this.parseCompare()
  }

  private parseCompare(): Expr {
    const pos = this.cur.pos
    const expr = this.parseMath1()
    const ops: { op: string; expr: Expr }[] = []
    for (;;) {
      const t = this.cur
      if (t.type === 'op' && COMPARE.has(t.value)) {
        this.next()
        ops.push({ op: t.value, expr: this.parseMath1() })
      } else if (this.skipName('in')) {
        ops.push({ op: 'in', expr: this.parseMath1() })
      } else if (this.isName('not') && this.isName('in', this.look())) {
        this.next()
        this.next()
        ops.push({ op: 'notin', expr: this.parseMath1() })
      } else {
        break
      }
    }
    if (ops.length === 0) return expr
    return this.mk({ k: 'compare', expr, ops }, pos, [expr, ...ops.map((o) => o.expr)])
  }

  private parseMath1(): Expr {
    const pos = this.cur.pos
    let left = this.parseConcat()
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value
      const right = this.parseConcat()
      left = this.mk({ k: 'bin', op, left, right }, pos, [left, right])
    }
    return left
  }

  private parseConcat(): Expr {
    const pos = this.cur.pos
    const nodes = [this.parseMath2()]
    while (this.skipOp('~')) nodes.push(this.parseMath2())
    if (nodes.length === 1) return nodes[0] as Expr
    return this.mk({ k: 'concat', nodes }, pos, nodes)
  }

  private parseMath2(): Expr {
    const pos = this.cur.pos
    let left = this.parsePow()
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = this.next().value
      const right = this.parsePow()
      left = this.mk({ k: 'bin', op, left, right }, pos, [left, right])
    }
    return left
  }

  private parsePow(): Expr {
    const pos = this.cur.pos
    let left = this.parseUnary()
    while (this.skipOp('**')) {
      const right = this.parseUnary()
      left = this.mk({ k: 'bin', op: '**', left, right }, pos, [left, right])
    }
    return left
  }

  private parseUnary(withFilter = true): Expr {
    const pos = this.cur.pos
    this.enter()
    let node: Expr
    if (this.skipOp('-')) {
      const inner = this.parseUnary(false)
      node = this.mk({ k: 'neg', node: inner }, pos, [inner])
    } else if (this.skipOp('+')) {
      const inner = this.parseUnary(false)
      node = this.mk({ k: 'pos', node: inner }, pos, [inner])
    } else {
      node = this.parsePrimary()
    }
    node = this.parsePostfix(node)
    if (withFilter) node = this.parseFilterExpr(node)
    this.leave()
    return node
  }

  private parsePrimary(withNamespace = false): Expr {
    const t = this.cur
    const pos = t.pos
    if (t.type === 'name') {
      this.next()
      if (t.value === 'true' || t.value === 'True' || t.value === 'false' || t.value === 'False')
        return this.mk({ k: 'const', v: { t: 'bool', v: t.value === 'true' || t.value === 'True' } }, pos)
      if (t.value === 'none' || t.value === 'None') return this.mk({ k: 'const', v: { t: 'none' } }, pos)
      if (withNamespace && this.isOp('.')) {
        this.next()
        const attr = this.expectName().value
        return this.mk({ k: 'nsref', name: t.value, attr }, pos)
      }
      return this.mk({ k: 'name', name: t.value }, pos)
    }
    if (t.type === 'string') {
      this.next()
      let v: string | null = t.text ?? null
      while (this.cur.type === 'string') {
        const more = this.next().text ?? null
        v = v === null || more === null ? null : v + more
      }
      return this.mk({ k: 'const', v: { t: 'str', v } }, pos)
    }
    if (t.type === 'integer' || t.type === 'float') {
      this.next()
      return this.mk({ k: 'const', v: { t: 'num', v: t.num, int: t.type === 'integer' } }, pos)
    }
    if (this.isOp('(')) {
      this.next()
      const node = this.parseTuple({ explicitParens: true })
      const close = this.expectOp(')')
      return { ...node, pos, end: close.end }
    }
    if (this.isOp('[')) return this.parseList()
    if (this.isOp('{')) return this.parseDict()
    return this.fail(`unexpected ${this.describe()}`)
  }

  private parseTuple(o: {
    simplified?: boolean
    condexpr?: boolean
    extraEnd?: string[] | undefined
    explicitParens?: boolean
    withNamespace?: boolean | undefined
  }): Expr {
    const pos = this.cur.pos
    const args: Expr[] = []
    let isTuple = false
    for (;;) {
      if (args.length > 0) this.expectOp(',')
      if (this.isTupleEnd(o.extraEnd)) break
      args.push(o.simplified ? this.parsePrimary(o.withNamespace) : this.parseExpression(o.condexpr ?? true))
      if (this.isOp(',')) isTuple = true
      else break
    }
    if (!isTuple) {
      if (args.length > 0) return args[0] as Expr
      if (!o.explicitParens) this.fail(`Expected an expression, got ${this.describe()}`)
    }
    return this.mk({ k: 'tuple', items: args }, pos, args)
  }

  private isTupleEnd(extraEnd: string[] | undefined): boolean {
    const t = this.cur
    if (t.type === 'variable_end' || t.type === 'block_end' || this.isOp(')')) return true
    return extraEnd !== undefined && t.type === 'name' && extraEnd.includes(t.value)
  }

  private parseList(): Expr {
    const pos = this.expectOp('[').pos
    const items: Expr[] = []
    while (!this.isOp(']')) {
      if (items.length > 0) this.expectOp(',')
      if (this.isOp(']')) break
      items.push(this.parseExpression())
    }
    this.expectOp(']')
    return this.mk({ k: 'list', items }, pos, items)
  }

  private parseDict(): Expr {
    const pos = this.expectOp('{').pos
    const items: [Expr, Expr][] = []
    while (!this.isOp('}')) {
      if (items.length > 0) this.expectOp(',')
      if (this.isOp('}')) break
      const key = this.parseExpression()
      this.expectOp(':')
      items.push([key, this.parseExpression()])
    }
    this.expectOp('}')
    return this.mk({ k: 'dict', items }, pos, items.flat())
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node)
      else if (this.isOp('(')) node = this.parseCall(node)
      else return node
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) node = this.parseFilter(node) as Expr
      else if (this.isName('is')) node = this.parseTest(node)
      else if (this.isOp('(')) node = this.parseCall(node)
      else return node
    }
  }

  private parseSubscript(node: Expr): Expr {
    const t = this.next()
    if (t.value === '.') {
      const attr = this.next()
      if (attr.type === 'name')
        return this.mk({ k: 'getattr', obj: node, attr: attr.value }, node.pos, [node])
      if (attr.type !== 'integer') this.fail('expected name or number', attr.pos)
      const arg = this.mk({ k: 'const', v: { t: 'num', v: attr.num, int: true } }, attr.pos)
      return this.mk({ k: 'getitem', obj: node, arg }, node.pos, [node, arg])
    }
    const args: Expr[] = []
    while (!this.isOp(']')) {
      if (args.length > 0) this.expectOp(',')
      args.push(this.parseSubscribed())
    }
    this.expectOp(']')
    const arg = args.length === 1 ? (args[0] as Expr) : this.mk({ k: 'tuple', items: args }, t.pos, args)
    return this.mk({ k: 'getitem', obj: node, arg }, node.pos, [node, arg])
  }

  private parseSubscribed(): Expr {
    const pos = this.cur.pos
    const parts: (Expr | undefined)[] = []
    if (this.skipOp(':')) {
      parts.push(undefined)
    } else {
      const node = this.parseExpression()
      if (!this.isOp(':')) return node
      this.next()
      parts.push(node)
    }
    const endsSlot = (): boolean => this.isOp(']') || this.isOp(',')
    if (this.isOp(':')) parts.push(undefined)
    else if (!endsSlot()) parts.push(this.parseExpression())
    else parts.push(undefined)
    if (this.skipOp(':')) parts.push(endsSlot() ? undefined : this.parseExpression())
    else parts.push(undefined)
    const [start, stop, step] = parts
    return this.mk(
      { k: 'slice', ...(start && { start }), ...(stop && { stop }), ...(step && { step }) },
      pos,
      [start, stop, step]
    )
  }

  private parseCallArgs(): Args {
    const open = this.expectOp('(')
    const args: Args = { pos: [], kw: [] }
    let requireComma = false
    const ensure = (ok: boolean): void => {
      if (!ok) this.fail('invalid syntax for function call expression', open.pos)
    }
    while (!this.isOp(')')) {
      if (requireComma) {
        this.expectOp(',')
        if (this.isOp(')')) break
      }
      if (this.isOp('*')) {
        ensure(args.star === undefined && args.dstar === undefined)
        this.next()
        args.star = this.parseExpression()
      } else if (this.isOp('**')) {
        ensure(args.dstar === undefined)
        this.next()
        args.dstar = this.parseExpression()
      } else if (this.cur.type === 'name' && this.isOp('=', this.look())) {
        ensure(args.dstar === undefined)
        const key = this.next().value
        this.next()
        args.kw.push([key, this.parseExpression()])
      } else {
        ensure(args.star === undefined && args.dstar === undefined && args.kw.length === 0)
        args.pos.push(this.parseExpression())
      }
      requireComma = true
    }
    this.expectOp(')')
    return args
  }

  private parseCall(node: Expr): Expr {
    const args = this.parseCallArgs()
    return this.mk({ k: 'call', fn: node, args }, node.pos, [node, ...argExprs(args)])
  }

  private parseFilter(node: Expr | undefined, startInline = false): Expr | undefined {
    while (this.isOp('|') || startInline) {
      if (!startInline) this.next()
      const t = this.expectName()
      let name = t.value
      while (this.skipOp('.')) name += `.${this.expectName().value}`
      const args = this.isOp('(') ? this.parseCallArgs() : { pos: [], kw: [] }
      node = this.mk({ k: 'filter', ...(node && { node }), name, args }, node?.pos ?? t.pos, [
        node,
        ...argExprs(args)
      ])
      startInline = false
    }
    return node
  }

  private parseTest(node: Expr): Expr {
    const isTok = this.next()
    const negated = this.skipName('not')
    let name = this.expectName().value
    while (this.skipOp('.')) name += `.${this.expectName().value}`
    let args: Args = { pos: [], kw: [] }
    const t = this.cur
    if (this.isOp('(')) {
      args = this.parseCallArgs()
    } else if (
      (t.type === 'name' ||
        t.type === 'string' ||
        t.type === 'integer' ||
        t.type === 'float' ||
        this.isOp('[') ||
        this.isOp('{')) &&
      !this.isName('else') &&
      !this.isName('or') &&
      !this.isName('and')
    ) {
      if (this.isName('is')) this.fail('You cannot chain multiple tests with is')
      args = { pos: [this.parsePostfix(this.parsePrimary())], kw: [] }
    }
    const test = this.mk({ k: 'test', node, name, args }, node.pos, [node, ...argExprs(args)])
    return negated ? this.mk({ k: 'not', node: test }, isTok.pos, [test]) : test
  }
}

function assignable(e: Expr): boolean {
  if (e.k === 'name') return !ASSIGN_RESERVED.has(e.name)
  if (e.k === 'nsref') return true
  if (e.k === 'tuple') return e.items.every(assignable)
  return false
}

export function argExprs(a: Args): Expr[] {
  const out = [...a.pos, ...a.kw.map((k) => k[1])]
  if (a.star) out.push(a.star)
  if (a.dstar) out.push(a.dstar)
  return out
}
