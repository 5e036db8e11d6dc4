import * as core from '@actions/core'
import { request } from 'undici'
import { z } from 'zod'

const s = z.object({ a: z.string() })
core.info(`hello ${s.parse({ a: 'x' }).a} ${typeof request}`)
