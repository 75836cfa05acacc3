import type { AnalysisSubject } from '../subject/analysis-subject';
import type { Rule } from './finding';

const FILE_WRITE_WORDS =
  /\b(?:write|writes|writing|delete|deletes|remove|removes|move|moves|rename|renames|overwrite|overwrites|modify|modifies|create|creates|upload|uploads|edit|edits)(?: to)?(?: the)?(?: local)? (?:files?|director(?:y|ies)|folders?|disk|filesystem|file system)\b/;
const FILE_WRITE_REQUIREMENTS = ['filesystem_write', 'file_write', 'write_files'];
/** The reference filesystem MCP server reads and writes every directory it is given. */
const FILESYSTEM_SERVER = /server-filesystem/;
/** Directories that expose the whole machine rather than a working area. */
const SYSTEM_PATHS = /^(?:\/|~|~\/|\/etc\/?|\/root\/?|\/home\/?|\/usr\/?|\/var\/?|[a-z]:\\?|[a-z]:\\windows\\?)$/i;

function writesFiles(subject: AnalysisSubject): boolean {
  return (
    FILE_WRITE_REQUIREMENTS.some((key) => subject.requirements[key] === true) ||
    FILE_WRITE_WORDS.test(subject.text) ||
    subject.servers.items.some((server) => server.args.some((arg) => FILESYSTEM_SERVER.test(arg)))
  );
}

function exposesSystemPaths(subject: AnalysisSubject): boolean {
  return subject.servers.items.some((server) => server.args.some((arg) => SYSTEM_PATHS.test(arg.trim())));
}

export const filesystemWrite: Rule = (subject) => {
  if (!writesFiles(subject)) return [];
  const systemWide = exposesSystemPaths(subject);
  return [
    {
      code: 'filesystem.write',
      severity: systemWide ? 'high' : 'medium',
      area: 'security',
      message: systemWide
        ? 'Filesystem write access covers system-wide paths, so any file on the host can be changed'
        : "Filesystem write access can modify or delete files beyond the tool's purpose",
      recommendations: [
        'Restrict file access to an allow-listed working directory',
        "Reject paths with '..' segments and resolve symlinks before writing",
      ],
    },
  ];
};

export const filesystemAccessRules: Rule[] = [filesystemWrite];
