import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { z } from 'zod'
import { ModelSourceTypeEnum } from '../../src/airs/schemas/common.js'
import { MODEL_SOURCE_TYPES, SOURCE_TYPES } from '../../src/airs/schemas/spec-values.js'
import { GateError } from '../../src/util/gate-error.js'
import {
  parseModelUri,
  scannedOnRunner,
  splitModelList,
  type ModelSource
} from '../../src/gate/model-source.js'

// Remote forms never touch the filesystem; a workspace that does not exist proves it.
const NO_WORKSPACE = path.join(os.tmpdir(), 'airs-source-test-no-such-workspace')

/** Runs `fn`, expecting an INVALID_INPUT GateError with a one-line message naming the input; returns the message. */
function rejection(fn: () => unknown, inputName = 'model-uri'): string {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(GateError)
  const err = caught as GateError
  expect(err.code).toBe('INVALID_INPUT')
  expect(err.message).not.toMatch(/[\r\n\u2028\u2029]/)
  expect(err.message.startsWith(`Invalid input ${inputName}: `)).toBe(true)
  return err.message
}

// what a ModelSource may hold, and nothing more (strict: no extra fields)
const ModelSourceSchema = z.strictObject({
  input: z.string(),
  sourceType: ModelSourceTypeEnum,
  modelUri: z.string(),
  revision: z.string().optional(),
  localPath: z.string().optional()
})

function parseRemote(input: string): ModelSource {
  const source = parseModelUri(input, { workspace: NO_WORKSPACE })
  // the result always satisfies its own schema and carries no extra fields
  expect(ModelSourceSchema.parse(source)).toEqual(source)
  return source
}

const HF = 'https://huggingface.co'
const SHA = '0123456789abcdef0123456789abcdef01234567'

describe('parseModelUri: Hugging Face', () => {
  it.each<[string, string, string | undefined]>([
    [`${HF}/openai-community/gpt2`, `${HF}/openai-community/gpt2`, undefined],
    ['https://www.huggingface.co/org/model', `${HF}/org/model`, undefined],
    ['https://hf.co/org/model', `${HF}/org/model`, undefined],
    ['HTTPS://HuggingFace.CO/Org/Model', `${HF}/Org/Model`, undefined],
    ['https://huggingface.co:443/org/model', `${HF}/org/model`, undefined],
    ['hf://org/model', `${HF}/org/model`, undefined],
    ['hf://meta-llama/Llama-3.1-8B_instruct', `${HF}/meta-llama/Llama-3.1-8B_instruct`, undefined],
    [`${HF}/org/model/`, `${HF}/org/model`, undefined],
    [`${HF}/org/model.git`, `${HF}/org/model`, undefined],
    [`${HF}/org/model.git/`, `${HF}/org/model`, undefined],
    [`${HF}/org/model#model-card`, `${HF}/org/model`, undefined],
    [`${HF}/org/model@v1.0`, `${HF}/org/model`, 'v1.0'],
    [`hf://org/model@${SHA}`, `${HF}/org/model`, SHA],
    ['hf://org/model@refs%2Fpr%2F1', `${HF}/org/model`, 'refs/pr/1'],
    [`${HF}/org/model@refs/pr/1`, `${HF}/org/model`, 'refs/pr/1'],
    [`${HF}/org/model/tree/main`, `${HF}/org/model`, 'main'],
    [`${HF}/org/model/tree/main/`, `${HF}/org/model`, 'main'],
    [`${HF}/org/model/tree/refs%2Fpr%2F1`, `${HF}/org/model`, 'refs/pr/1'],
    [`${HF}/org/model/tree/feature/x`, `${HF}/org/model`, 'feature/x'],
    [`${HF}/org/model/tree/${SHA}#files`, `${HF}/org/model`, SHA],
    [`${HF}/${'a'.repeat(96)}/${'b'.repeat(96)}`, `${HF}/${'a'.repeat(96)}/${'b'.repeat(96)}`, undefined],
    [`${HF}/org/model/tree/${'r'.repeat(256)}`, `${HF}/org/model`, 'r'.repeat(256)]
  ])('%s', (input, modelUri, revision) => {
    const source = parseRemote(input)
    expect(source.sourceType).toBe('HUGGING_FACE')
    expect(source.modelUri).toBe(modelUri)
    expect(source.revision).toBe(revision)
    expect(source.localPath).toBeUndefined()
    expect(source.input).toBe(input)
  })

  it('keeps the trimmed input and normalises around surrounding whitespace', () => {
    const source = parseRemote(`  \t${HF}/org/model/tree/main  \n`)
    expect(source).toEqual({
      input: `${HF}/org/model/tree/main`,
      sourceType: 'HUGGING_FACE',
      modelUri: `${HF}/org/model`,
      revision: 'main'
    })
  })

  it.each<[string, RegExp]>([
    ['http://huggingface.co/org/model', /use https/],
    ['http://hf.co/org/model', /use https/],
    [`${HF}/gpt2`, /organisation is mandatory.*https:\/\/huggingface\.co\/openai-community\/gpt2/],
    ['hf://gpt2', /organisation is mandatory/],
    [`${HF}/gpt2@main`, /organisation is mandatory/],
    [`${HF}/`, /names no model/],
    ['hf://', /names no model/],
    [`${HF}/datasets/org/data`, /dataset; only models can be scanned/],
    [`${HF}/spaces/org/app`, /space; only models can be scanned/],
    ['hf://datasets/org/data', /only models can be scanned/],
    [`${HF}/org/model/blob/main/config.json`, /points to a file .*repository URL/],
    [`${HF}/org/model/resolve/main/model.safetensors`, /points to a file .*repository URL/],
    [`${HF}/org/model/raw/main/README.md`, /points to a file/],
    [`${HF}/org/model/commits/main`, /unexpected path after the model name/],
    [`${HF}/org/model?revision=main`, /query string/],
    [`${HF}//org/model`, /empty path segment/],
    [`${HF}/org//model`, /empty path segment/],
    ['https://huggingface.co:8443/org/model', /port/],
    [`${HF}/-org/model`, /invalid Hugging Face organisation name "-org"/],
    [`${HF}/org/mo..del`, /invalid Hugging Face model name "mo\.\.del"/],
    [`${HF}/org/.git`, /invalid Hugging Face model name/],
    [`${HF}/o%72g/model`, /invalid Hugging Face organisation name/],
    [`${HF}/org/model!`, /invalid Hugging Face model name/],
    [`${HF}/../org/model`, /invalid Hugging Face organisation name/],
    [`${HF}/${'a'.repeat(97)}/model`, /at most 96 characters/],
    [`${HF}/org/${'b'.repeat(97)}`, /at most 96 characters/],
    [`${HF}/org/model/tree/`, /empty revision/],
    [`${HF}/org/model@`, /empty revision/],
    [`${HF}/org/model/tree/main%0Aevil`, /revision with whitespace or control characters/],
    [`${HF}/org/model@my%20branch`, /revision with whitespace or control characters/],
    [`${HF}/org/model/tree/%E0%A4%A`, /badly percent-encoded revision/],
    [`${HF}/org/model/tree/${'r'.repeat(257)}`, /revision longer than 256 characters/]
  ])('rejects %s', (input, expected) => {
    const message = rejection(() => parseModelUri(input, { workspace: NO_WORKSPACE }))
    expect(message).toMatch(expected)
  })
})

describe('parseModelUri: object stores, Artifactory and GitLab', () => {
  it.each<[string, ModelSource['sourceType'], string]>([
    ['s3://my-bucket/models/bert/', 'S3', 's3://my-bucket/models/bert/'],
    ['s3://my.bucket.v2/a/b/model.pt', 'S3', 's3://my.bucket.v2/a/b/model.pt'],
    ['s3://abc', 'S3', 's3://abc'],
    [`s3://${'a'.repeat(63)}/k`, 'S3', `s3://${'a'.repeat(63)}/k`],
    ['S3://bucket/key', 'S3', 's3://bucket/key'],
    ['gs://my_bucket/path/model.safetensors', 'GCS', 'gs://my_bucket/path/model.safetensors'],
    [`gs://${'a'.repeat(100)}.${'b'.repeat(121)}/x`, 'GCS', `gs://${'a'.repeat(100)}.${'b'.repeat(121)}/x`],
    [
      'https://myaccount.blob.core.windows.net/models/bert/',
      'AZURE',
      'https://myaccount.blob.core.windows.net/models/bert/'
    ],
    [
      'https://acct01.blob.core.chinacloudapi.cn/models',
      'AZURE',
      'https://acct01.blob.core.chinacloudapi.cn/models'
    ],
    [
      'https://acct.blob.core.usgovcloudapi.net/c-1/x',
      'AZURE',
      'https://acct.blob.core.usgovcloudapi.net/c-1/x'
    ],
    [
      'https://acct.blob.core.windows.net/$root/model.onnx',
      'AZURE',
      'https://acct.blob.core.windows.net/$root/model.onnx'
    ],
    ['az://models/bert/model.onnx', 'AZURE', 'az://models/bert/model.onnx'],
    [
      'https://acme.jfrog.io/artifactory/api/huggingfaceml/ml/models/bert',
      'ARTIFACTORY',
      'https://acme.jfrog.io/artifactory/api/huggingfaceml/ml/models/bert'
    ],
    ['https://acme.jfrog.io/ml-local/bert', 'ARTIFACTORY', 'https://acme.jfrog.io/ml-local/bert'],
    [
      'https://artifacts.example.com/artifactory/ml-models/bert',
      'ARTIFACTORY',
      'https://artifacts.example.com/artifactory/ml-models/bert'
    ],
    [
      'https://artifacts.example.com:8443/Artifactory/ml/bert',
      'ARTIFACTORY',
      'https://artifacts.example.com:8443/Artifactory/ml/bert'
    ],
    [
      'https://gitlab.com/group/project/-/ml/models/12',
      'GITLAB',
      'https://gitlab.com/group/project/-/ml/models/12'
    ],
    [
      'https://gitlab.example.com/a/b/c/-/ml/models/3/versions/7',
      'GITLAB',
      'https://gitlab.example.com/a/b/c/-/ml/models/3/versions/7'
    ],
    [
      'https://gitlab.example.com/artifactory/p/-/ml/models/3',
      'GITLAB',
      'https://gitlab.example.com/artifactory/p/-/ml/models/3'
    ]
  ])('%s', (input, sourceType, modelUri) => {
    const source = parseRemote(input)
    expect(source.sourceType).toBe(sourceType)
    expect(source.modelUri).toBe(modelUri)
    expect(source.revision).toBeUndefined()
    expect(source.localPath).toBeUndefined()
  })

  it.each<[string, RegExp]>([
    ['s3://My-Bucket/x', /invalid bucket name "My-Bucket"/],
    ['s3://ab/x', /invalid bucket name "ab"/],
    ['s3://-bucket/x', /invalid bucket name/],
    ['s3://bucket-/x', /invalid bucket name/],
    ['s3://my_bucket/x', /invalid bucket name/],
    ['s3://my..bucket/x', /invalid bucket name/],
    [`s3://${'a'.repeat(64)}/x`, /invalid bucket name/],
    ['s3:///key', /no bucket/],
    ['s3://bucket:9000/key', /invalid bucket name/],
    ['s3://bucket/key?versionId=3', /query string/],
    ['s3://bucket/key#frag', /fragment/],
    ['gs://Bucket/x', /invalid bucket name/],
    ['gs://bu/x', /invalid bucket name/],
    [`gs://${'a'.repeat(223)}/x`, /invalid bucket name/],
    ['https://myaccount.blob.core.windows.net/', /names no container/],
    ['https://myaccount.blob.core.windows.net', /names no container/],
    ['az://', /names no container/],
    ['https://acct.blob.core.windows.net/Models/x', /invalid container "Models"/],
    ['https://acct.blob.core.windows.net/a--b/x', /invalid container/],
    ['az://ab/x', /invalid container/],
    ['https://my-account.blob.core.windows.net/c1/x', /storage account "my-account"/],
    ['https://acme.jfrog.io/', /names no repository/],
    ['https://example.com/artifactory/', /names no repository/],
    ['https://gitlab.com/-/ml/models/1', /incomplete/],
    ['https://gitlab.com/g/p/-/ml/models/', /incomplete/],
    ['https://gitlab.com/g/p/-/ml/models/1?x=1', /query string/]
  ])('rejects %s', (input, expected) => {
    const message = rejection(() => parseModelUri(input, { workspace: NO_WORKSPACE }))
    expect(message).toMatch(expected)
  })
})

describe('parseModelUri: rejected inputs', () => {
  it.each<[string, RegExp]>([
    ['', /is empty/],
    ['   \n\t ', /is empty/],
    [
      'https://example.com/model.bin',
      /not a recognised model source; accepted forms: .*hf:\/\/.*s3:\/\/.*gs:\/\//
    ],
    ['https://github.com/org/repo', /not a recognised model source/],
    ['https://gitlab.com/g/p/-/ml/models', /not a recognised model source/],
    ['http://example.com/model.bin', /uses http; .*https/],
    ['ftp://example.com/model.bin', /unsupported scheme "ftp:\/\/"; accepted forms/],
    ['git+ssh://example.com/model', /unsupported scheme "git\+ssh:\/\/"/],
    ['https://', /not a valid URL/],
    ['https://[::1/x', /not a valid URL/],
    [`${HF}/org/mo del`, /whitespace or a control character at position 30/],
    ['s3://bucket/a\tb', /whitespace or a control character/],
    [`${HF}/org\n/model`, /whitespace or a control character/],
    [`${HF}/org/mo\u200bdel`, /whitespace or a control character/],
    [`${HF}/org/mo\u00a0del`, /whitespace or a control character/],
    ['https://huggingface.co\\org\\model', /backslash/]
  ])('rejects %j', (input, expected) => {
    const message = rejection(() => parseModelUri(input, { workspace: NO_WORKSPACE }))
    expect(message).toMatch(expected)
  })

  it.each<[string, string]>([
    ['https://alice:hunter2@acme.jfrog.io/artifactory/ml/bert', 'hunter2'],
    ['https://glpat-SECRETtoken99@gitlab.com/g/p/-/ml/models/1', 'glpat-SECRETtoken99'],
    ['https://bob:p%40ss%2Fw0rd@huggingface.co/org/model', 'p%40ss'],
    ['s3://AKIAEXAMPLE:wJalrSECRET@bucket/key', 'wJalrSECRET'],
    ['hf://user:tok3nSECRET@org/model', 'tok3nSECRET'],
    ['az://container:s3cretKEY@acct/x', 's3cretKEY']
  ])('rejects credentials in %s without echoing them', (input, secret) => {
    const message = rejection(() => parseModelUri(input, { workspace: NO_WORKSPACE }))
    expect(message).toMatch(/do not put credentials in the URI/)
    expect(message).not.toContain(secret)
    // the user part is as sensitive as the password (tokens are often passed as the user name)
    expect(message).not.toMatch(/alice|bob|AKIAEXAMPLE|user:/)
  })

  it('does not echo a password that holds a raw "/"', () => {
    const message = rejection(() =>
      parseModelUri('https://carol:pa/ssSECRET@acme.jfrog.io/artifactory/x', { workspace: NO_WORKSPACE })
    )
    expect(message).not.toContain('ssSECRET')
    expect(message).not.toContain('carol')
  })

  it('does not echo a SAS token or another query string', () => {
    const message = rejection(() =>
      parseModelUri('https://acct.blob.core.windows.net/c1/model.onnx?sv=2024-01-01&sig=SIGSECRET%3D', {
        workspace: NO_WORKSPACE
      })
    )
    expect(message).toMatch(/query string/)
    expect(message).not.toContain('SIGSECRET')
    expect(message).toContain('https://acct.blob.core.windows.net/c1/model.onnx')
  })

  it('does not echo credentials of a URI that is rejected for another reason first', () => {
    const message = rejection(() =>
      parseModelUri('https://dave:SECRETpw@host.example/a b', { workspace: NO_WORKSPACE })
    )
    expect(message).toMatch(/whitespace/)
    expect(message).not.toContain('SECRETpw')
  })

  it('cuts long input and replaces control characters in the message', () => {
    const long = `https://example.com/${'x'.repeat(1000)}`
    const message = rejection(() => parseModelUri(long, { workspace: NO_WORKSPACE }))
    expect(message.length).toBeLessThan(long.length)
    expect(message).toContain(`"https://example.com/${'x'.repeat(200 - 'https://example.com/'.length)}…"`)

    const escape = rejection(() => parseModelUri(`${HF}/org/\u001b[31mred`, { workspace: NO_WORKSPACE }))
    expect(escape).not.toContain('\u001b')
    expect(escape).toContain('\uFFFD[31mred')
  })

  it('names the input it was given', () => {
    const message = rejection(
      () => parseModelUri('ftp://x/y', { workspace: NO_WORKSPACE, inputName: 'models' }),
      'models'
    )
    expect(message).not.toContain('model-uri')
  })
})

describe('parseModelUri: local paths', () => {
  let root: string
  let ws: string
  let realWs: string
  let outside: string

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'airs-source-'))
    ws = path.join(root, 'workspace')
    outside = path.join(root, 'outside')
    fs.mkdirSync(path.join(ws, 'models', 'bert'), { recursive: true })
    fs.writeFileSync(path.join(ws, 'models', 'bert', 'model.safetensors'), 'weights')
    fs.mkdirSync(path.join(ws, 'my models, v2'))
    fs.mkdirSync(path.join(ws, '..hidden'))
    fs.mkdirSync(outside)
    fs.writeFileSync(path.join(outside, 'evil.pkl'), 'pickle')
    fs.symlinkSync(outside, path.join(ws, 'escape'))
    fs.symlinkSync(path.join(ws, 'models', 'bert'), path.join(ws, 'bert-link'))
    fs.symlinkSync(path.join(ws, 'gone'), path.join(ws, 'dangling'))
    fs.symlinkSync(ws, path.join(root, 'ws-link'))
    realWs = fs.realpathSync(ws)
  })

  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true })
  })

  const parse = (input: string, workspace = ws) => {
    const source = parseModelUri(input, { workspace })
    expect(ModelSourceSchema.parse(source)).toEqual(source)
    return source
  }

  it.each<[string, string, string[]]>([
    ['models/bert', 'models/bert', ['models', 'bert']],
    ['./models/bert/', 'models/bert', ['models', 'bert']],
    [
      'models/../models/bert/model.safetensors',
      'models/bert/model.safetensors',
      ['models', 'bert', 'model.safetensors']
    ],
    ['.', '.', []],
    ['my models, v2', 'my models, v2', ['my models, v2']],
    ['..hidden', '..hidden', ['..hidden']],
    ['bert-link', 'models/bert', ['models', 'bert']]
  ])('%s', (input, modelUri, parts) => {
    const source = parse(input)
    expect(source).toEqual({
      input,
      sourceType: 'LOCAL',
      modelUri,
      localPath: path.join(realWs, ...parts)
    })
  })

  it('accepts an absolute path and a file:// URI inside the workspace', () => {
    const abs = path.join(ws, 'models', 'bert')
    expect(parse(abs).modelUri).toBe('models/bert')
    const spaced = pathToFileURL(path.join(ws, 'my models, v2')).href
    expect(spaced).toContain('%20')
    expect(parse(spaced)).toMatchObject({ sourceType: 'LOCAL', modelUri: 'my models, v2', input: spaced })
  })

  it('takes a path outside the workspace, links included, only when told to (the CLI)', () => {
    const anywhere = (input: string) => parseModelUri(input, { workspace: ws, anywhere: true })
    const real = fs.realpathSync(outside)
    expect(anywhere('../outside/evil.pkl')).toMatchObject({
      sourceType: 'LOCAL',
      modelUri: path.join(real, 'evil.pkl').split(path.sep).join('/'),
      localPath: path.join(real, 'evil.pkl')
    })
    expect(anywhere('escape').localPath).toBe(real)
    // inside, the same relative name as ever; and a path that does not exist is still refused
    expect(anywhere('models/bert').modelUri).toBe('models/bert')
    expect(() => anywhere('../not-there')).toThrow(/does not exist/)
  })

  it('resolves the workspace itself through symbolic links', () => {
    const source = parse('models/bert', path.join(root, 'ws-link'))
    expect(source.modelUri).toBe('models/bert')
    expect(source.localPath).toBe(path.join(realWs, 'models', 'bert'))
  })

  it.each<[string, RegExp]>([
    ['../outside/evil.pkl', /resolves to ".*evil\.pkl", which is outside the workspace/],
    ['../not-there', /outside the workspace/],
    ['models/../../outside', /outside the workspace/],
    ['escape', /symbolic link to ".*outside", which is outside the workspace/],
    ['escape/evil.pkl', /symbolic link to ".*evil\.pkl", which is outside the workspace/],
    ['models/missing', /"models\/missing" \(".*models\/missing"\) does not exist; check the path/],
    ['models/bert/model.safetensors/x', /does not exist/],
    // a file name is not an org/model: no Hugging Face suggestion
    [
      'models/missing.bin',
      /"models\/missing\.bin" \(".*"\) does not exist; check the path, or fetch the model into the workspace/
    ],
    ['dangling', /symbolic link whose target does not exist/],
    [
      'openai-community/gpt2',
      /does not exist; check the path, or for a Hugging Face model write "https:\/\/huggingface\.co\/openai-community\/gpt2"/
    ],
    [
      'huggingface.co/org/model',
      /does not exist; for a Hugging Face model write "https:\/\/huggingface\.co\/org\/model"/
    ],
    ['s3:/bucket/key', /does not exist; if it is meant as a URI, write "s3:\/\/\.\.\."/],
    ['models/be\u0007rt', /control character at position 10/],
    ['models/bert\tx', /tab or control character/],
    ['file://relative/models', /not a usable file URI; write file:\/\/\/<absolute path>/],
    ['file:///tmp/a%2Fb', /not a usable file URI/],
    ['file:///models/bert?x=1', /query string/]
  ])('rejects %j', (input, expected) => {
    const message = rejection(() => parseModelUri(input, { workspace: ws }))
    expect(message).toMatch(expected)
  })

  it('rejects absolute paths and file:// URIs outside the workspace', () => {
    expect(rejection(() => parseModelUri(outside, { workspace: ws }))).toMatch(/outside the workspace/)
    const url = pathToFileURL(path.join(outside, 'evil.pkl')).href
    expect(rejection(() => parseModelUri(url, { workspace: ws }))).toMatch(/outside the workspace/)
  })
})

describe('splitModelList', () => {
  it('keeps one model per line, dropping blank lines and comments', () => {
    const text = `
# production models
${HF}/org/a
   s3://bucket/b   \r
\r
  # gs://disabled/model
models/local
`
    expect(splitModelList(text)).toEqual([`${HF}/org/a`, 's3://bucket/b', 'models/local'])
  })

  it('splits a line on commas only when every piece is a URI', () => {
    expect(splitModelList(`s3://a/x, gs://b/y ,${HF}/o/m`)).toEqual(['s3://a/x', 'gs://b/y', `${HF}/o/m`])
    expect(splitModelList('my models, v2')).toEqual(['my models, v2'])
    expect(splitModelList('s3://a/x,models/b')).toEqual(['s3://a/x,models/b'])
    expect(splitModelList('s3://a/x,')).toEqual(['s3://a/x,'])
  })

  it('rejects duplicates, naming the duplicate', () => {
    const message = rejection(() => splitModelList(`s3://a/x\nmodels/b\n  s3://a/x  `))
    expect(message).toMatch(/"s3:\/\/a\/x" more than once/)
    expect(rejection(() => splitModelList(`s3://a/x, s3://a/x`))).toMatch(/"s3:\/\/a\/x" more than once/)
  })

  it('does not echo credentials when naming a duplicate', () => {
    const line = 'https://eve:SECRETpw@acme.jfrog.io/artifactory/x'
    const message = rejection(() => splitModelList(`${line}\n${line}`))
    expect(message).toMatch(/more than once/)
    expect(message).not.toContain('SECRETpw')
  })

  it.each(['', '  \n\n', '# only a comment\n   # another'])('rejects an empty list %j', (text) => {
    expect(rejection(() => splitModelList(text))).toMatch(/is required/)
  })

  it('names the input it was given', () => {
    expect(rejection(() => splitModelList('', 'models'), 'models')).toMatch(/is required/)
  })
})

describe('scannedOnRunner', () => {
  const WHERE: ReadonlyArray<[ModelSource['sourceType'], boolean]> = [
    ['LOCAL', true],
    ['S3', true],
    ['GCS', true],
    ['AZURE', true],
    ['ARTIFACTORY', true],
    ['GITLAB', true],
    ['HUGGING_FACE', false]
  ]
  it.each(WHERE)('%s → %s', (sourceType, expected) => {
    expect(scannedOnRunner(sourceType)).toBe(expected)
  })

  it('decides for every source type a model can have, and ALL is not one', () => {
    expect(WHERE.map(([t]) => t).sort()).toEqual([...MODEL_SOURCE_TYPES].sort())
    expect(SOURCE_TYPES).toContain('ALL')
    expect(ModelSourceTypeEnum.safeParse('ALL').success).toBe(false)
  })
})
