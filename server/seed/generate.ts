import { addDaysToKey } from '../../shared/calendar';
import { computeDeadlines, localDateKey, localInstant } from '../../shared/deadlines';
import type { Appeal, AppealEvent, Attachment, Author, Category, Note, Priority, Reply, Source } from '../../shared/domain';
import { choosePlan, tellStory, type Plan } from './lifecycle';
import { demoBodies, demoRoutingRules } from './bodies';
import { DEMO_MUNICIPALITIES, MAYKOP_STREETS, municipalityRecords, VILLAGE_STREETS, type DemoMunicipality } from './municipalities';
import { demoUsers, randomPerson, shortName, translit, type Person } from './people';
import { isoString } from './iso';
import { mixSeed, Rng, WeightedTable } from './prng';
import { demoTemplates } from './replies';
import { appealText } from './texts';
import type { DemoData, DemoOptions, DemoUser } from './types';

/**
 * The demo region: Adygea's municipalities, their staff and a year of citizens' appeals. Pure
 * and deterministic — the same options give the same data — and fast enough for 100,000 appeals.
 */

const CATEGORY_MIX = new WeightedTable<Category>([
  ['health', 22], ['education', 16], ['social', 19], ['housing', 12], ['roads', 10],
  ['landscaping', 8], ['dumps', 6], ['transport', 4], ['other', 3],
]);
const SOURCE_MIX = new WeightedTable<Source>([
  ['vk', 30], ['ok', 15], ['telegram', 18], ['pos', 14], ['chatbot', 7], ['incident', 6], ['email', 6], ['phone', 4],
]);
const MUNICIPALITY_MIX = new WeightedTable<DemoMunicipality>(DEMO_MUNICIPALITIES.map((m) => [m, m.weight]));
const SETTLEMENT_MIX = new Map(
  DEMO_MUNICIPALITIES.map((m) => [m.id, new WeightedTable(m.settlements.map((s, i) => [s, i === 0 ? (m.kind === 'city' ? 12 : 4) : 1]))]),
);
/** When people write, by Moscow hour: mostly daytime and evening. */
const HOUR_MIX = new WeightedTable<number>(
  [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2.5, 4, 5, 6, 6, 6, 5.5, 5.5, 5.5, 5, 5, 5, 5, 5, 4.5, 3.5, 2].map((w, h) => [h, w]),
);
/** A share of the appeals arrives in the last two weeks, so the queues are lively "now". */
const RECENT_SHARE = 0.1;
const RECENT_DAYS = 14;
const OPEN_PLANS: ReadonlySet<Plan> = new Set(['new', 'assigned', 'in_progress', 'clarification']);

interface Staff {
  supervisor: DemoUser;
  /** The well-known demo login of the municipality, if any; it gets the larger share. */
  primary: DemoUser | undefined;
  clerks: DemoUser[];
}

function staffOf(users: readonly DemoUser[]): Map<string, Staff> {
  const byMunicipality = new Map<string, Staff>();
  const curator = users.find((u) => u.id === 'u-curator') as DemoUser;
  for (const m of DEMO_MUNICIPALITIES) {
    const own = users.filter((u) => u.municipalityId === m.id);
    byMunicipality.set(m.id, {
      supervisor: own.find((u) => u.role === 'supervisor') ?? curator,
      primary: own.find((u) => u.role === 'clerk' && u.id.startsWith('u-operator')),
      clerks: own.filter((u) => u.role === 'clerk'),
    });
  }
  return byMunicipality;
}

/** Receipt instants, oldest first: a year of appeals, denser in the last two weeks. */
function receiptTimes(options: DemoOptions): number[] {
  const rng = new Rng(options.seed);
  const now = options.now.getTime();
  const today = localDateKey(options.now);
  const times: number[] = [];
  for (let i = 0; i < options.appealCount; i++) {
    const daysBack = rng.chance(RECENT_SHARE) ? rng.int(0, RECENT_DAYS - 1) : rng.int(0, 364);
    let t = localInstant(addDaysToKey(today, -daysBack), HOUR_MIX.draw(rng) + rng.next()).getTime();
    while (t >= now) t -= 86_400_000;
    times.push(t);
  }
  return times.sort((a, b) => a - b);
}

function author(source: Source, person: Person, rng: Rng, n: number): Author {
  const handle = `${translit(person.first)}_${translit(person.last)}${rng.chance(0.5) ? rng.int(70, 99) : ''}`;
  switch (source) {
    case 'vk':
      return { name: shortName(person), profileUrl: rng.chance(0.7) ? `https://vk.com/id${100_000_000 + ((n * 7919) % 800_000_000)}` : `https://vk.com/${handle}` };
    case 'ok':
      return { name: shortName(person), profileUrl: `https://ok.ru/profile/${570_000_000_000 + n * 137}` };
    case 'telegram':
      return { name: rng.chance(0.3) ? `${person.first} ${person.last[0]}.` : shortName(person), profileUrl: `https://t.me/${handle}` };
    case 'incident':
      return { name: shortName(person), profileUrl: `https://vk.com/id${200_000_000 + n}` };
    case 'email':
      return { name: `${person.last} ${person.first} ${person.patronymic}`, contact: `${handle.replace('_', '.')}@mail.ru` };
    case 'phone':
    case 'pos':
      return { name: `${person.last} ${person.first} ${person.patronymic}`, contact: phoneNumber(rng) };
    case 'chatbot':
      return { name: shortName(person), profileUrl: `https://t.me/${handle}`, contact: phoneNumber(rng) };
  }
}

const phoneNumber = (rng: Rng) => `+7 9${rng.int(10, 99)} ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`;

function externalRef(source: Source, n: number): string {
  switch (source) {
    case 'vk':
      return `https://vk.com/wall-170245621_${20_000 + n}`;
    case 'ok':
      return `https://ok.ru/group/54321000012345/topic/${150_000_000_000 + n}`;
    case 'telegram':
      return `https://t.me/adygea_cur/${10_000 + n}`;
    case 'incident':
      return `ИМ-${1_000_000 + n}`;
    case 'pos':
      return `ПОС-${3_500_000 + n}`;
    case 'chatbot':
      return `chatbot:${(n * 2654435761) >>> 0}`;
    case 'email':
      return `<${n}.cur@adygheya.ru>`;
    case 'phone':
      return `Звонок № ${n}`;
  }
}

function photos(rng: Rng, num: string): Attachment[] {
  const count = rng.int(1, 3);
  return Array.from({ length: count }, (_, i) => ({
    id: `att-${num}-${i + 1}`,
    name: `IMG_${rng.int(1000, 9999)}.jpg`,
    mime: 'image/jpeg',
    size: rng.int(180_000, 3_200_000),
  }));
}

export function generateDemoData(options: DemoOptions): DemoData {
  const now = options.now.getTime();
  const users = demoUsers();
  const staff = staffOf(users);
  const appeals: Appeal[] = [];
  const replies: Reply[] = [];
  const notes: Note[] = [];
  const events: AppealEvent[] = [];
  const times = receiptTimes(options);

  times.forEach((receivedAt, i) => {
    const rng = new Rng(mixSeed(options.seed, i));
    const n = i + 1;
    const num = String(n).padStart(6, '0');
    const id = `a-${num}`;
    const m = MUNICIPALITY_MIX.draw(rng);
    const [settlement, type] = (SETTLEMENT_MIX.get(m.id) as WeightedTable<readonly [string, string]>).draw(rng);
    const streets = settlement === 'Майкоп' ? MAYKOP_STREETS : VILLAGE_STREETS;
    const street = rng.pick(streets);
    const addr = `${street}, д. ${rng.int(1, 160)}`;
    const category = CATEGORY_MIX.draw(rng);
    const source = SOURCE_MIX.draw(rng);
    const person = randomPerson(rng, type === 'а.' ? 0.85 : 0.25);
    const urgentShare = category === 'health' || category === 'housing' ? 0.12 : 0.05;
    const priority: Priority = rng.chance(urgentShare) ? 'urgent' : 'normal';
    const place = `${type} ${settlement}`;
    const { text, topic } = appealText({ category, source, author: person, place, street, street2: rng.pick(streets), addr }, rng);
    const ref = externalRef(source, n);
    const social = source === 'vk' || source === 'ok' || source === 'telegram' || source === 'incident';
    const deadlines = computeDeadlines({ source, priority, receivedAt: new Date(receivedAt) });
    const firstDue = deadlines.firstResponseDueAt?.getTime() ?? null;
    const due = deadlines.dueAt.getTime();

    const plan = choosePlan(rng, now, receivedAt, firstDue, due);
    const team = staff.get(m.id) as Staff;
    const preferPrimary = team.primary !== undefined && rng.chance(OPEN_PLANS.has(plan) ? 0.65 : 0.4);
    const clerk = preferPrimary ? (team.primary as DemoUser) : rng.pick(team.clerks);
    const story = tellStory(
      {
        num, appealId: id, now, receivedAt, firstDue, due, plan, source, externalRef: ref, category,
        municipalityId: m.id, clerk, supervisor: team.supervisor,
        reply: { category, topic, author: person, formal: !social, officialName: m.officialName, street, addr },
      },
      rng,
    );

    appeals.push({
      id,
      source,
      externalRef: ref,
      author: author(source, person, rng, n),
      text,
      attachments: social && rng.chance(0.22) ? photos(rng, num) : [],
      receivedAt: isoString(receivedAt),
      category,
      municipalityId: m.id,
      settlement,
      address: addr,
      assigneeId: story.assigneeId,
      status: story.status,
      priority,
      firstResponseDueAt: firstDue === null ? null : isoString(firstDue),
      dueAt: isoString(due),
      firstRespondedAt: story.firstRespondedAt,
      version: story.version,
      updatedAt: story.updatedAt,
    });
    for (const r of story.replies) replies.push(r);
    for (const e of story.events) events.push(e);
    for (const note of story.notes) notes.push(note);
  });

  return { municipalities: municipalityRecords(), bodies: demoBodies(), routingRules: demoRoutingRules(), users, appeals, replies, notes, events, templates: demoTemplates(options.now) };
}
