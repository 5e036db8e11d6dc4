import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { crc32 } from 'node:zlib'
import type { Simulator } from '../../sim/server.js'

/**
 * Python packages built by the tests, in memory: a wheel is a zip of the package files plus
 * `<name>-<version>.dist-info/{METADATA,WHEEL,RECORD}` (PEP 427), so no `wheel` or `setuptools` is needed
 * (PyPI is not reachable on these machines). The stand-in `model-security-client` behaves like the official
 * client as far as the gate can see: it scans the files on the runner and posts a scan with `scan_details`.
 */

export interface Wheel {
  /** distribution name as published (`model-security-client`) */
  name: string
  version: string
  /** `model_security_client-1.1.2-py3-none-any.whl` */
  filename: string
  bytes: Buffer
  /** hex sha256 of the wheel, for `--hash=sha256:` */
  sha256: string
}

// ---- zip (stored entries; enough for pip) ----

function zip(files: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of files) {
    const fname = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt32LE(0, 10) // time, date
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fname.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, fname, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(0x0314, 4) // made by: Unix, 2.0
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(0, 10)
    central.writeUInt32LE(0, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fname.length, 28)
    central.writeUInt32LE(0, 30) // extra, comment lengths
    central.writeUInt32LE(0, 34) // disk, internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38) // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42)
    centrals.push(central, fname)
    offset += 30 + fname.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

const recordHash = (data: Buffer) => `sha256=${createHash('sha256').update(data).digest('base64url')}`

/** A pure-Python wheel (`py3-none-any`) with the given files. */
export function buildWheel(opts: {
  name: string
  version: string
  files: Record<string, string>
  summary?: string
  extras?: string[]
  requiresPython?: string
}): Wheel {
  const dist = opts.name.replace(/[-_.]+/g, '_')
  const info = `${dist}-${opts.version}.dist-info`
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${opts.name}`,
    `Version: ${opts.version}`,
    `Summary: ${opts.summary ?? 'test package'}`,
    ...(opts.requiresPython ? [`Requires-Python: ${opts.requiresPython}`] : []),
    ...(opts.extras ?? []).map((e) => `Provides-Extra: ${e}`),
    ''
  ].join('\n')
  const wheelMeta =
    'Wheel-Version: 1.0\nGenerator: airs-model-gate-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n'
  const entries: Array<[string, Buffer]> = [
    ...Object.entries(opts.files).map(([p, t]): [string, Buffer] => [p, Buffer.from(t, 'utf8')]),
    [`${info}/METADATA`, Buffer.from(metadata)],
    [`${info}/WHEEL`, Buffer.from(wheelMeta)]
  ]
  const record = [
    ...entries.map(([p, d]) => `${p},${recordHash(d)},${d.length}`),
    `${info}/RECORD,,`,
    ''
  ].join('\n')
  entries.push([`${info}/RECORD`, Buffer.from(record)])
  const bytes = zip(entries)
  return {
    name: opts.name,
    version: opts.version,
    filename: `${dist}-${opts.version}-py3-none-any.whl`,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex')
  }
}

// ---- the stand-in client ----

export const CLIENT_NAME = 'model-security-client'
export const CLIENT_EXTRAS = ['aws', 'gcp', 'azure', 'artifactory', 'gitlab', 'all']

/**
 * `model_security_client.api` as the tests need it. It walks the files, hashes them, flags content that calls
 * into the OS (as a pickle that runs code at load time would), gets a token from `MODEL_SECURITY_TOKEN_ENDPOINT`
 * and posts the scan to `<base_url>/data/v1/scans`; with `poll_interval_secs` > 0 it polls like the real one.
 *
 * Test hooks come from a JSON file whose path is built into the wheel (`standInClient(version, hooksFile)`), not
 * from the environment, which the scanner gives the client an allow-listed part of:
 * `{"record": <file>, "mode": …, "buckets": <dir>, "list": [<dir>, …]}`. `record` is a file to write the call's
 * arguments, argv, environment (names, and the whole of it under `environ`), `sys.prefix` and `sys.executable`
 * to, and under `listing` what each directory of `list` holds as the client runs. `mode`: `raise`
 * (an exception whose message carries the client secret), `crash` (dies without a word on stdout and a secret on
 * stderr), `crash-after-post` (dies right after creating the scan), `hang`, `noisy` (prints to stdout first); or
 * an object of modes by the last part of the model's path or URI, so one run can hold models that fail each way.
 * Object storage is simulated: `s3://` and `gs://` models are read from `<buckets>/<scheme>/<bucket>/<key>` into
 * the download directory, and need the provider's usual credential variable (`AWS_ACCESS_KEY_ID`,
 * `GOOGLE_APPLICATION_CREDENTIALS`) to be set.
 */
const API_PY = String.raw`"""Stand-in for model_security_client.api, built by the airs-model-gate tests. Not the real package."""
import base64
import hashlib
import json
import os
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone

from . import __version__

HOOKS = None  # replaced when the wheel is built


def _hooks():
    if not HOOKS:
        return {}
    try:
        with open(HOOKS, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return {}

SUSPICIOUS = (b"os.system", b"posix\nsystem", b"subprocess", b"builtins\neval")
FORMATS = {
    ".safetensors": "safetensors",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".pkl": "pickle",
    ".pickle": "pickle",
    ".bin": "pickle",
    ".onnx": "onnx",
}


class ScanResult:
    def __init__(self, body):
        self.uuid = body["uuid"]
        self.eval_outcome = body["eval_outcome"]


class ModelSecurityAPIClient:
    def __init__(
        self,
        base_url="https://api.sase.paloaltonetworks.com/aims",
        timeout=30,
        download_dir="~/.cache/airsms/",
        cleanup_download_dir=False,
        download_timeout_secs=600,
        **kwargs,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.download_dir = os.path.expanduser(download_dir)
        self.cleanup_download_dir = cleanup_download_dir
        self._token = None

    def _download(self, model_uri):
        """Object storage, simulated: <scheme>://<bucket>/<key> is read from <buckets>/<scheme>/<bucket>/<key>
        with the provider's usual credential variable required, and copied into the download directory."""
        import shutil
        import uuid

        scheme, _, rest = model_uri.partition("://")
        needs = {"s3": "AWS_ACCESS_KEY_ID", "gs": "GOOGLE_APPLICATION_CREDENTIALS"}.get(scheme)
        if needs is None:
            raise ValueError("the stand-in downloads s3:// and gs:// models only")
        if not os.environ.get(needs):
            raise PermissionError("NoCredentialsError: Unable to locate credentials (%s is not set)" % needs)
        src = os.path.join(_hooks()["buckets"], scheme, *rest.split("/"))
        if not os.path.exists(src):
            raise FileNotFoundError("NoSuchKey: %s does not exist" % model_uri)
        target = os.path.join(self.download_dir, scheme, uuid.uuid4().hex)
        shutil.copytree(src, target)
        return target

    def _request(self, method, url, body=None, form=None, auth=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
        if auth:
            headers["authorization"] = auth
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            return json.loads(resp.read().decode())

    def _bearer(self):
        if self._token is None:
            cid = os.environ["MODEL_SECURITY_CLIENT_ID"]
            secret = os.environ["MODEL_SECURITY_CLIENT_SECRET"]
            basic = base64.b64encode(f"{cid}:{secret}".encode()).decode()
            body = self._request(
                "POST",
                os.environ["MODEL_SECURITY_TOKEN_ENDPOINT"],
                form={"grant_type": "client_credentials", "scope": "tsg_id:" + os.environ["TSG_ID"]},
                auth="Basic " + basic,
            )
            self._token = body["access_token"]
        return "Bearer " + self._token

    def _walk(self, root):
        files = []
        formats = set()
        size = 0
        paths = [root] if os.path.isfile(root) else [
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
        ]
        for path in sorted(paths):
            with open(path, "rb") as fh:
                data = fh.read()
            rel = os.path.basename(path) if path == root else os.path.relpath(path, root).replace(os.sep, "/")
            fmt = FORMATS.get(os.path.splitext(path)[1].lower())
            issues = None
            if any(m in data for m in SUSPICIOUS):
                issues = [
                    {
                        "description": "The file calls into the operating system when it is loaded",
                        "source": rel,
                        "threat": "PAIT-PKL-100",
                        "module": "os",
                        "operator": "system",
                    }
                ]
            digest = hashlib.sha256(data).hexdigest()
            files.append(
                {
                    "file_path": rel,
                    "blob_id": digest,
                    "sha256": digest,
                    "size_bytes": len(data),
                    "modelscan_status": "SCANNED" if fmt else "SKIPPED",
                    "formats": [fmt] if fmt else None,
                    "issues_detected": issues,
                }
            )
            if fmt:
                formats.add(fmt)
            size += len(data)
        return files, sorted(formats), size

    def scan(
        self,
        security_group_uuid,
        model_path=None,
        model_uri=None,
        model_name=None,
        model_author=None,
        model_version=None,
        labels=None,
        allow_patterns=None,
        ignore_patterns=None,
        poll_interval_secs=5,
        poll_timeout_secs=600,
        **kwargs,
    ):
        hooks = _hooks()
        record = hooks.get("record")
        if record:
            with open(record, "w") as fh:
                json.dump(
                    {
                        "base_url": self.base_url,
                        "security_group_uuid": str(security_group_uuid),
                        "model_path": model_path,
                        "model_uri": model_uri,
                        "model_name": model_name,
                        "model_author": model_author,
                        "model_version": model_version,
                        "labels": labels,
                        "allow_patterns": allow_patterns,
                        "ignore_patterns": ignore_patterns,
                        "poll_interval_secs": poll_interval_secs,
                        "poll_timeout_secs": poll_timeout_secs,
                        "extra": sorted(kwargs),
                        "download_dir": self.download_dir,
                        "cleanup_download_dir": self.cleanup_download_dir,
                        "argv": sys.argv,
                        "env": sorted(os.environ),
                        "environ": dict(os.environ),
                        "prefix": sys.prefix,
                        "executable": sys.executable,
                        "cwd": os.getcwd(),
                        "version": __version__,
                        "pid": os.getpid(),
                        "listing": {d: sorted(os.listdir(d)) for d in hooks.get("list", [])},
                    },
                    fh,
                )
        mode = hooks.get("mode", "")
        if isinstance(mode, dict):
            # one mode per model, by the last part of its path or URI
            mode = mode.get(os.path.basename(os.path.normpath(model_path or model_uri or "")), "")
        if mode == "raise":
            raise PermissionError("token endpoint refused client secret " + os.environ.get("MODEL_SECURITY_CLIENT_SECRET", ""))
        if mode == "crash":
            sys.stderr.write("Fatal Python error: stand-in crash; secret=" + os.environ.get("MODEL_SECURITY_CLIENT_SECRET", "") + "\n")
            sys.stderr.flush()
            os._exit(134)
        if mode == "hang":
            time.sleep(120)
        if mode == "noisy":
            print("stand-in: scanning with print()")
            os.write(1, b"stand-in: written to fd 1\n")
        started = datetime.now(timezone.utc)
        downloaded = self._download(model_uri) if model_path is None else None
        files, formats, size = self._walk(downloaded or model_path)
        if downloaded and self.cleanup_download_dir:
            import shutil

            shutil.rmtree(downloaded)
        body = {
            "model_uri": model_uri or os.path.abspath(model_path),
            "security_group_uuid": str(security_group_uuid),
            "scan_origin": "MODEL_SECURITY_SDK",
            "labels": [{"key": k, "value": v} for k, v in (labels or {}).items()],
            "scan_details": {
                "scanner_version": "stand-in " + __version__,
                "time_started": started.isoformat().replace("+00:00", "Z"),
                "files": files,
                "total_files_scanned": sum(1 for f in files if f["modelscan_status"] == "SCANNED"),
                "total_files_skipped": sum(1 for f in files if f["modelscan_status"] == "SKIPPED"),
                "model_formats": formats,
                "model_size_bytes": size,
                "scan_duration_ms": int((datetime.now(timezone.utc) - started).total_seconds() * 1000),
            },
        }
        for key, value in (("model_name", model_name), ("model_author", model_author), ("model_version", model_version)):
            if value is not None:
                body[key] = value
        scan = self._request("POST", self.base_url + "/data/v1/scans", body=body, auth=self._bearer())
        if mode == "crash-after-post":
            sys.stderr.write("stand-in: crashed after posting scan " + scan["uuid"] + "\n")
            sys.stderr.flush()
            os._exit(134)
        if poll_interval_secs is not None and poll_interval_secs > 0:
            deadline = time.monotonic() + poll_timeout_secs
            while scan["eval_outcome"] == "PENDING" and time.monotonic() < deadline:
                time.sleep(poll_interval_secs)
                scan = self._request("GET", self.base_url + "/data/v1/scans/" + scan["uuid"], auth=self._bearer())
        return ScanResult(scan)
`

/** Puts wheels on the simulator's private package index. */
export function publish(sim: Simulator, ...wheels: Wheel[]): void {
  for (const w of wheels)
    sim.store.packages.push({ name: w.name, version: w.version, filename: w.filename, bytes: w.bytes })
}

/**
 * The stand-in client as a wheel; `hooksFile` is where it reads its test hooks (see API_PY). The same arguments
 * build the same bytes, so the same hash.
 */
export function standInClient(version = '1.1.2', hooksFile?: string): Wheel {
  const api = hooksFile ? API_PY.replace('HOOKS = None', `HOOKS = ${JSON.stringify(hooksFile)}`) : API_PY
  return buildWheel({
    name: CLIENT_NAME,
    version,
    summary: 'Stand-in for the Prisma AIRS model security client (tests)',
    requiresPython: '>=3.10',
    extras: CLIENT_EXTRAS,
    files: {
      'model_security_client/__init__.py': `__version__ = ${JSON.stringify(version)}\n`,
      'model_security_client/api.py': api,
      // runs at every start of the environment's interpreter (the scanner's version probe, the driver): with
      // an `envlog` hook, appends that process's argv and environment to it
      'standin_envlog.pth': 'import standin_envlog\n',
      'standin_envlog.py': hooksFile
        ? ENVLOG_PY.replace('HOOKS = None', `HOOKS = ${JSON.stringify(hooksFile)}`)
        : ENVLOG_PY
    }
  })
}

const ENVLOG_PY = String.raw`import json, os, sys
HOOKS = None
if HOOKS:
    try:
        with open(HOOKS, encoding="utf-8") as fh:
            _log = json.load(fh).get("envlog")
    except (OSError, ValueError):
        _log = None
    if _log:
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"argv": sys.argv, "environ": dict(os.environ), "prefix": sys.prefix}) + "\n")
`

/** Writes the stand-in's hooks file (see API_PY). */
export async function setHooks(
  hooksFile: string,
  hooks: {
    record?: string
    mode?: string | Record<string, string>
    buckets?: string
    envlog?: string
    list?: string[]
  }
): Promise<void> {
  await writeFile(hooksFile, JSON.stringify(hooks))
}

/**
 * What a dependency-confusion attacker publishes under the same name: importing it leaves a mark on disk
 * (`PWNED` in the working directory), and its scan returns nothing useful.
 */
export function placeholderClient(version = '0.0.1'): Wheel {
  const code = [
    'import pathlib',
    "pathlib.Path('PWNED').write_text('placeholder was imported')",
    `__version__ = ${JSON.stringify(version)}`,
    ''
  ].join('\n')
  return buildWheel({
    name: CLIENT_NAME,
    version,
    summary: 'placeholder',
    extras: CLIENT_EXTRAS,
    files: {
      'model_security_client/__init__.py': code,
      'model_security_client/api.py':
        'class ModelSecurityAPIClient:\n    def __init__(self, *a, **k):\n        raise SystemExit("placeholder")\n'
    }
  })
}

// ---- a second, "public" package index ----

export interface PackageIndex {
  /** `http://127.0.0.1:<port>/simple/` */
  url: string
  /** every request path the index saw */
  requests: string[]
  close(): Promise<void>
}

const normalize = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-')

/** A PEP 503 index without authentication, standing in for public PyPI. */
export async function startPackageIndex(wheels: Wheel[]): Promise<PackageIndex> {
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://index.local').pathname
    requests.push(path)
    const project = /^\/simple\/([^/]+)\/?$/.exec(path)?.[1]
    const file = /^\/files\/([^/]+)$/.exec(path)?.[1]
    const found = project ? wheels.filter((w) => normalize(w.name) === normalize(project)) : []
    if (found.length > 0) {
      const links = found
        .map((w) => `<a href="/files/${w.filename}#sha256=${w.sha256}">${w.filename}</a><br/>`)
        .join('\n')
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<!DOCTYPE html><html><body>\n${links}\n</body></html>\n`)
      return
    }
    const wheel = file && wheels.find((w) => w.filename === file)
    if (wheel) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(wheel.bytes)
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('Not Found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      })
  }
}
