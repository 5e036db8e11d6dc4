import { ListInventoryArgs, parseArgs, uuidArg, type CollectOptions } from './method-args.js'
import { byUuid, collect, totalOf, type ApiContext } from './api-context.js'
import type { Collected } from './paginate.js'
import {
  ModelListSchema,
  ModelSchema,
  ModelVersionListSchema,
  ModelVersionSchema,
  type Model,
  type ModelVersion
} from './schemas/data-plane.js'

interface CallOptions {
  signal?: AbortSignal
}

/**
 * Data plane: the model inventory the service builds from scans. A version records what a scan was really
 * of (a Hugging Face commit, a content fingerprint), which is what a release gate compares, not the name.
 */
export class InventoryApi {
  constructor(private readonly ctx: ApiContext) {}

  async listModels(args: ListInventoryArgs = {}, opts: CallOptions = {}) {
    const query = parseArgs(ListInventoryArgs, args, 'models.listModels')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/models',
      query,
      schema: ModelListSchema,
      signal: opts.signal
    })
  }

  /** Every model of the tenant, all pages (`truncated` past the client's item bound). */
  async allModels(opts: CollectOptions = {}): Promise<Collected<Model>> {
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.listModels({ skip, limit }, opts)
        return { items: page.models, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }

  async getModel(uuid: string, opts: CallOptions = {}): Promise<Model> {
    const id = uuidArg(uuid, 'model UUID', 'models.getModel')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/models/{uuid}',
      params: { uuid: id },
      schema: ModelSchema,
      signal: opts.signal
    })
  }

  async listVersions(modelUuid: string, args: ListInventoryArgs = {}, opts: CallOptions = {}) {
    const id = uuidArg(modelUuid, 'model UUID', 'models.listVersions')
    const query = parseArgs(ListInventoryArgs, args, 'models.listVersions')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/models/{uuid}/model-versions',
      params: { uuid: id },
      query,
      schema: ModelVersionListSchema,
      signal: opts.signal
    })
  }

  async getVersion(uuid: string, opts: CallOptions = {}): Promise<ModelVersion> {
    const id = uuidArg(uuid, 'model version UUID', 'models.getVersion')
    return this.ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/model-versions/{uuid}',
      params: { uuid: id },
      schema: ModelVersionSchema,
      signal: opts.signal
    })
  }
}
