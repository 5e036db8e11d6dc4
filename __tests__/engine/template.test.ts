import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { templateAnalysis, templateThreats, templateWork } from '../../src/engine/formats/template.js'
import { lex, normalizeSource } from '../../src/engine/formats/template/jinja-lexer.js'
import { parse } from '../../src/engine/formats/template/jinja-parser.js'
import { prng } from '../helpers/fuzz.js'
import { JINJA_MISSING, dumpOwn, jinjaEval, jinjaParse, jinjaRender } from '../helpers/jinja.js'

// ---- benign templates, shaped like the ones real models ship ----

const CHATML = `{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}`

const LLAMA3 = `{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}`

const LLAMA31_TOOLS = `{{- bos_token }}
{%- if custom_tools is defined %}
    {%- set tools = custom_tools %}
{%- endif %}
{%- if not tools_in_user_message is defined %}
    {%- set tools_in_user_message = true %}
{%- endif %}
{%- if not date_string is defined %}
    {%- set date_string = "26 Jul 2024" %}
{%- endif %}
{%- if not tools is defined %}
    {%- set tools = none %}
{%- endif %}

{#- This block extracts the system message, so we can slot it into the right place. #}
{%- if messages[0]['role'] == 'system' %}
    {%- set system_message = messages[0]['content']|trim %}
    {%- set messages = messages[1:] %}
{%- else %}
    {%- set system_message = "" %}
{%- endif %}

{#- System message + builtin tools #}
{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" }}
{%- if builtin_tools is defined or tools is not none %}
    {{- "Environment: ipython\\n" }}
{%- endif %}
{%- if builtin_tools is defined %}
    {{- "Tools: " + builtin_tools | reject('equalto', 'code_interpreter') | join(", ") + "\\n\\n"}}
{%- endif %}
{{- "Cutting Knowledge Date: December 2023\\n" }}
{{- "Today Date: " + date_string + "\\n\\n" }}
{%- if tools is not none and not tools_in_user_message %}
    {{- "You have access to the following functions. To call a function, please respond with JSON for a function call." }}
    {{- 'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.' }}
    {{- "Do not use variables.\\n\\n" }}
    {%- for t in tools %}
        {{- t | tojson(indent=4) }}
        {{- "\\n\\n" }}
    {%- endfor %}
{%- endif %}
{{- system_message }}
{{- "<|eot_id|>" }}

{%- for message in messages %}
    {%- if not (message.role == 'ipython' or message.role == 'tool' or 'tool_calls' in message) %}
        {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}
    {%- elif 'tool_calls' in message %}
        {%- if not message.tool_calls|length == 1 %}
            {{- raise_exception("This model only supports single tool-calls at once!") }}
        {%- endif %}
        {%- set tool_call = message.tool_calls[0].function %}
        {%- if builtin_tools is defined and tool_call.name in builtin_tools %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' -}}
            {{- "<|python_tag|>" + tool_call.name + ".call(" }}
            {%- for arg_name, arg_val in tool_call.arguments | items %}
                {{- arg_name + '="' + arg_val + '"' }}
                {%- if not loop.last %}
                    {{- ", " }}
                {%- endif %}
                {%- endfor %}
            {{- ")" }}
        {%- else  %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' -}}
            {{- '{"name": "' + tool_call.name + '", ' }}
            {{- '"parameters": ' }}
            {{- tool_call.arguments | tojson }}
            {{- "}" }}
        {%- endif %}
        {%- if builtin_tools is defined %}
            {{- "<|eom_id|>" }}
        {%- else %}
            {{- "<|eot_id|>" }}
        {%- endif %}
    {%- elif message.role == "tool" or message.role == "ipython" %}
        {{- "<|start_header_id|>ipython<|end_header_id|>\\n\\n" }}
        {%- if message.content is mapping or message.content is iterable %}
            {{- message.content | tojson }}
        {%- else %}
            {{- message.content }}
        {%- endif %}
        {{- "<|eot_id|>" }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}
{%- endif %}
`

const MISTRAL = `{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}`

const GEMMA = `{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}`

const QWEN25 = `{%- if tools %}
    {{- '<|im_start|>system\\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}
    {%- endif %}
    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}
    {%- for tool in tools %}
        {{- "\\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}\\n</tool_call><|im_end|>\\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
    {%- else %}
        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}
    {%- endif %}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\\n<tool_call>\\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\\n<tool_response>\\n' }}
        {{- message.content }}
        {{- '\\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\\n' }}
{%- endif %}
`

const DEEPSEEK_R1 = `{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}{% set ns = namespace(is_first=false, is_tool=false, is_output_first=true, system_prompt='') %}{%- for message in messages %}{%- if message['role'] == 'system' %}{% set ns.system_prompt = message['content'] %}{%- endif %}{%- endfor %}{{bos_token}}{{ns.system_prompt}}{%- for message in messages %}{%- if message['role'] == 'user' %}{%- set ns.is_tool = false -%}{{'<｜User｜>' + message['content']}}{%- endif %}{%- if message['role'] == 'assistant' and message['content'] is none %}{%- set ns.is_tool = false -%}{%- for tool in message['tool_calls']%}{%- if not ns.is_first %}{{'<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\\n' + '\`\`\`json' + '\\n' + tool['function']['arguments'] + '\\n' + '\`\`\`' + '<｜tool▁call▁end｜>'}}{%- set ns.is_first = true -%}{%- else %}{{'\\n' + '<｜tool▁call▁begin｜>' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '\\n' + '\`\`\`json' + '\\n' + tool['function']['arguments'] + '\\n' + '\`\`\`' + '<｜tool▁call▁end｜>'}}{{'<｜tool▁calls▁end｜><｜end▁of▁sentence｜>'}}{%- endif %}{%- endfor %}{%- endif %}{%- if message['role'] == 'assistant' and message['content'] is not none %}{%- if ns.is_tool %}{{'<｜tool▁outputs▁end｜>' + message['content'] + '<｜end▁of▁sentence｜>'}}{%- set ns.is_tool = false -%}{%- else %}{% set content = message['content'] %}{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{%- endif %}{%- endif %}{%- if message['role'] == 'tool' %}{%- set ns.is_tool = true -%}{%- if ns.is_output_first %}{{'<｜tool▁outputs▁begin｜><｜tool▁output▁begin｜>' + message['content'] + '<｜tool▁output▁end｜>'}}{%- set ns.is_output_first = false %}{%- else %}{{'\\n<｜tool▁output▁begin｜>' + message['content'] + '<｜tool▁output▁end｜>'}}{%- endif %}{%- endif %}{%- endfor -%}{% if ns.is_tool %}{{'<｜tool▁outputs▁end｜>'}}{% endif %}{% if add_generation_prompt and not ns.is_tool %}{{'<｜Assistant｜><think>\\n'}}{% endif %}`

const PHI3 = `{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\\n' + message['content'] + '<|end|>\\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\\n' + message['content'] + '<|end|>\\n'}}{% elif message['role'] == 'assistant' %}{{'<|assistant|>\\n' + message['content'] + '<|end|>\\n'}}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% else %}{{ eos_token }}{% endif %}`

const LLAMA2 = `{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}`

const RAW_AND_COMMENTS = `{#- a comment mentioning nothing dangerous -#}{% raw %}{{ not parsed }}{% endraw %}{% for m in messages %}{{ m.content | tojson }}{{ '%s: %s' | format(m.role, m.content) }}{% endfor %}{% macro render(m) %}<{{ m.role }}>{% endmacro %}{{ render(messages[0]) }}`

const BENIGN: Record<string, string> = {
  CHATML,
  LLAMA3,
  LLAMA31_TOOLS,
  MISTRAL,
  GEMMA,
  QWEN25,
  DEEPSEEK_R1,
  PHI3,
  LLAMA2,
  RAW_AND_COMMENTS
}

function patterns(template: string): string[] {
  return templateThreats(template).map((t) => t.pattern)
}

describe('templateThreats: benign templates', () => {
  it.each(Object.entries(BENIGN))('finds nothing in %s', (_name, template) => {
    expect(templateThreats(template)).toEqual([])
  })

  it('finds nothing in prose outside tags, or in strings that merely mention words like import or os.', () => {
    const t = `You may import data. See os.path docs. __init__ is mentioned in text.{{ 'Please import the file, then call self.check() or eval(x) in your head.' }}`
    expect(templateThreats(t)).toEqual([])
  })
})

// ---- malicious templates ----

const CVE_2024_34359 = `{% for x in ().__class__.__base__.__subclasses__() %}{% if "warning" in x.__name__ %}{{x()._module.__builtins__['__import__']('os').popen("id").read()}}{%endif%}{% endfor %}`

/** [what, template, a pattern that must be among the findings] */
const MALICIOUS: [string, string, string][] = [
  ['the CVE-2024-34359 payload', CVE_2024_34359, 'dunder:__subclasses__'],
  [
    'the same with whitespace control',
    CVE_2024_34359.replace(/\{%/g, '{%-').replace(/%\}/g, '-%}'),
    'dunder:__base__'
  ],
  [
    'an attr filter chain',
    `{{ ()|attr('__class__')|attr('__base__')|attr('__subclasses__')() }}`,
    'attr-filter'
  ],
  ['a dunder name concatenated with ~', `{{ ()|attr('__cla' ~ 'ss__') }}`, 'dunder:__class__'],
  ['a dunder name concatenated with +', `{{ x|map(attribute='__cla' + 'ss__')|list }}`, 'dunder:__class__'],
  ['hex-escaped underscores', `{{ ()['\\x5f\\x5fclass\\x5f\\x5f'] }}`, 'dunder:__class__'],
  ['octal-escaped underscores', `{{ ()['\\137\\137class\\137\\137'] }}`, 'dunder:__class__'],
  ['unicode-escaped underscores', `{{ ()['\\u005f\\u005fclass\\u005f\\u005f'] }}`, 'dunder:__class__'],
  [
    'named unicode escapes',
    `{{ ()['\\N{LOW LINE}\\N{LOW LINE}class\\N{LOW LINE}\\N{LOW LINE}'] }}`,
    'dunder:__class__'
  ],
  [
    'a join over character pieces',
    `{{ ()[['_','_','c','l','a','s','s','_','_']|join] }}`,
    'dunder:__class__'
  ],
  ['a join over a tuple', `{{ ()[('_','_','class','_','_')|join('')] }}`, 'dunder:__class__'],
  ['a reversed string', `{{ ()['__ssalc__'|reverse] }}`, 'dunder:__class__'],
  ['a reversing slice', `{{ ()['__ssalc__'[::-1]] }}`, 'dunder:__class__'],
  [
    '%c formatting with the format filter',
    `{{ ()['%c%cclass%c%c'|format(95,95,95,95)] }}`,
    'dunder:__class__'
  ],
  [
    '%c formatting with the % operator',
    `{{ ()['%c%c%c%c%c%c%c%c%c' % (95,95,99,108,97,115,115,95,95)] }}`,
    'dunder:__class__'
  ],
  ['str.format with {:c}', `{{ ()['{0:c}{0:c}class{0:c}{0:c}'.format(95)] }}`, 'dunder:__class__'],
  ['str.format with a piece', `{{ ()['{0}{0}class{0}{0}'.format('_')] }}`, 'dunder:__class__'],
  ['string repetition', `{{ ()['_' * 2 ~ 'class' ~ '_' * 2] }}`, 'dunder:__class__'],
  ['replace', `{{ ()['XXclassXX'|replace('X', '_')] }}`, 'dunder:__class__'],
  ['upper-case then lower', `{{ ()['__CLASS__'|lower] }}`, 'dunder:__class__'],
  ['dict keyword names joined', `{{ ()[dict(__cla=1,ss__=2)|join] }}`, 'dunder:__class__'],
  ['a constant set earlier', `{% set u = '_' %}{{ ()[u~u~'class'~u~u] }}`, 'dunder:__class__'],
  [
    'constants built from constants',
    `{% set a = '_' %}{% set b = a ~ a %}{{ ()[b ~ 'class' ~ b] }}`,
    'dunder:__class__'
  ],
  ['a block set capturing text', `{% set c %}__class__{% endset %}{{ ()[c] }}`, 'dunder:__class__'],
  [
    'cycler.__init__.__globals__',
    `{{ cycler.__init__.__globals__.os.popen('id').read() }}`,
    'global-object-traversal'
  ],
  [
    'joiner.__init__.__globals__',
    `{{ joiner.__init__.__globals__.__builtins__.eval('1') }}`,
    'dunder:__globals__'
  ],
  [
    'namespace.__init__.__globals__',
    `{{ namespace.__init__.__globals__.os.popen('id').read() }}`,
    'global-object-traversal'
  ],
  [
    'namespace holding a built name',
    `{% set ns = namespace(n='__cla' ~ 'ss__') %}{{ ()|attr(ns.n) }}`,
    'dunder:__class__'
  ],
  ['lipsum.__globals__', `{{ lipsum.__globals__['os'].popen('id').read() }}`, 'lipsum'],
  [
    'self template reference',
    `{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}`,
    'template-reference'
  ],
  [
    'self.__init__ (SGLang-style)',
    `{{ self.__init__.__globals__.__builtins__.__import__('os').system('id') }}`,
    'dunder:__import__'
  ],
  ['a Flask request object', `{{ request.application.__globals__.__builtins__ }}`, 'request-object'],
  ['a Flask config object', `{{ config.items() }}`, 'config-object'],
  ['subprocess by name', `{{ x|attr('subprocess') }}`, 'subprocess'],
  ['eval', `{{ eval('1+1') }}`, 'eval'],
  ['exec', `{{ exec('import os') }}`, 'exec'],
  ['a Jinja import', `{% import 'os' as os %}{{ os.system }}`, 'import'],
  ['frame walking', `{{ x.gi_frame.f_back.f_globals }}`, 'frame-traversal'],
  ['%c with unknown arguments', `{{ ()[('%c%c' | format(n, n)) ~ 'class'] }}`, 'unfoldable:subscript'],
  [
    'stringified objects sliced for characters',
    `{% set u = (()|select|string)[24] %}{{ ()[u ~ u ~ 'class' ~ u ~ u] }}`,
    'unfoldable:subscript'
  ],
  [
    'a subscript concatenating macro results',
    `{% macro u() %}_{% endmacro %}{{ ()[u() ~ u() ~ 'class' ~ u() ~ u()] }}`,
    'dunder:__class__'
  ],
  [
    'a dunder fragment joined with a value from render time',
    `{% set a = '__cla' %}{% set b = other %}{{ ()|attr(a ~ b) }}`,
    'unfoldable:attribute'
  ],
  ['another dunder', `{{ x.__name__ }}`, 'dunder'],
  ['popen built from pieces', `{{ x|attr('po' ~ 'pen')('id') }}`, 'popen'],
  ['the os module', `{{ x.os.system('id') }}`, 'os-module'],
  [
    'a macro whose body is a dunder name',
    `{% macro c() %}__class__{% endmacro %}{{ ()[c()] }}`,
    'dunder:__class__'
  ],
  ['a fullwidth-letter disguise', `{{ ()['__ｃｌａｓｓ__'] }}`, 'dunder:__class__'],
  // Jinja refuses to compile it, so it cannot run; still not a pass
  ['a payload after an unterminated comment', `{# {{ ().__class__ }}`, 'unparseable']
]

describe('templateThreats: malicious templates', () => {
  it.each(MALICIOUS)('catches %s', (_what, template, pattern) => {
    expect(patterns(template)).toContain(pattern)
  })

  it('flags the escapes themselves, so disguise is visible even when the name is found', () => {
    expect(patterns(`{{ ()['\\x5f\\x5fclass\\x5f\\x5f'] }}`)).toContain('escaped-ascii')
    expect(patterns(`{{ ()['\\N{LOW LINE}'] }}`)).toContain('named-unicode-escape')
    expect(patterns(`{{ '\\n\\t\\u2581' }}`)).toEqual([])
  })

  it('reports each pattern once, with a short excerpt free of control characters', () => {
    const t = templateThreats(`{{ ().__class__ }}\n{{ ''.__class__ }}\x00\x1b`)
    expect(t.filter((x) => x.pattern === 'dunder:__class__')).toHaveLength(1)
    for (const x of t) {
      expect(x.excerpt.length).toBeLessThanOrEqual(160)
      expect([...x.excerpt].filter((c) => c.charCodeAt(0) < 0x20)).toEqual([])
    }
  })
})

describe('templateThreats: unknown values stay unknown', () => {
  // regressions: an unknown value must never turn into "undefined" (which is safe) on the way to a sink
  it.each([
    [
      'a namespace attribute set from render-time data',
      `{% set ns = namespace() %}{% set ns.k = messages[0].content %}{{ x[ns.k] }}`
    ],
    [
      'the same, later set to a constant',
      `{% set ns = namespace(k=messages[0].content) %}{{ x[ns.k] }}{% set ns.k = 'role' %}`
    ],
    ['an unknown item picked from a list', `{{ x[['role', messages[0].content][1]] }}`],
    ['an unknown first item', `{{ x[[messages[0].content]|first] }}`],
    ['an unknown last item', `{{ x[['role', messages[0].content]|last] }}`],
    ['an unknown default of dict.get', `{{ x[{'a': 'b'}.get('z', messages[0].content)] }}`],
    ['an unknown selectattr attribute', `{{ x|selectattr(messages[0].content)|list }}`],
    ['an unknown attribute given through *args', `{{ x|selectattr(*messages)|list }}`],
    [
      'a list from split, changed in place',
      `{% set l = 'role'.split(',') %}{% set _ = l.append('__class__') %}{{ x[l|last] }}`
    ],
    [
      'a list from |list, changed in place',
      `{% set l = 'ab'|list %}{% set _ = l.insert(0, '__class__') %}{{ x[l|first] }}`
    ],
    [
      'a dict from dict(), updated',
      `{% set d = dict(k='role') %}{% set _ = d.update(k='__class__') %}{{ x[d.k] }}`
    ],
    [
      'a list from a slice, changed in place',
      `{% set l = ['a', 'b'][:] %}{% set _ = l.reverse() %}{{ x[l[0] ~ '_'] }}{% set _ = l.append('__class__') %}{{ x[l|last] }}`
    ],
    [
      'a name from a macro that may be undefined when called',
      `{% macro m() %}{{ x[n()] }}{% endmacro %}{{ m() }}{% macro n() %}{{ y }}{% endmacro %}`
    ]
  ])('%s', (_what, template) => {
    expect(patterns(template).filter((p) => p.startsWith('unfoldable:'))).not.toEqual([])
  })
})

describe('templateThreats: limits and robustness', () => {
  it('reports LIMIT instead of scanning a template over the limit', () => {
    expect(patterns('x'.repeat(1024 * 1024 + 1))).toEqual(['LIMIT'])
    expect(patterns('{{ lipsum }}'.padEnd(200, ' '))).toContain('lipsum')
    expect(templateThreats('{{ lipsum }}'.padEnd(200, ' '), { maxChars: 100 })).toEqual([
      { pattern: 'LIMIT', excerpt: 'a template of 200 characters exceeds the 100 scanned' }
    ])
  })

  it('scans a 1 MiB template and pathological nesting in work linear in their size', () => {
    // the work, counted (evaluation steps and folded characters), never timed
    templateThreats(QWEN25)
    const one = templateWork()
    const copies = Math.floor((1024 * 1024) / QWEN25.length)
    const big = QWEN25.repeat(copies)
    // checked to the end, in about the work of its copies one by one
    expect(templateThreats(big).map((t) => t.pattern)).not.toContain('LIMIT')
    expect(templateWork()).toBeLessThanOrEqual(copies * one * 1.5 + 10_000)
    expect(templateWork()).toBeLessThanOrEqual(big.length)
    // nesting past the parser's depth: refused before any evaluation
    const nested = '{{ ' + '('.repeat(300_000) + "'a'" + ')'.repeat(300_000) + ' }}'
    expect(templateThreats(nested).map((t) => t.pattern)).toEqual(['LIMIT'])
    expect(templateWork()).toBe(0)
    // a long list: about one step per character
    const list = '{{ [' + "'a',".repeat(200_000) + ']|join }}'
    expect(templateThreats(list).map((t) => t.pattern)).not.toContain('LIMIT')
    expect(templateWork()).toBeLessThanOrEqual(2 * list.length)
  })

  it('never throws on widths and counts far past any string it would build', () => {
    for (const t of [
      "{{ x['\\t'.expandtabs(1000000000000)] }}",
      "{{ x['a'|indent(1000000000000, true)] }}",
      "{{ x['a'.center(1000000000000)] }}",
      "{{ x['%1000000000000s' % 'a'] }}",
      "{{ x['{:1000000000000}'.format('a')] }}",
      "{{ x['' * 9007199254740991] }}",
      '{{ x[([] * 9007199254740991)|join] }}',
      '{{ x[([1]|batch(100000000000, 0)|list)|length] }}',
      '{{ x[[1]|slice(100000000000)|first] }}'
    ])
      expect(Array.isArray(templateThreats(t))).toBe(true)
  })

  it('never throws on 500 random mutations of benign and malicious templates', () => {
    const rand = prng(0x7e3)
    const seeds = [...Object.values(BENIGN), ...MALICIOUS.map((m) => m[1])]
    const alphabet = `{}%#-+~|()[]'"\\_.,:=*x0 \n`
    for (let n = 0; n < 500; n++) {
      const base = seeds[Math.floor(rand() * seeds.length)]!
      const chars = [...base]
      const edits = 1 + Math.floor(rand() * 8)
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (chars.length + 1))
        const c = alphabet[Math.floor(rand() * alphabet.length)]!
        const op = rand()
        if (op < 0.4) chars.splice(at, 1, c)
        else if (op < 0.7) chars.splice(at, 0, c)
        else chars.splice(at, 1)
      }
      const mutated =
        rand() < 0.2 ? chars.slice(0, Math.floor(rand() * chars.length)).join('') : chars.join('')
      const result = templateThreats(mutated)
      expect(Array.isArray(result)).toBe(true)
    }
  })
})

// ---- real-world templates (see __tests__/fixtures/templates/README.md) ----

const FIXTURES = new URL('../fixtures/templates/', import.meta.url)
const REAL: Record<string, string> = Object.fromEntries(
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.jinja'))
    .sort()
    .map((f) => [f, readFileSync(new URL(f, FIXTURES), 'utf8')])
)

/** The real templates the checker cannot verify, with the lookup that makes it so (the README says why). */
const UNVERIFIABLE: Record<string, string> = {
  'vllm-tool_chat_template_hermes.jinja': 'basic_type_map[json_spec.type]',
  'vllm-tool_chat_template_granite.jinja': 'basic_type_map[json_spec.type]',
  'vllm-tool_chat_template_minicpm3.jinja': 'basic_type_map[json_spec.type]',
  'llamacpp-CohereForAI-c4ai-command-r-plus-tool_use.jinja': 'basic_type_map[json_spec.type]',
  'vllm-tool_chat_template_llama4_pythonic.jinja': 'tool_call.arguments[param]',
  'vllm-tool_chat_template_qwen3coder.jinja': 'json_dict[json_key]'
}

describe('templateThreats: real-world chat templates', () => {
  it('has the 58 templates the fixtures README lists, 52 of them passing', () => {
    expect(Object.keys(REAL)).toHaveLength(58)
    expect(Object.keys(REAL).filter((f) => !(f in UNVERIFIABLE))).toHaveLength(52)
  })

  it.each(Object.keys(REAL))('%s: nothing, or only the documented unverifiable lookup', (file) => {
    const lookup = UNVERIFIABLE[file]
    expect(templateThreats(REAL[file]!)).toEqual(
      lookup === undefined
        ? []
        : [{ pattern: 'unfoldable:subscript', excerpt: `computed attribute name in \`${lookup}\`` }]
    )
  })

  it('folds the keys real templates use: literals, loop indices, slices, split results', () => {
    const names = (t: string): (string[] | null)[] => templateAnalysis(t).sinks.map((s) => s.names)
    expect(names(`{{ messages[0]['role'] }}`)).toEqual([[], ['role']])
    expect(names(`{% for m in messages %}{{ messages[loop.index0 - 1].role }}{% endfor %}`)).toEqual([
      ['index0'],
      [],
      ['role']
    ])
    expect(names(`{{ content.split('</think>')[-1] }}{{ messages[1:] }}{{ messages[::-1] }}`)).toEqual([
      ['split'],
      []
    ])
    expect(names(`{% set i = messages|length - 1 %}{{ messages[i] }}{{ x[(a|int) * 2] }}`)).toEqual([[], []])
  })
})

const pythonJinja = JINJA_MISSING === undefined ? describe : describe.skip

pythonJinja(
  `templates as Python's Jinja2 reads and renders them${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`,
  () => {
    const samples = [...Object.values(REAL), ...Object.values(BENIGN), ...MALICIOUS.map((m) => m[1])]

    /** The checker's tree as JSON text, ['error'] when it refuses the template. */
    const own = (t: string, variant: 0 | 1): string => {
      try {
        return JSON.stringify(dumpOwn(parse(lex(normalizeSource(t))), variant))
      } catch {
        return '["error"]'
      }
    }
    /** The templates the checker parses otherwise than Jinja2 (it must refuse what Jinja2 refuses). */
    const differences = (templates: string[]): string[] => {
      const theirs = jinjaParse(templates)
      return templates.flatMap((t, i) =>
        ([0, 1] as const).flatMap((variant) => {
          const jinja = theirs[i]![variant]
          const expected = jinja.startsWith('["error"') ? '["error"]' : jinja
          const mine = own(t, variant)
          return mine === expected
            ? []
            : [`${JSON.stringify(t)} (${variant ? 'trim' : 'plain'}): ${mine} ≠ ${expected}`]
        })
      )
    }

    it('parses every sample exactly as Jinja2 does, plain and with trim_blocks/lstrip_blocks', () => {
      expect(differences(samples)).toEqual([])
    })

    it('parses damaged templates as Jinja2 does: the same tree, or both refuse', () => {
      const rand = prng(0x1a2b)
      const alphabet = [
        ...`{}%#-+~|()[]'"\\_.,:=*x0 \n`,
        '{{',
        '}}',
        '{%',
        '%}',
        '{#',
        '#}',
        ' if ',
        'endif',
        '**'
      ]
      const seeds = [...Object.values(REAL), ...Object.values(BENIGN)]
      const damaged = Array.from({ length: 120 }, () => {
        let s = seeds[Math.floor(rand() * seeds.length)]!
        for (let e = 0; e < 1 + Math.floor(rand() * 3); e++) {
          const at = Math.floor(rand() * (s.length + 1))
          const c = alphabet[Math.floor(rand() * alphabet.length)]!
          s = rand() < 0.5 ? s.slice(0, at) + c + s.slice(at) : s.slice(0, at) + s.slice(at + 1)
        }
        return s
      })
      expect(differences(damaged)).toEqual([])
    })

    it('folds exactly what Jinja2 computes: operators, filters, str methods, printf and str.format', () => {
      // each expression as an attribute name: the checker's folded name must be Jinja2's value
      const exprs = [
        "'a' ~ 1",
        "'a' ~ 1.0",
        "'a' ~ 1e16",
        "'a' ~ (0.1 + 0.2)",
        "'a' ~ -0.0",
        "'a' ~ 3/2",
        "'a' ~ 7//2",
        "'a' ~ -7//2",
        "'a' ~ -7 % 3",
        "'a' ~ 2**10",
        "'a' ~ true",
        "'a' ~ none",
        "'a' ~ 1e-5",
        "'a' ~ 123456789.125",
        "'abc def'|title",
        "'hello world-foo(bar'|title",
        "'hELLO'|capitalize",
        "'Hello World'.title()",
        "'a1b c_d'.title()",
        "'aBc'.swapcase()",
        "'ABC'.casefold()",
        "'  a  b c '.split()|join('|')",
        "' a b c '.split(None, 1)|join('|')",
        "' a b c '.rsplit(None, 1)|join('|')",
        "'a,b,,c'.split(',')|join('|')",
        "'a,b,c'.rsplit(',', 1)|join('|')",
        "'a-b-c'.split('-', 1)|join('|')",
        "''.split()|join('|')",
        "''.split(',')|join('|')",
        "'xxaxx'.strip('x')",
        "'  a  '.lstrip()",
        "'  a  '.rstrip()",
        "'\\t a\\n'|trim",
        "'xya'|trim('xy')",
        "'ab'.center(7, '*')",
        "'ab'.center(6, '*')",
        "'abc'.center(6)",
        "'ab'.ljust(5, '-')",
        "'ab'.rjust(5, '-')",
        "'-42'.zfill(6)",
        "'42'.zfill(1)",
        "'a\\tb\\tc'.expandtabs(4)",
        "'ab\\tc\\nd\\te'.expandtabs()",
        "'abcabc'.replace('b', 'X', 1)",
        "'abc'.replace('', '-')",
        "'abc'.replace('', '-', 2)",
        "'aaa'|replace('a', 'bb')",
        "'aaa'|replace('a', 'b', 2)",
        "'a|b|c'.partition('|')|join(',')",
        "'a|b|c'.rpartition('|')|join(',')",
        "'abc'.partition('x')|join(',')",
        "'abc'.rpartition('x')|join(',')",
        "'prefix_x'.removeprefix('prefix_')",
        "'x_suffix'.removesuffix('_suffix')",
        "'abc'.translate('abc'.maketrans('ab', 'xy'))",
        "'abc'.translate('abc'.maketrans('a', 'z', 'c'))",
        '\'<a href="x">&</a>\'|e',
        "'<a>'|forceescape",
        "('<b>'|safe)|e",
        "'a b/c?d=e~f'|urlencode",
        "'%5s|%-5s|%05d|%x|%X|%o|%c|%r|%%' % ('ab', 'cd', 42, 255, 255, 8, 65, 'q')",
        "'%(a)s-%(b)s' % {'a': 1, 'b': 'x'}",
        "'%s' % 'x'",
        "'%d' % 3.7",
        "'%i' % true",
        "'%s' % (1,)",
        "'%s%s' % ('a', 'b')",
        "'%(a)s' | format(a='z')",
        "'%s-%s' | format('a', 2)",
        "'{0:>5}|{0:<5}|{0:^5}|{1:05d}|{1:x}|{1:X}|{1:o}|{1:b}|{2:c}'.format('ab', 42, 95)",
        "'{:*^7}'.format('ab')",
        "'{0!r}{0!s}'.format('q')",
        "'{a}{b}'.format(a=1, b='x')",
        "'{0[1]}{1[k]}'.format(['a','b'], {'k': 'v'})",
        "'{0:{1}}'.format('ab', '>4')",
        "'{}{{}}{}'.format(1, 2)",
        "'{:.2}'.format('abcdef')",
        "'{0}'.format(1.5)",
        "'{}'.format(true)",
        "'{:d}'.format(true)",
        "'{:>3}'.format(true)",
        "'{a}'.format_map({'a': 'm'})",
        "['b', 'A', 'c']|sort|join",
        "['b', 'A', 'c']|sort(reverse=true)|join",
        "['b', 'A', 'c']|sort(case_sensitive=true)|join",
        "['a', 'A', 'b']|unique|join",
        "['a', 'A', 'b']|unique(case_sensitive=true)|join",
        "['b', 'A', 'c']|min",
        "['b', 'A', 'c']|max",
        "[3, 1, 2]|sort|join(',')",
        "([3, 1, 2]|sum) ~ ''",
        "['a', 'B', 'a']|sort|join",
        "[1,2,3,4,5]|batch(2)|map('join')|join('|')",
        "[1,2,3,4,5]|batch(2, 0)|map('join')|join('|')",
        "[1,2,3,4,5]|slice(2)|map('join')|join('|')",
        "[1,2,3,4,5]|slice(3, 0)|map('join')|join('|')",
        "{'b': 1, 'a': 2}|dictsort|map('first')|join",
        "{'b': 1, 'a': 2}|items|map('first')|join",
        "{'b': 1, 'a': 2}.keys()|join",
        "{'b': 1, 'a': 2}.values()|join(',')",
        'dict(b=1, a=2)|join',
        "'abc'|reverse",
        "'abc'|list|reverse|join",
        "'abcdef'[1:5:2]",
        "'abcdef'[::-2]",
        "'abcdef'[-2:]",
        "'abcdef'[10:]",
        "'abc'[-1]",
        "'abc'[5]|string",
        "'ab' * 3",
        "3 * 'ab'",
        "'ab' * -1",
        "(['a'] * 2)|join",
        "(('a', 'b') + ('c',))|join",
        "(['a'] + ['b'])|join",
        "'a' if '' else 'b'",
        "'' or 'x'",
        "'a' and 'b'",
        "0 or 'z'",
        "none or 'n'",
        "'x' if none",
        "'x'|default('y')",
        "''|default('y', true)",
        "'x'|d('y', true)",
        "nothing|default('dflt')",
        "'abc'|first",
        "'abc'|last",
        "[1, 'a']|last",
        "'a\\nb'|indent",
        "'ab'|indent(2, true)",
        "'word'|wordwrap(10)",
        "'short'|truncate(10)",
        "'<b>x</b>'|striptags",
        "'xy'|striptags",
        "'AbC'|lower|upper",
        "'ab'|center(6)",
        "'ab'.encode().decode()",
        "'%c%c' % (95, 95)",
        "'{:c}'.format(97)",
        "'a' 'b' \"c\"",
        "'\\x41\\u0042\\U00000043\\101\\N{LATIN SMALL LETTER D}\\q'",
        "'\\N{DIGIT ONE}\\N{low line}'",
        "('1'|int + 1) ~ ''",
        "(' 12 '|int) ~ ''",
        "('x'|int(7)) ~ ''",
        "((-3)|abs) ~ ''",
        "('ab'|length) ~ ''",
        "([1,2]|count) ~ ''",
        '([1,2,3][1:])|join',
        "(1, 2)[0] ~ ''",
        "{'a': 'b'}['a']",
        "{'a': 'b'}.a",
        "{'a': 'b'}.get('z', 'd')",
        "{'a': 'b'}.get('z')|string",
        "namespace(a='x').a",
        "['A', 'b']|map('lower')|join",
        "[' a', 'b ']|map('trim')|join('|')",
        "'a-b'|replace('-', '_')|upper",
        "('x' ~ 'y')|center(6, )",
        "'ab'|string|list|join('.')",
        "'  a b  c  '.split(None, 2)|join('|')",
        "'  a b  c  '.rsplit(None, 2)|join('|')",
        "'a b'.split(None, 0)|join('|')",
        "' a '.rsplit(None, 0)|join('|')",
        "'   '.split(None, 1)|join('|')"
      ]
      const theirs = jinjaEval(exprs)
      const wrong = exprs.flatMap((e, i) => {
        const names = templateAnalysis(`{{ x[${e}] }}`)
          .sinks.filter((s) => s.kind === 'subscript')
          .pop()!.names
        if (names === null) return []
        const folded = names.length === 1 ? names[0] : names.length === 0 ? null : names
        return folded === theirs[i] ? [] : [`${e}: ${JSON.stringify(folded)} ≠ ${JSON.stringify(theirs[i])}`]
      })
      expect(wrong).toEqual([])
    })

    it('folds generated string, slice, format and dict expressions over non-ASCII text as Jinja2 does, or not at all', () => {
      // text mixing ASCII with characters whose case mappings, widths or classes differ between JS and Python
      const CHARS = [
        ...'aB_x -.%{}0',
        '\t',
        '\n',
        '\u00df', // ß: upper is SS
        '\u0130', // İ: lower is i + combining dot
        '\ufb01', // ﬁ: upper is FI
        '\u01c5', // ǅ: title case
        '\u03a3', // Σ: final sigma
        '\u0301', // combining acute
        '\u00a0',
        '\u2028',
        '\u1680',
        '\ufeff',
        '\u0663', // Arabic-Indic three
        '\u{1d400}', // an astral letter
        '\u{1f600}'
      ]
      const OPS = [
        '|upper',
        '|lower',
        '|title',
        '|capitalize',
        '.title()',
        '.swapcase()',
        '.casefold()',
        '|trim',
        ".strip('x_')",
        ".split()|join('|')",
        ".rsplit(None, 1)|join('|')",
        ".split('a')|join('|')",
        ".center(9, '*')",
        '|center(9)',
        '.zfill(6)',
        ".replace('a', 'b')",
        "|replace('', '-')",
        '[::-1]',
        '[1:-1]',
        '[::2]',
        '[-9007199254740993::-3]',
        '|reverse',
        "|list|join('.')",
        '|first',
        '|last',
        "|length ~ ''",
        "|wordcount ~ ''",
        ".partition('a')|join(',')",
        '.expandtabs(3)',
        ".splitlines()|join('|')",
        '|truncate(5)',
        '|indent(2, true)',
        '|urlencode',
        '|e',
        '.encode().decode()',
        ".encode('utf-7').decode('utf-8')",
        ".encode().decode('utf-7')",
        ".ljust(8, '.')",
        '|striptags',
        '|wordwrap(3)',
        '|sort|join',
        '|unique|join',
        '|min',
        '|max',
        "('%-6s|%3s' % (s, s))",
        "('{:>6}|{:^7}|{!r}'.format(s, s, s))",
        "('{0[0]}{0[1]}'.format(s))",
        "({s: 1, 'a': 2, s: 3}|list|join(','))",
        "({1: s, true: 'b', 1.0: 'c'}|items|map('join', '=')|join(','))",
        "({1: s, true: 'b'}|items|map('join', '=')|join(','))",
        "({true: s, 1: 'b'}|list|join(','))",
        "(('+AF8AXw-' ~ s).encode().decode('utf-7'))",
        "(('a' ~ s).encode('utf-16').decode('latin-1'))",
        "('%3c|%-3c|{:>3c}|{:3}' % (119808, 97)).format(119808, s)",
        '({s: 1}.keys()|list|join)',
        '(s ~ none ~ true ~ false ~ 9007199254740993)'
      ]
      const rand = prng(0x5eed5)
      // every operation over 12 random subjects
      const exprs = OPS.flatMap((op) =>
        Array.from({ length: 12 }, () => {
          const text = Array.from(
            { length: Math.floor(rand() * 6) },
            () => CHARS[Math.floor(rand() * CHARS.length)]!
          ).join('')
          const subject = `'${text.replace(/'/g, "\\'")}'`
          return op.startsWith('(') ? op.replace(/\bs\b/g, subject) : `(${subject}${op})`
        })
      )
      const theirs = jinjaEval(exprs)
      let folded = 0
      const wrong = exprs.flatMap((e, i) => {
        const names = templateAnalysis(`{{ x[${e}] }}`)
          .sinks.filter((s) => s.kind === 'subscript')
          .pop()!.names
        if (names === null || names.length === 0) return []
        folded++
        // one name: Python's; several (an approximation): Python's among them
        return (names.length === 1 ? names[0] === theirs[i] : names.includes(theirs[i]!))
          ? []
          : [`${e}: ${JSON.stringify(names)} ≠ ${JSON.stringify(theirs[i])}`]
      })
      expect(wrong).toEqual([])
      // most of them are folded: the rule is exactness, not giving up
      expect(folded).toBeGreaterThan(200)
    })

    it('renders every real-world template in a sandboxed environment, with and without tools', () => {
      const chat = [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'Weather in Paris?' }
      ]
      const tools = [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string', description: 'City' } },
              required: ['city']
            }
          }
        }
      ]
      const base = { bos_token: '<s>', eos_token: '</s>', add_generation_prompt: true }
      const contexts = [
        { ...base, messages: chat, tools },
        { ...base, messages: chat.slice(1) }
      ]
      const files = Object.keys(REAL)
      const jobs = files.flatMap((f) =>
        contexts.map((context) => ({ template: REAL[f]!, context, sandbox: true }))
      )
      const { results } = jinjaRender(jobs)
      const failed = results.flatMap((r, i) =>
        r.ok ? [] : [`${files[Math.floor(i / contexts.length)]}: ${r.error}`]
      )
      expect(failed).toEqual([])
    })
  }
)
