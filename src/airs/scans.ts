import {
  ListEvaluationsArgs,
  ListFilesArgs,
  ListScansArgs,
  ListViolationsArgs,
  parseArgs,
  uuidArg,
  type CollectOptions
} from './method-args.js'
import { byUuid, collect, totalOf, type ApiContext } from './api-context.js'
import { createScan, findCreated, type CreateScanOptions } from './create-scan.js'
import type { Collected } from './paginate.js'
import {
  FileListSchema,
  RuleEvaluationListSchema,
  ScanListSchema,
  ScanSchema,
  ViolationListSchema,
  type RuleEvaluation,
  type Scan,
  type ScanCreateRequest,
  type ScanFile,
  type Violation
} from './schemas/data-plane.js'

type Paged<A> = Omit<A, 'skip' | 'limit'>
interface CallOptions {
  signal?: AbortSignal
}

/** Data plane: scans, their rule evaluations, violations and files. */
export class ScansApi {
  constructor(private readonly ctx: ApiContext) {}

  /** `POST /v1/scans`, safe to retry: a lost response never creates a second scan. */
  async create(body: ScanCreateRequest, opts: CreateScanOptions = {}): Promise<Scan> {
    return createScan(this.ctx, body, opts)
  }

  /**
   * The scan a create request made, found by its request label (`CREATE_REQUEST_LABEL` = `requestId`), for
   * scans created by someone else on the gate's behalf (the scanner client on the runner). Undefined when none.
   */
  async findCreated(
    requestId: string,
    opts: CallOptions & { modelUri?: string } = {}
  ): Promise<Scan | undefined> {
    return findCreated(this.ctx, opts.modelUri, requestId, opts.signal)
  }

  /** One page of `GET /v1/scans`, filtered as the arguments say (a filter is the server's; check what matters). */
  async list(args: ListScansArgs = {}, opts: CallOptions = {}) {
    const query = parseArgs(ListScansArgs, args, 'scans.list')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans',
      query,
      schema: ScanListSchema,
      signal: opts.signal
    })
  }

  async get(uuid: string, opts: CallOptions = {}): Promise<Scan> {
    const id = uuidArg(uuid, 'scan UUID', 'scans.get')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans/{uuid}',
      params: { uuid: id },
      schema: ScanSchema,
      signal: opts.signal
    })
  }

  async listEvaluations(scanUuid: string, args: ListEvaluationsArgs = {}, opts: CallOptions = {}) {
    const id = uuidArg(scanUuid, 'scan UUID', 'scans.listEvaluations')
    const query = parseArgs(ListEvaluationsArgs, args, 'scans.listEvaluations')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans/{scan_uuid}/evaluations',
      params: { scan_uuid: id },
      query,
      schema: RuleEvaluationListSchema,
      signal: opts.signal
    })
  }

  async allEvaluations(
    scanUuid: string,
    args: Paged<ListEvaluationsArgs> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<RuleEvaluation>> {
    uuidArg(scanUuid, 'scan UUID', 'scans.allEvaluations')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.listEvaluations(scanUuid, { ...args, skip, limit }, opts)
        return { items: page.evaluations, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }

  async listViolations(scanUuid: string, args: ListViolationsArgs = {}, opts: CallOptions = {}) {
    const id = uuidArg(scanUuid, 'scan UUID', 'scans.listViolations')
    const query = parseArgs(ListViolationsArgs, args, 'scans.listViolations')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans/{scan_uuid}/rule-violations',
      params: { scan_uuid: id },
      query,
      schema: ViolationListSchema,
      signal: opts.signal
    })
  }

  async allViolations(scanUuid: string, opts: CollectOptions = {}): Promise<Collected<Violation>> {
    uuidArg(scanUuid, 'scan UUID', 'scans.allViolations')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.listViolations(scanUuid, { skip, limit }, opts)
        return { items: page.violations, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }

  async listFiles(scanUuid: string, args: ListFilesArgs = {}, opts: CallOptions = {}) {
    const id = uuidArg(scanUuid, 'scan UUID', 'scans.listFiles')
    const query = parseArgs(ListFilesArgs, args, 'scans.listFiles')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans/{scan_uuid}/files',
      params: { scan_uuid: id },
      query,
      schema: FileListSchema,
      signal: opts.signal
    })
  }

  /** Every entry below `query_path` (default `/`) in one directory level, or the whole tree with `recursive`. */
  async allFiles(
    scanUuid: string,
    args: Paged<ListFilesArgs> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<ScanFile>> {
    uuidArg(scanUuid, 'scan UUID', 'scans.allFiles')
    parseArgs(ListFilesArgs, args, 'scans.allFiles')
    return collect(
      this.ctx,
      1000,
      async (skip, limit) => {
        const page = await this.listFiles(scanUuid, { ...args, skip, limit }, opts)
        return { items: page.files, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }
}
