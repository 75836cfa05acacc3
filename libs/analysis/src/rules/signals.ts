import type { AnalysisSubject } from '../subject/analysis-subject';

const PRODUCTION = /\bprod(?:uction)?\b/;
const SANDBOX = /\bsandbox(?:ed|ing)?\b/;

/** Signals several rule families share, read from the subject's words and requirements. */
export function targetsProduction(subject: AnalysisSubject): boolean {
  return PRODUCTION.test(subject.text) || subject.requirements.environment === 'production';
}

export function isSandboxed(subject: AnalysisSubject): boolean {
  return subject.requirements.sandbox === true || SANDBOX.test(subject.text);
}

export function isWriteDeclared(subject: AnalysisSubject): boolean {
  return subject.requirements.read_only === false || subject.requirements.write_access === true;
}

/** An explicit `read_only: true` wins; otherwise the words "read-only" count unless writes are declared. */
export function isReadOnly(subject: AnalysisSubject): boolean {
  if (subject.requirements.read_only === true) return true;
  return !isWriteDeclared(subject) && /\bread ?only\b/.test(subject.text);
}
