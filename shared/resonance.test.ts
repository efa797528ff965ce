import { describe, expect, it } from 'vitest';
import { DEFAULT_RESONANCE_SETTINGS, findResonance, judgeSeries, resonanceNoticeId, resonanceSettingsSchema, type ResonanceAppeal } from './resonance';

/**
 * Series of daily counts, oldest first, the last day being judged: shapes of the region's real
 * weeks (a rubbish-collection failure in a district, Mondays' weekend backlog, a slow autumn rise
 * in heating complaints, one village's two letters).
 */
const RUBBISH_SPIKE = [2, 1, 3, 2, 0, 1, 2, 2, 3, 1, 2, 1, 0, 2, 3, 2, 1, 2, 2, 1, 0, 2, 3, 1, 2, 2, 1, 2, 14];
// Mondays (every 7th day, and the judged day) bring the weekend's appeals.
const WEEKLY = [11, 3, 4, 3, 2, 1, 1, 12, 3, 3, 4, 2, 1, 1, 10, 4, 3, 3, 2, 2, 1, 12, 3, 4, 2, 3, 1, 1, 13];
// Heating in October: 5 % more each day for four weeks.
const SLOW_GROWTH = Array.from({ length: 29 }, (_, i) => Math.round(3 * 1.05 ** i));
const VILLAGE = [...new Array<number>(28).fill(0), 2];

describe('the resonance rule on recorded series', () => {
  it('alarms on a real spike: a district’s rubbish collection fails', () => {
    const v = judgeSeries(RUBBISH_SPIKE);
    expect(v.alarm).toBe(true);
    expect(v.today).toBe(14);
    expect(v.ratio).toBeGreaterThan(5);
  });

  it('does not alarm on a weekly rhythm, which a plain four-week mean would', () => {
    const v = judgeSeries(WEEKLY);
    expect(v.alarm).toBe(false);
    expect(v.sameWeekday).toBeCloseTo(11.25, 2);
    // Without the same-weekday baseline this Monday would be three times the mean.
    expect(13 >= DEFAULT_RESONANCE_SETTINGS.ratio * v.mean).toBe(true);
  });

  it('does not alarm on a slow growth: the baseline rises with it', () => {
    const v = judgeSeries(SLOW_GROWTH);
    expect(v.today).toBeGreaterThan(3 * SLOW_GROWTH[0]!);
    expect(v.alarm).toBe(false);
  });

  it('does not alarm on one village’s two complaints, however quiet it was before', () => {
    expect(judgeSeries(VILLAGE).alarm).toBe(false);
    expect(judgeSeries(VILLAGE, { ...DEFAULT_RESONANCE_SETTINGS, minCount: 2 }).alarm).toBe(true);
  });

  it('takes its thresholds as settings, and refuses nonsense ones', () => {
    expect(judgeSeries(RUBBISH_SPIKE, { ...DEFAULT_RESONANCE_SETTINGS, ratio: 10 }).alarm).toBe(false);
    expect(judgeSeries(SLOW_GROWTH, { ...DEFAULT_RESONANCE_SETTINGS, ratio: 1.5 }).alarm).toBe(true);
    expect(resonanceSettingsSchema.safeParse({ baselineDays: 3, ratio: 3, minCount: 5 }).success).toBe(false);
    expect(resonanceSettingsSchema.safeParse({ baselineDays: 28, ratio: 0.5, minCount: 5 }).success).toBe(false);
    expect(resonanceSettingsSchema.safeParse(DEFAULT_RESONANCE_SETTINGS).success).toBe(true);
  });
});

describe('findResonance over appeals', () => {
  const now = new Date('2026-11-16T15:00:00+03:00'); // a Monday afternoon in Moscow
  const day = (back: number, hour = 11) => new Date(now.getTime() - back * 86_400_000 - (15 - hour) * 3_600_000).toISOString();
  let n = 0;
  const appeal = (back: number, text: string, municipalityId: string, hour?: number): ResonanceAppeal => ({ id: `a${++n}`, receivedAt: day(back, hour), text, municipalityId });

  it('names the growing topic and district, with the day’s appeals, and leaves the steady ones alone', () => {
    const appeals: ResonanceAppeal[] = [];
    RUBBISH_SPIKE.forEach((count, i) => {
      for (let k = 0; k < count; k++) appeals.push(appeal(RUBBISH_SPIKE.length - 1 - i, 'Не вывозят мусор с контейнерной площадки', 'giaginsky'));
    });
    // The same topic in Майкоп at its usual pace, and potholes in the district at theirs.
    for (let back = 0; back <= 28; back++) {
      appeals.push(appeal(back, 'Мусоровоз не приезжал', 'maykop'));
      appeals.push(appeal(back, 'Ямы на дороге к школе', 'giaginsky'));
    }
    // Yesterday late evening in Moscow is not today, even though it is the same UTC date as today's morning.
    appeals.push(appeal(1, 'Контейнер переполнен', 'giaginsky', 23));
    const alarms = findResonance(appeals, now, 'Europe/Moscow');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ topicId: 'waste_pickup', topicLabel: 'Вывоз мусора', municipalityId: 'giaginsky', today: 14, alarm: true });
    expect(alarms[0]!.appealIds).toHaveLength(14);
    // The same cluster is the same news all day, and new news the next day.
    expect(alarms[0]!.dayKey).toBe('2026-11-16');
    expect(resonanceNoticeId(alarms[0]!)).toBe('resonance:waste_pickup:giaginsky:2026-11-16');
    const tomorrow = findResonance(appeals, new Date(now.getTime() + 86_400_000), 'Europe/Moscow');
    expect(tomorrow.map(resonanceNoticeId)).not.toContain(resonanceNoticeId(alarms[0]!));
  });

  it('counts nothing outside the window and nothing without a topic', () => {
    const appeals = [appeal(40, 'Не вывозят мусор', 'giaginsky'), ...Array.from({ length: 9 }, () => appeal(0, 'Просто спасибо администрации', 'giaginsky'))];
    expect(findResonance(appeals, now, 'Europe/Moscow')).toEqual([]);
  });
});
