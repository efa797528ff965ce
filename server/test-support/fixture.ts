import type { Appeal, AppealEvent } from '../../shared/domain';
import type { DemoData } from '../seed/types';

const T0 = '2025-03-03T07:00:00.000Z';

function appeal(id: string, municipalityId: string, assigneeId: string | null, extra: Partial<Appeal> = {}): Appeal {
  return {
    id,
    source: 'vk',
    externalRef: `https://vk.com/wall-1_${id}`,
    author: { name: 'Анна Смирнова', profileUrl: 'https://vk.com/id1' },
    text: 'Во дворе не вывозят мусор уже неделю',
    attachments: [],
    receivedAt: T0,
    category: 'dumps',
    municipalityId,
    settlement: null,
    address: null,
    assigneeId,
    status: assigneeId ? 'assigned' : 'new',
    priority: 'normal',
    firstResponseDueAt: '2025-03-03T13:00:00.000Z',
    dueAt: '2025-04-02T15:00:00.000Z',
    firstRespondedAt: null,
    version: 1,
    updatedAt: T0,
    ...extra,
  };
}

function assigned(a: Appeal, name: string): AppealEvent {
  return {
    id: `ev-${a.id}-assigned`,
    appealId: a.id,
    actorId: null,
    actorName: null,
    kind: 'assigned',
    data: { assigneeId: a.assigneeId, assigneeName: name },
    version: 1,
    at: T0,
  };
}

/** A tiny region for server tests: two municipalities with a clerk each, plus region staff. */
export function tinyDemoData(): DemoData {
  const appeals = [
    appeal('a-m1', 'maykop', 'u-operator'),
    appeal('a-m2', 'maykop', 'u-operator', { status: 'in_progress', version: 2 }),
    appeal('a-m3', 'maykop', null),
    appeal('a-t1', 'takhtamukaysky', 'u-operator2'),
  ];
  return {
    municipalities: [
      { id: 'maykop', name: 'Майкоп', kind: 'city', settlements: ['Майкоп', 'Ханская'] },
      { id: 'takhtamukaysky', name: 'Тахтамукайский район', kind: 'district', settlements: ['Тахтамукай', 'Яблоновский'] },
      { id: 'giaginsky', name: 'Гиагинский район', kind: 'district', settlements: ['Гиагинская', 'Дондуковская'] },
    ],
    users: [
      { id: 'u-operator', username: 'operator', displayName: 'Ирина Петрова', role: 'clerk', municipalityId: 'maykop' },
      { id: 'u-clerk-m2', username: 'clerk-m2', displayName: 'Мурат Хатков', role: 'clerk', municipalityId: 'maykop' },
      { id: 'u-head-m', username: 'head-m', displayName: 'Светлана Берзегова', role: 'supervisor', municipalityId: 'maykop' },
      { id: 'u-operator2', username: 'operator2', displayName: 'Зарема Хагауджева', role: 'clerk', municipalityId: 'takhtamukaysky' },
      { id: 'u-clerk-g', username: 'clerk-g', displayName: 'Ольга Гончарова', role: 'clerk', municipalityId: 'giaginsky' },
      { id: 'u-curator', username: 'curator', displayName: 'Аслан Меретуков', role: 'supervisor', municipalityId: null },
      { id: 'u-admin', username: 'admin', displayName: 'Администратор', role: 'admin', municipalityId: null },
    ],
    appeals,
    replies: [],
    notes: [],
    events: [assigned(appeals[0]!, 'Ирина Петрова'), assigned(appeals[1]!, 'Ирина Петрова'), assigned(appeals[3]!, 'Зарема Хагауджева')],
    templates: [
      { id: 't-shared', title: 'Благодарность', body: 'Спасибо за обращение.', ownerId: null, municipalityId: null, updatedAt: T0 },
      { id: 't-own', title: 'Мой шаблон', body: 'Ваше обращение принято.', ownerId: 'u-operator', municipalityId: 'maykop', updatedAt: T0 },
    ],
  };
}
