import { contractFeasibilityConfig, findingsOf } from '../testing/analysis.factories';
import { databaseWriteAccess, directDatabaseAccess } from './database-access.rules';

describe('database access rules', () => {
  it('flag direct access to a production database, recommending read-only mode first', () => {
    expect(findingsOf(directDatabaseAccess, contractFeasibilityConfig())).toEqual([
      {
        code: 'database.direct-access',
        severity: 'medium',
        area: 'security',
        message: 'Direct database access poses security risks',
        recommendations: [
          'Implement read-only mode by default',
          'Add query validation and sanitization',
          'Use connection pooling for performance',
        ],
      },
    ]);
  });

  it.each([
    ['the database_access requirement', { requirements: { database_access: true } }],
    ['database words', { description: 'Look up customers in PostgreSQL' }],
    ['a database URL', { servers: [{ name: 'db', url: 'postgres://db.internal:5432/app' }] }],
  ])('recognise database access from %s', (_, config) => {
    expect(findingsOf(directDatabaseAccess, config)).toHaveLength(1);
  });

  it('ignore tools that do not touch a database', () => {
    expect(findingsOf(directDatabaseAccess, { description: 'Weather forecasts', requirements: { database_access: false } })).toEqual([]);
  });

  it('rate access outside production lower', () => {
    expect(findingsOf(directDatabaseAccess, { description: 'Query the SQL database' })[0].severity).toBe('low');
  });

  it('do not recommend read-only mode to a read-only tool', () => {
    const [finding] = findingsOf(directDatabaseAccess, { description: 'Read-only SQL reports on production' });

    expect(finding.recommendations).not.toContain('Implement read-only mode by default');
  });

  it.each([
    ['read_only: false', { requirements: { database_access: true, read_only: false } }, 'medium'],
    ['write keywords', { description: 'Insert rows into the database' }, 'medium'],
    ['write tool names', { description: 'Customer database', tools: [{ name: 'delete_customer' }] }, 'medium'],
    ['production without auth', contractFeasibilityConfig(), 'high'],
    ['production with auth', { ...contractFeasibilityConfig(), requirements: { read_only: false, auth: 'oauth2' } }, 'medium'],
    ['auth outside production', { description: 'Update the SQL database', requirements: { authentication: true } }, 'low'],
  ])('flag write access from %s', (_, config, severity) => {
    expect(findingsOf(databaseWriteAccess, config)).toMatchObject([
      { code: 'database.write-access', severity, message: 'Write operations could corrupt data' },
    ]);
  });

  it.each([
    ['an explicit read_only: true', { description: 'Execute SQL queries on production database', requirements: { read_only: true } }],
    ['"read-only" in the description', { description: 'Run read-only SQL queries against the warehouse' }],
    ['no database at all', { description: 'Update the weather cache', requirements: { read_only: false } }],
  ])('do not flag writes given %s', (_, config) => {
    expect(findingsOf(databaseWriteAccess, config)).toEqual([]);
  });
});
