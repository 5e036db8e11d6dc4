import { z } from 'zod'

/** The OAuth2 token endpoint's answer (client-credentials grant, RFC 6749 §5.1). */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // seconds; some servers send it as a string, or null when they do not say
  expires_in: z.preprocess(
    (v) => (v === null || v === '' ? undefined : v),
    z.coerce.number().positive().optional()
  )
})
