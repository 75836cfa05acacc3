import { readProposal, readRegisteredTool } from './analysis-subject';

describe('readProposal', () => {
  it('reads a proposal and normalises its words for the keyword rules', () => {
    const subject = readProposal({
      name: 'DB Tool',
      description: 'Read-only reports',
      requirements: { shell_access: true, read_only: false, purpose: 'Nightly exports' },
      servers: [{ name: 'primary', url: 'https://db.example.org', headers: { Authorization: '${TOKEN}' } }],
      tools: [{ name: 'deleteRecord', description: 'Deletes a record', parameters: { record_id: { type: 'string' } } }],
    });

    expect(subject).toMatchObject({ kind: 'proposal', name: 'DB Tool', hasAuth: true, truncated: false });
    expect(subject.text.split('\n')).toEqual([
      'db tool',
      'read only reports',
      'shell access',
      'nightly exports',
      'primary',
      'delete record',
      'deletes a record',
      'record id',
    ]);
    expect(subject.servers).toMatchObject({ status: 'list', total: 1, items: [{ url: { protocol: 'https:', hostname: 'db.example.org' } }] });
    expect(subject.tools.items[0].parameters).toMatchObject({ status: 'list', items: [{ name: 'record_id', type: 'string' }] });
  });

  it.each([
    ['servers', { servers: 'x' }, 'malformed'],
    ['servers', {}, 'absent'],
    ['tools', { tools: [] }, 'list'],
  ] as const)('tells %s that are %p apart', (key, config, status) => {
    expect(readProposal(config)[key].status).toBe(status);
  });

  it('bounds the lists it reads and flags the rest as not analysed', () => {
    const subject = readProposal({ tools: Array.from({ length: 300 }, (_, i) => ({ name: `t${i}` })) });

    expect(subject.tools.items).toHaveLength(256);
    expect(subject.tools.total).toBe(300);
    expect(subject.truncated).toBe(true);
  });
});

describe('readRegisteredTool', () => {
  it("takes the tool's own name and description, and servers and tools from its config", () => {
    const subject = readRegisteredTool({ name: 'Weather', description: null, config: { tools: [{ name: 'a' }] } });

    expect(subject).toMatchObject({ kind: 'registered-tool', name: 'Weather', description: '' });
    expect(subject.tools.total).toBe(1);
  });
});
