import os from 'node:os'

/**
 * The environments of the scanner's child processes, built from allow lists: a child gets the few variables its
 * purpose needs and nothing else of the action's environment. A deny list fails open: every variable nobody
 * thought of reaches the child, and the runner keeps adding them (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
 * `ACTIONS_RUNTIME_TOKEN`, `GITHUB_TOKEN`, the runner's command files `GITHUB_ENV`, `GITHUB_PATH`,
 * `GITHUB_OUTPUT`…, the action's inputs `INPUT_*` with the client secret). The children run code from a package
 * index (pip, build backends, the client and its dependencies), so they get:
 *
 * - every child: BASICS (PATH, locale, time zone, the Windows system variables Python needs), the proxy and CA
 *   settings of NETWORK, and TMPDIR/TEMP/TMP pointing into the run's private directory;
 * - Python's own steps (the interpreter probe, `venv`, pip, the version probe): additionally HOME (USERPROFILE on
 *   Windows) pointing at an empty directory of the run, so nothing planted in the user's home (pip or distutils
 *   configuration, `.netrc`) is read; pip also gets PIP_CONFIG_FILE (the null device: no configuration file at
 *   all) and PIP_INDEX_URL (the private index, the only one) from us;
 * - the driver: the real HOME (cloud SDKs read `~/.aws`, `~/.azure`, `~/.config/gcloud`), the client's own
 *   variables set by us (MODEL_SECURITY_*, TSG_ID), and the credentials of the one source being scanned
 *   (SOURCE_VARIABLES), never another source's.
 *
 * Never passed, whatever the purpose: GITHUB_*, ACTIONS_*, RUNNER_*, INPUT_*, PIP_*, PYTHON* (the interpreters run
 * with -I as well), LD_* and DYLD_*, NODE_OPTIONS, the action's own credential variables (PANW_*, inherited
 * MODEL_SECURITY_*, TSG_ID) and anything else not listed here. Names are compared in upper case (Windows names
 * are case-insensitive; on Linux `http_proxy` and `HTTP_PROXY` are both passed, as both are read).
 */

export type Env = Record<string, string | undefined>

/** The sources the scanner on the runner handles (the service fetches Hugging Face models itself). */
export const RUNNER_SOURCES = ['LOCAL', 'S3', 'GCS', 'AZURE', 'ARTIFACTORY', 'GITLAB'] as const
export type RunnerSource = (typeof RUNNER_SOURCES)[number]

export interface Allowed {
  names?: readonly string[]
  /** vendor namespaces: every variable whose name starts with one */
  prefixes?: readonly string[]
}

export const BASICS: Allowed = {
  names: [
    'PATH',
    'LANG',
    'LANGUAGE',
    'TZ',
    'USER',
    'LOGNAME',
    // Windows: Python needs SYSTEMROOT for sockets and randomness; the rest locate programs and folders
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'PROGRAMDATA',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'PROGRAMW6432',
    'COMMONPROGRAMFILES',
    'COMMONPROGRAMFILES(X86)',
    'PROCESSOR_ARCHITECTURE',
    'NUMBER_OF_PROCESSORS',
    'OS'
  ],
  prefixes: ['LC_']
}

/** Proxies and certificate authorities, for pip and the client alike. */
export const NETWORK: Allowed = {
  names: [
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE'
  ]
}

/** The user's home, for the driver only (cloud SDKs keep their logins there). */
export const HOME: Allowed = {
  names: ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'APPDATA', 'LOCALAPPDATA']
}

/**
 * What each source's SDK reads. The vendors' namespaces are passed whole (boto3 alone reads some forty AWS_*
 * variables, and each release adds more: regions, endpoints, profiles, web identity, container credentials);
 * the few variables outside them are named.
 * - S3 (boto3): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_DEFAULT_REGION,
 *   AWS_PROFILE, AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ENDPOINT_URL*, AWS_CA_BUNDLE,
 *   AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, AWS_CONTAINER_*, AWS_EC2_METADATA_*…
 * - GCS (google-auth, google-cloud-storage): GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_CLOUD_PROJECT,
 *   GOOGLE_CLOUD_QUOTA_PROJECT, GCLOUD_PROJECT, CLOUDSDK_CONFIG, CLOUDSDK_CORE_PROJECT, GCE_METADATA_HOST…,
 *   STORAGE_EMULATOR_HOST, NO_GCE_CHECK;
 * - Azure (azure-identity, azure-storage-blob, the Azure CLI it may call): AZURE_CLIENT_ID, AZURE_TENANT_ID,
 *   AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST,
 *   AZURE_CONFIG_DIR, AZURE_STORAGE_*, and managed identity's IDENTITY_ENDPOINT, IDENTITY_HEADER, MSI_ENDPOINT…;
 * - Artifactory: ARTIFACTORY_USERNAME, ARTIFACTORY_TOKEN (the vendor's documented pair), ARTIFACTORY_*;
 * - GitLab: GITLAB_TOKEN (documented), GITLAB_*. GitLab CI's CI_JOB_TOKEN is not passed: the client documents
 *   GITLAB_TOKEN only.
 */
export const SOURCE_VARIABLES: Readonly<Record<RunnerSource, Allowed>> = {
  LOCAL: {},
  S3: { prefixes: ['AWS_'] },
  GCS: {
    prefixes: ['GOOGLE_', 'GCLOUD_', 'CLOUDSDK_', 'GCE_'],
    names: ['STORAGE_EMULATOR_HOST', 'NO_GCE_CHECK']
  },
  AZURE: {
    prefixes: ['AZURE_'],
    names: [
      'IDENTITY_ENDPOINT',
      'IDENTITY_HEADER',
      'IDENTITY_SERVER_THUMBPRINT',
      'IMDS_ENDPOINT',
      'MSI_ENDPOINT',
      'MSI_SECRET'
    ]
  },
  ARTIFACTORY: { prefixes: ['ARTIFACTORY_'] },
  GITLAB: { prefixes: ['GITLAB_'] }
}

const allows = (a: Allowed, upper: string) =>
  (a.names ?? []).includes(upper) || (a.prefixes ?? []).some((p) => upper.startsWith(p))

/**
 * `base` reduced to the variables `allowed` names, then `set` (replacing any spelling of the same name).
 * Nothing else of `base` is kept.
 */
export function allowEnv(
  base: Env,
  allowed: readonly Allowed[],
  set: Record<string, string> = {}
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue
    const upper = k.toUpperCase()
    if (allowed.some((a) => allows(a, upper))) env[k] = v
  }
  for (const [k, v] of Object.entries(set)) {
    for (const existing of Object.keys(env))
      if (existing.toUpperCase() === k.toUpperCase()) delete env[existing]
    env[k] = v
  }
  return env
}

/** TMPDIR, TEMP and TMP, all pointing at `dir`. */
export const tempVariables = (dir: string): Record<string, string> => ({ TMPDIR: dir, TEMP: dir, TMP: dir })

/**
 * For Python's own steps (probing an interpreter, `venv`, pip, reading the installed version): the basics and
 * network settings, the run's temporary directory, and an empty home of the run.
 */
export function pythonEnv(base: Env, dirs: { home: string; tmp: string }): Record<string, string> {
  return allowEnv(base, [BASICS, NETWORK], {
    ...tempVariables(dirs.tmp),
    HOME: dirs.home,
    ...(process.platform === 'win32' && { USERPROFILE: dirs.home })
  })
}

/** pip: pythonEnv, no configuration file at all, and the private index as the only one. */
export function pipEnv(
  base: Env,
  dirs: { home: string; tmp: string },
  indexUrl: string
): Record<string, string> {
  return {
    ...pythonEnv(base, dirs),
    // no configuration file (user, global, site or the environment's), so none can add an index or links
    PIP_CONFIG_FILE: os.devNull,
    // the only index: an environment variable of pip's own process, never an argument
    PIP_INDEX_URL: indexUrl
  }
}

/** The names an environment would hand on to the driver for `source` (the credentials set by us aside). */
export function sourceAllowed(source: RunnerSource): Allowed[] {
  return [BASICS, NETWORK, HOME, SOURCE_VARIABLES[source]]
}
