import type { AnalysisSubject } from '../subject/analysis-subject';
import { commandExecutionRules } from './command-execution.rules';
import { configStructureRules } from './config-structure.rules';
import { databaseAccessRules } from './database-access.rules';
import { embeddedSecretsRules } from './embedded-secrets.rules';
import { filesystemAccessRules } from './filesystem-access.rules';
import type { Finding, Rule } from './finding';
import { networkEgressRules } from './network-egress.rules';
import { toolDefinitionRules } from './tool-definition.rules';
import { toolMetadataRules } from './tool-metadata.rules';
import { urlParameterRules } from './url-parameter.rules';

/** Rule families in reporting order: what the tool does first, then how it is declared. */
export const ALL_RULES: readonly Rule[] = [
  ...databaseAccessRules,
  ...commandExecutionRules,
  ...filesystemAccessRules,
  ...embeddedSecretsRules,
  ...networkEgressRules,
  ...urlParameterRules,
  ...configStructureRules,
  ...toolDefinitionRules,
  ...toolMetadataRules,
];

export function runRules(subject: AnalysisSubject, rules: readonly Rule[] = ALL_RULES): Finding[] {
  return rules.flatMap((rule) => rule(subject));
}
