import type { Severity } from '../analyzer';
import type { AnalysisSubject } from '../subject/analysis-subject';
import type { Rule } from './finding';
import { isReadOnly, isWriteDeclared, targetsProduction } from './signals';

const DATABASE_WORDS =
  /\b(?:database|databases|db|sql|postgres(?:ql)?|mysql|mariadb|sqlite|mongo(?:db)?|redis|mssql|oracle|dynamodb|bigquery|snowflake|cassandra)\b/;
const DATABASE_URL_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|mssql|sqlserver|oracle):$/;
/** Statements and verbs that change data; "execute" counts because arbitrary SQL can write. */
const WRITE_WORDS =
  /\b(?:insert|inserts|update|updates|upsert|delete|deletes|drop|truncate|alter|write|writes|modify|execute|executes|arbitrary (?:sql|queries))\b/;

const READ_ONLY_BY_DEFAULT = 'Implement read-only mode by default';

function accessesDatabase(subject: AnalysisSubject): boolean {
  return (
    subject.requirements.database_access === true ||
    DATABASE_WORDS.test(subject.text) ||
    subject.servers.items.some((server) => server.url !== undefined && DATABASE_URL_SCHEMES.test(server.url.protocol))
  );
}

function writesData(subject: AnalysisSubject): boolean {
  return !isReadOnly(subject) && (isWriteDeclared(subject) || WRITE_WORDS.test(subject.text));
}

export const directDatabaseAccess: Rule = (subject) => {
  if (!accessesDatabase(subject)) return [];
  const recommendations = ['Add query validation and sanitization', 'Use connection pooling for performance'];
  return [
    {
      code: 'database.direct-access',
      severity: targetsProduction(subject) ? 'medium' : 'low',
      area: 'security',
      message: 'Direct database access poses security risks',
      recommendations: isReadOnly(subject) ? recommendations : [READ_ONLY_BY_DEFAULT, ...recommendations],
    },
  ];
};

/** Writes to production without a read-only mode are the worst case; authentication limits who can do it. */
export const databaseWriteAccess: Rule = (subject) => {
  if (!accessesDatabase(subject) || !writesData(subject)) return [];
  const production = targetsProduction(subject);
  const severity: Severity = production
    ? subject.hasAuth ? 'medium' : 'high'
    : subject.hasAuth ? 'low' : 'medium';
  return [
    {
      code: 'database.write-access',
      severity,
      area: 'data-integrity',
      message: 'Write operations could corrupt data',
      recommendations: [READ_ONLY_BY_DEFAULT],
    },
  ];
};

export const databaseAccessRules: Rule[] = [directDatabaseAccess, databaseWriteAccess];
