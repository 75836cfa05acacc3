import { joinBounded, toSentence, toTitle, words } from './naming';

describe('naming', () => {
  it.each([
    ['current_weather', ['current', 'weather']],
    ['currentWeather', ['current', 'weather']],
    ['  Météo -- Alerts!! ', ['meteo', 'alerts']],
    ['一二三', []],
    ['a b c d e f g h', ['a', 'b', 'c', 'd', 'e', 'f']],
  ])('splits %p into words', (value, expected) => {
    expect(words(value)).toEqual(expected);
  });

  it('joins within a bound without a trailing separator', () => {
    expect(joinBounded(['get', 'weather', 'forecast'], '_', 12)).toBe('get_weather');
    expect(joinBounded(['get', 'weather'], '-', 64)).toBe('get-weather');
  });

  it('writes titles and sentences', () => {
    expect(toTitle(['weather', 'mcp'])).toBe('Weather Mcp');
    expect(toSentence(['get', 'weather', 'alerts'])).toBe('Get weather alerts');
  });
});
