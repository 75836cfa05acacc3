import type { Rule } from './finding';

/** Shorter than this, a description names the tool rather than saying what it does. */
const MIN_DESCRIPTION_LENGTH = 20;

export const toolDescription: Rule = (subject) => {
  const length = subject.description.trim().length;
  if (length >= MIN_DESCRIPTION_LENGTH) return [];
  return [
    {
      code: 'metadata.description',
      severity: 'low',
      area: 'documentation',
      message: length === 0 ? 'The tool has no description' : "The tool's description is too short to say what it does",
      recommendations: ["Describe the tool's purpose, its data sources and its side effects"],
    },
  ];
};

export const toolMetadataRules: Rule[] = [toolDescription];
