import { describe, expect, it } from 'vitest';
import { classifyCategory, tokenize } from './classify';
import type { Category } from './domain';

const cases: Array<[Category, string]> = [
  ['health', 'Здравствуйте! Третью неделю не могу записаться к врачу-эндокринологу в поликлинике №2 Майкопа, талонов нет.'],
  ['health', 'В ФАП аула Хатукай уже полгода нет фельдшера, за давлением некому следить.'],
  ['health', 'Скорая ехала к моей маме полтора часа! Это нормально?'],
  ['health', 'Маме не выдают льготные лекарства по рецепту, в аптеке говорят, что инсулина нет.'],
  ['education', 'Моего ребенка не берут в детский сад, мы в очереди с рождения, а места так и не дали.'],
  ['education', 'В школе №5 в кабинете химии уже месяц нет учителя, как дети будут сдавать ЕГЭ?'],
  ['education', 'Почему в лицее отменили бесплатное питание для первоклассников?'],
  ['social', 'Мне отказали в назначении единого пособия на детей, хотя доход семьи ниже прожиточного минимума.'],
  ['social', 'Многодетной семье третий месяц не приходит выплата, в соцзащите ничего не объясняют.'],
  ['social', 'Пенсионерке-ветерану не пересчитали пенсию после индексации, куда обращаться?'],
  ['housing', 'Управляющая компания не подключает отопление, в квартире +14, дети болеют.'],
  ['housing', 'Уже вторую неделю в доме по ул. Пионерской нет горячей воды, а квитанции приходят полные.'],
  ['housing', 'Течёт крыша, в подъезде после каждого дождя потоп, УК не реагирует.'],
  ['roads', 'На улице Гагарина огромные ямы, асфальт разбит, машины ломают подвеску.'],
  ['roads', 'Не работает светофор на перекрёстке Шовгенова и Краснооктябрьской, чуть не случилась авария.'],
  ['landscaping', 'Во дворе дома не горят фонари, детская площадка в темноте, вечером страшно гулять.'],
  ['landscaping', 'В парке сломаны скамейки и качели, когда будет благоустройство?'],
  ['dumps', 'Контейнеры на улице Ленина не вывозят уже неделю, мусор разлетается по всей улице.'],
  ['dumps', 'За станицей образовалась стихийная свалка, жгут отходы, дышать нечем.'],
  ['transport', 'Автобус №7 не ходит по расписанию, на остановке ждём по 40 минут.'],
  ['transport', 'Водитель маршрутки курил в салоне и хамил пассажирам.'],
  ['other', 'Благодарю главу района за праздник в честь Дня станицы!'],
  ['other', 'Подскажите, пожалуйста, часы работы администрации.'],
];

describe('classifyCategory', () => {
  it.each(cases)('reads «%s» from: %s', (category, text) => {
    expect(classifyCategory(text)).toBe(category);
  });

  it('ignores case and ё', () => {
    expect(classifyCategory('ВЫВОЗ МУСОРА')).toBe('dumps');
    expect(classifyCategory('Потёк стояк, течёт вода')).toBe('housing');
  });

  it('prefers the most specific stem of a word', () => {
    expect(classifyCategory('Водитель нагрубил')).toBe('transport'); // not «вод»(а)
    expect(classifyCategory('Прорвало водопровод')).toBe('housing');
  });

  it('does not read the sphere from street names', () => {
    expect(classifyCategory('На ул. Школьной прорвало трубу, вода течёт по улице.')).toBe('housing');
    expect(classifyCategory('Адрес: ул. Набережная, д. 5. Соседи шумят по ночам.')).toBe('other');
    expect(classifyCategory('На улице Транспортной огромные ямы.')).toBe('roads');
    expect(classifyCategory('На улице ямы, не пройти.')).toBe('roads');
  });

  it('matches abbreviations as whole words only', () => {
    expect(classifyCategory('ТКО не вывозят')).toBe('dumps');
    expect(classifyCategory('Ткомпания')).toBe('other');
  });

  it('says other for an empty or unrelated text', () => {
    expect(classifyCategory('')).toBe('other');
    expect(classifyCategory('Спасибо!')).toBe('other');
  });

  it('tokenizes Russian text', () => {
    expect(tokenize('Ёлка, ЁЖ и 5 школ!')).toEqual(['елка', 'еж', 'и', '5', 'школ']);
  });
});
