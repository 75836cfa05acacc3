import type { AnalysisSubject } from '../subject/analysis-subject';
import type { Rule } from './finding';
import { isSandboxed, targetsProduction } from './signals';

const SHELL_WORDS =
  /\b(?:shell|bash|zsh|powershell|subprocess|exec|(?:run|runs|execute|executes|exec|arbitrary|system|os|shell) commands?)\b/;
/** Running code sent by the caller is command execution in another language. */
const CODE_WORDS = /\b(?:run|runs|execute|executes|eval|evaluate|evaluates) (?:the )?(?:user|arbitrary|untrusted|caller|submitted)?\s?(?:code|python|javascript|scripts?)\b/;
const SHELL_BINARIES = /^(?:sh|bash|zsh|dash|ksh|fish|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;
const COMMAND_PARAMETERS = /^(?:cmd|command|commands|script|shell_command)$/i;

function executesCommands(subject: AnalysisSubject): boolean {
  return (
    SHELL_WORDS.test(subject.text) ||
    CODE_WORDS.test(subject.text) ||
    subject.servers.items.some((server) => SHELL_BINARIES.test(baseName(server.command ?? ''))) ||
    subject.tools.items.some((tool) => tool.parameters.items.some((parameter) => COMMAND_PARAMETERS.test(parameter.name)))
  );
}

function baseName(command: string): string {
  return command.trim().split(/[\\/]/).pop() ?? '';
}

/**
 * Running commands is sometimes the point of a tool, so it is a serious risk to mitigate; on
 * production systems without a sandbox it is the one finding that makes a proposal infeasible.
 */
export const commandExecution: Rule = (subject) => {
  if (!executesCommands(subject)) return [];
  const recommendations = [
    'Run commands in an isolated sandbox (container or VM) without access to secrets',
    'Allow-list the permitted commands instead of accepting free-form input',
  ];
  if (targetsProduction(subject) && !isSandboxed(subject)) {
    return [
      {
        code: 'command.production-execution',
        severity: 'critical',
        area: 'security',
        message: 'Unsandboxed command execution on production systems lets callers run arbitrary code there',
        recommendations,
      },
    ];
  }
  return [
    {
      code: 'command.execution',
      severity: 'high',
      area: 'security',
      message: 'Command execution lets callers run arbitrary code on the host',
      recommendations,
    },
  ];
};

export const commandExecutionRules: Rule[] = [commandExecution];
