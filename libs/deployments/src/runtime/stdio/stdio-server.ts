/** A server entry that runs as a local process speaking MCP over stdio. */
export interface StdioServer {
  command: string;
  args: string[];
  /** The tool's declared environment (secret values already opened by ToolSnapshots). */
  env: Record<string, string>;
  cwd?: string;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The first `servers[]` entry with a `command` (transport `stdio`, or none and no `url`), as the config validator accepts it. */
export function stdioServerOf(toolConfig: Record<string, unknown>): StdioServer | undefined {
  const servers = Array.isArray(toolConfig.servers) ? (toolConfig.servers as Record<string, unknown>[]) : [];
  const entry = servers.find(
    (s) => s && typeof s.command === 'string' && (s.transport === 'stdio' || (s.transport === undefined && s.url === undefined)),
  );
  if (!entry) return undefined;
  return {
    command: entry.command as string,
    args: Array.isArray(entry.args) ? entry.args.filter((a): a is string => typeof a === 'string') : [],
    env: stringRecord(entry.env),
    cwd: typeof entry.cwd === 'string' ? entry.cwd : undefined,
  };
}

/**
 * The child's whole environment: what the tool declares, plus the worker's PATH and HOME so
 * commands resolve and package managers find a cache. Nothing else of the worker's environment
 * (DATABASE_URL, JWT_SECRET, ENCRYPTION_KEY, tokens) reaches it. PATH and HOME are the platform's
 * even when the tool declares its own: the command is looked up in PATH, and a tool-chosen PATH
 * would step around STDIO_ALLOWED_COMMANDS.
 */
export function childEnvironment(declared: Record<string, string>, platform: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = { ...declared };
  delete env.PATH;
  delete env.HOME;
  if (platform.PATH !== undefined) env.PATH = platform.PATH;
  if (platform.HOME !== undefined) env.HOME = platform.HOME;
  return env;
}

/** STDIO_ALLOWED_COMMANDS matches the command exactly: a name looked up in PATH, or an absolute path. */
export function isAllowedCommand(command: string, allowed: string[]): boolean {
  return allowed.includes(command);
}
