import {
  ListLabelKeysArgs,
  ListLabelValuesArgs,
  parseArgs,
  uuidArg,
  type CollectOptions
} from './method-args.js'
import { collect, totalOf, type ApiContext } from './api-context.js'
import { invalidArgument } from './airs-error.js'
import type { Collected } from './paginate.js'
import { LabelKey, type Label } from './schemas/common.js'
import {
  DeleteLabelKeysSchema,
  LabelKeyListSchema,
  LabelValueListSchema,
  LabelsRequestSchema,
  LabelsResponseSchema
} from './schemas/data-plane.js'

interface CallOptions {
  signal?: AbortSignal
}
const self = (s: string) => s

/** Data plane: labels on scans, and the label taxonomy across scans. */
export class LabelsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** Merges labels into a scan's set; an existing key takes the new value. */
  async add(scanUuid: string, labels: Label[], opts: CallOptions = {}): Promise<void> {
    await this.write('POST', 'labels.add', scanUuid, labels, opts)
  }

  /** Replaces a scan's whole label set. */
  async set(scanUuid: string, labels: Label[], opts: CallOptions = {}): Promise<void> {
    await this.write('PUT', 'labels.set', scanUuid, labels, opts)
  }

  /** Removes labels by key; keys the scan does not have are ignored by the service. */
  async delete(scanUuid: string, keys: string[], opts: CallOptions = {}): Promise<void> {
    const id = uuidArg(scanUuid, 'scan UUID', 'labels.delete')
    const parsed = DeleteLabelKeysSchema.safeParse(keys)
    if (!parsed.success)
      throw invalidArgument(`Invalid arguments to labels.delete: keys: ${parsed.error.issues[0]?.message}.`)
    await this.ctx.transport.call({
      plane: 'data',
      method: 'DELETE',
      path: '/v1/scans/{scan_uuid}/labels',
      params: { scan_uuid: id },
      query: { keys: parsed.data },
      schema: null,
      signal: opts.signal
    })
  }

  async listKeys(args: ListLabelKeysArgs = {}, opts: CallOptions = {}) {
    const query = parseArgs(ListLabelKeysArgs, args, 'labels.listKeys')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans/label-keys',
      query,
      schema: LabelKeyListSchema,
      signal: opts.signal
    })
  }

  async allKeys(
    args: Omit<ListLabelKeysArgs, 'skip' | 'limit'> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<string>> {
    parseArgs(ListLabelKeysArgs, args, 'labels.allKeys')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.listKeys({ ...args, skip, limit }, opts)
        return { items: page.keys, total: totalOf(page.pagination) }
      },
      self,
      opts
    )
  }

  async listValues(key: string, args: ListLabelValuesArgs = {}, opts: CallOptions = {}) {
    const k = this.keyArg(key, 'labels.listValues')
    const query = parseArgs(ListLabelValuesArgs, args, 'labels.listValues')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans/label-keys/{key}/values',
      params: { key: k },
      query,
      schema: LabelValueListSchema,
      signal: opts.signal
    })
  }

  async allValues(
    key: string,
    args: Omit<ListLabelValuesArgs, 'skip' | 'limit'> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<string>> {
    this.keyArg(key, 'labels.allValues')
    parseArgs(ListLabelValuesArgs, args, 'labels.allValues')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.listValues(key, { ...args, skip, limit }, opts)
        return { items: page.values, total: totalOf(page.pagination) }
      },
      self,
      opts
    )
  }

  private keyArg(key: string, method: string): string {
    const r = LabelKey.safeParse(key)
    if (!r.success)
      throw invalidArgument(`Invalid label key passed to ${method}: ${r.error.issues[0]?.message}.`)
    return r.data
  }

  private async write(
    method: 'POST' | 'PUT',
    name: string,
    scanUuid: string,
    labels: Label[],
    opts: CallOptions
  ) {
    const id = uuidArg(scanUuid, 'scan UUID', name)
    const body = parseArgs(LabelsRequestSchema, { labels }, name)
    await this.ctx.transport.call({
      plane: 'data',
      method,
      path: '/v1/scans/{scan_uuid}/labels',
      params: { scan_uuid: id },
      body,
      schema: LabelsResponseSchema,
      signal: opts.signal
    })
  }
}
