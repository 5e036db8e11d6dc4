/**
 * The Python program that runs one scan with the official client, in the scanner's virtual environment.
 *
 * Its contract with run.ts:
 * - arguments: one JSON object on stdin, `{base_url, download_dir?, cleanup_download_dir?,
 *   download_timeout_secs?, scan: {security_group_uuid, model_path | model_uri, model_name?, model_author?,
 *   model_version?, labels?: {key: value}, allow_patterns?, ignore_patterns?, poll_timeout_secs?}}`; nothing
 *   secret is in it, and nothing at all is in argv;
 * - credentials: the client's own environment variables (`MODEL_SECURITY_CLIENT_ID`,
 *   `MODEL_SECURITY_CLIENT_SECRET`, `TSG_ID`, `MODEL_SECURITY_API_ENDPOINT`, `MODEL_SECURITY_TOKEN_ENDPOINT`);
 * - `scan()` is called with `poll_interval_secs=0`: the client submits the scan and returns; the gate polls;
 * - result: exactly one JSON line on stdout, `{"scan_uuid": "…", "client_version": "…"}` with exit code 0, or
 *   `{"error": "…", "type": "<exception class>", "stage": "arguments" | "import" | "scan"}` with a non-zero
 *   exit code. Whatever the client prints (Python's `print` and writes to file descriptor 1 alike) goes to
 *   stderr, so it cannot be taken for the result;
 * - optional constructor settings the installed client does not accept are left out (and said on stderr),
 *   while `scan()` arguments are passed as they are: a client that does not take them must fail, not scan
 *   differently.
 */
export const DRIVER_SOURCE = String.raw`"""airs-model-gate: one scan with the official model security client (see src/scanner/driver.ts)."""
import inspect
import json
import os
import sys
import traceback

MAX_MESSAGE = 2000


def accepted(fn, kwargs):
    """The keyword arguments fn takes; the others are reported and left out."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return kwargs
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return kwargs
    names = {p.name for p in params}
    for key in sorted(set(kwargs) - names):
        sys.stderr.write("airs-model-gate driver: the client does not take %s; left out\n" % key)
    return {k: v for k, v in kwargs.items() if k in names}


def main():
    # the result channel is a copy of stdout; stdout itself now leads to stderr
    result = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def reply(obj, code):
        result.write(json.dumps(obj) + "\n")
        result.flush()
        return code

    def failure(stage, exc, code):
        traceback.print_exc()
        sys.stderr.flush()
        return reply({"error": str(exc)[:MAX_MESSAGE], "type": type(exc).__name__, "stage": stage}, code)

    try:
        args = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        if not isinstance(args, dict) or not isinstance(args.get("scan"), dict):
            raise ValueError("the arguments are not a JSON object with a scan object")
    except Exception as exc:
        return failure("arguments", exc, 2)

    try:
        import importlib.metadata

        from model_security_client.api import ModelSecurityAPIClient

        version = importlib.metadata.version("model-security-client")
    except BaseException as exc:
        return failure("import", exc, 3)

    try:
        settings = {
            k: args[k]
            for k in ("download_dir", "cleanup_download_dir", "download_timeout_secs")
            if args.get(k) is not None
        }
        client = ModelSecurityAPIClient(base_url=args["base_url"], **accepted(ModelSecurityAPIClient.__init__, settings))
        scan = {k: v for k, v in args["scan"].items() if v is not None}
        scan["poll_interval_secs"] = 0
        outcome = client.scan(**scan)
        uuid = getattr(outcome, "uuid", None)
        if uuid is None and isinstance(outcome, dict):
            uuid = outcome.get("uuid")
        if not uuid:
            raise RuntimeError("the client returned no scan UUID")
        close = getattr(client, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                pass
        return reply({"scan_uuid": str(uuid), "client_version": version}, 0)
    except BaseException as exc:
        return failure("scan", exc, 1)


if __name__ == "__main__":
    sys.exit(main())
`

/** What the driver reads on stdin. */
export interface DriverArgs {
  base_url: string
  download_dir?: string
  cleanup_download_dir?: boolean
  download_timeout_secs?: number
  scan: {
    security_group_uuid: string
    model_path?: string
    model_uri?: string
    model_name?: string
    model_author?: string
    model_version?: string
    labels?: Record<string, string>
    allow_patterns?: string[]
    ignore_patterns?: string[]
    poll_timeout_secs?: number
  }
}

/** What the driver prints: its last JSON line. */
export type DriverReply =
  | { scan_uuid: string; client_version: string }
  | { error: string; type: string; stage: 'arguments' | 'import' | 'scan' }

/** The driver's result line in its stdout, or undefined when there is none. */
export function parseDriverReply(stdout: string): DriverReply | undefined {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim() !== '')
  for (let i = lines.length - 1; i >= 0; i--) {
    let v: unknown
    try {
      v = JSON.parse(lines[i]!)
    } catch {
      continue
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) continue
    const o = v as Record<string, unknown>
    if (typeof o.scan_uuid === 'string') {
      return {
        scan_uuid: o.scan_uuid,
        client_version: typeof o.client_version === 'string' ? o.client_version : ''
      }
    }
    if (typeof o.error === 'string') {
      const stage = o.stage === 'arguments' || o.stage === 'import' ? o.stage : 'scan'
      return { error: o.error, type: typeof o.type === 'string' ? o.type : 'Exception', stage }
    }
  }
  return undefined
}
