import { resolveDataSource } from './known-data-sources';

describe('resolveDataSource', () => {
  it.each([
    ['openweathermap', 'https://api.openweathermap.org'],
    ['OpenWeatherMap', 'https://api.openweathermap.org'],
    ['open-meteo', 'https://api.open-meteo.com/v1'],
    ['GitHub', 'https://api.github.com'],
    ['google maps', 'https://maps.googleapis.com/maps/api'],
  ])('knows the public API of %s', (raw, url) => {
    expect(resolveDataSource(raw)).toMatchObject({ url, known: true });
  });

  it('gives any other source a reserved placeholder host', () => {
    expect(resolveDataSource('Acme CRM')).toEqual({
      name: 'acme-crm',
      label: 'Acme CRM',
      url: 'https://acme-crm.example.com',
      known: false,
    });
  });

  it('keeps a placeholder host label within 63 characters', () => {
    const source = resolveDataSource(Array.from({ length: 6 }, () => 'abcdefghijklmn').join(' '))!;

    expect(new URL(source.url).hostname.split('.')[0].length).toBeLessThanOrEqual(63);
    expect(source.name).not.toMatch(/-$/);
  });

  it('ignores a source without letters or digits', () => {
    expect(resolveDataSource('!!!')).toBeUndefined();
  });

  it('does not mistake inherited names for known sources', () => {
    expect(resolveDataSource('constructor')).toMatchObject({ known: false });
  });
});
