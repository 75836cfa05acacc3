import type { ServerJsonPackage } from './server-json.types';

export interface StdioCommand {
  command: string;
  args: string[];
}

const NPM_SPEC = /^(@?[^@\s]+)@(\d[^\s]*)$/;
const PYPI_SPEC = /^([A-Za-z0-9._-]+)==([^\s]+)$/;

/**
 * Maps a stdio launch command to a registry package when it names one with a pinned version
 * (`npx -y pkg@1.2.3`, `uvx pkg==1.2.3`, `docker run ... image:tag`); anything else has no
 * server.json form and is left out of the export.
 */
export function packageFromCommand({ command, args }: StdioCommand): ServerJsonPackage | undefined {
  const operands = args.filter((a) => !a.startsWith('-'));
  const transport = { type: 'stdio' as const };
  if (command === 'npx') {
    const match = NPM_SPEC.exec(operands[0] ?? '');
    return match ? { registryType: 'npm', identifier: match[1], version: match[2], runtimeHint: 'npx', transport } : undefined;
  }
  if (command === 'uvx') {
    const match = PYPI_SPEC.exec(operands[0] ?? '');
    return match ? { registryType: 'pypi', identifier: match[1], version: match[2], runtimeHint: 'uvx', transport } : undefined;
  }
  if (command === 'docker' && operands[0] === 'run' && operands.length > 1) {
    return { registryType: 'oci', identifier: operands[operands.length - 1], runtimeHint: 'docker', transport };
  }
  return undefined;
}

/** The inverse: how a client runs a registry package. */
export function commandFromPackage(pkg: ServerJsonPackage): StdioCommand {
  switch (pkg.registryType) {
    case 'npm':
      return { command: 'npx', args: ['-y', `${pkg.identifier}@${pkg.version}`] };
    case 'pypi':
      return { command: 'uvx', args: [`${pkg.identifier}==${pkg.version}`] };
    case 'oci':
      return { command: 'docker', args: ['run', '-i', '--rm', pkg.identifier] };
  }
}
