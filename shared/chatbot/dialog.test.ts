import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX_LENGTH, RATE_LIMIT, startState, step, type CitizenInput, type DialogState, type DialogStep } from './dialog';
import { botTreeSchema, treeProblems, type BotTree } from './model';
import { appealFiledMessage, myAppealsMessage } from './texts';

const leaf = { links: [], questions: [], appealBodyId: null, children: [] };
/** The partial-mobilization bot of Adygea, two levels deep. */
const TREE: BotTree = botTreeSchema.parse({
  greeting: 'Здравствуйте! Это бот о частичной мобилизации.',
  topics: [
    {
      id: 'pay',
      title: 'Выплаты',
      answer: 'Выберите вид выплаты.',
      links: [],
      questions: [],
      appealBodyId: null,
      children: [
        { ...leaf, id: 'pay-once', title: 'Единовременная выплата', answer: 'Выплата 100 000 ₽ назначается по заявлению.', links: [{ title: 'Госуслуги', url: 'https://www.gosuslugi.ru/' }] },
        {
          ...leaf,
          id: 'pay-late',
          title: 'Выплата не пришла',
          answer: '',
          questions: [
            { kind: 'settlement', prompt: 'Где вы живёте?' },
            { kind: 'phone', prompt: 'Ваш телефон?' },
            { kind: 'text', prompt: 'Опишите, какая выплата не пришла.' },
          ],
          appealBodyId: 'minsoc',
        },
      ],
    },
    { ...leaf, id: 'family', title: 'Помощь семьям', answer: 'Семьи мобилизованных получают помощь в МФЦ.' },
  ],
});

function run(inputs: CitizenInput[], state: DialogState = startState('abc123', 1), tree = TREE): DialogStep[] {
  const steps: DialogStep[] = [];
  let now = 1_000_000;
  for (const input of inputs) {
    const s = step(state, input, tree, 1, (now += 5000));
    steps.push(s);
    state = s.state;
  }
  return steps;
}
const text = (t: string): CitizenInput => ({ kind: 'text', text: t });
const button = (data: string): CitizenInput => ({ kind: 'button', data });

describe('the bot dialog', () => {
  it('greets with the numbered menu and buttons carrying the conversation nonce', () => {
    const [first] = run([text('/start')]);
    const m = first!.messages[0]!;
    expect(m.text).toContain('Здравствуйте!');
    expect(m.text).toContain('1. Выплаты\n2. Помощь семьям');
    expect(m.text).toContain('Напишите номер темы');
    expect(m.buttons.flat().map((b) => b.label)).toEqual(['Выплаты', 'Помощь семьям', 'Мои обращения']);
    expect(m.buttons[0]![0]!.data).toBe('abc123:t:pay');
    expect(Buffer.byteLength(m.buttons[0]![0]!.data)).toBeLessThanOrEqual(64);
  });

  it('walks two levels by buttons to a ready answer, counted as answered, and stays in the sub-menu', () => {
    const steps = run([text('/start'), button('abc123:t:pay'), button('abc123:t:pay-once')]);
    expect(steps[1]!.messages[0]!.text).toContain('Выберите вид выплаты.\n\n1. Единовременная выплата\n2. Выплата не пришла\n0. Назад');
    const answer = steps[2]!;
    expect(answer.messages[0]!.text).toBe('Выплата 100 000 ₽ назначается по заявлению.\nГосуслуги: https://www.gosuslugi.ru/');
    expect(answer.stats).toEqual([
      { topicId: 'pay-once', outcome: 'taken' },
      { topicId: 'pay-once', outcome: 'answered' },
    ]);
    expect(answer.effect).toBeNull();
    expect(answer.state.at).toBe('pay');
  });

  it('walks the same tree by typed numbers where there are no buttons, and «0» goes back', () => {
    const steps = run([text('Привет'), text('1'), text('0'), text('2')]);
    expect(steps[0]!.messages[0]!.text).toContain('Здравствуйте!');
    expect(steps[1]!.state.at).toBe('pay');
    expect(steps[2]!.state.at).toBeNull();
    expect(steps[3]!.messages[0]!.text).toBe('Семьи мобилизованных получают помощь в МФЦ.');
  });

  it('asks the questions, checks the phone, and files an appeal for the topic’s body', () => {
    const steps = run([text('/start'), text('1'), text('2'), text('Майкоп'), text('позвоните мне'), text('8 (900) 123-45-67'), text('Не пришла выплата за октябрь')]);
    expect(steps[2]!.messages[0]!.text).toContain('Где вы живёте?');
    expect(steps[4]!.messages[0]!.text).toContain('Не похоже на номер телефона');
    expect(steps[4]!.state.asking!.index).toBe(1);
    const last = steps[6]!;
    expect(last.effect).toEqual({
      kind: 'file_appeal',
      topicId: 'pay-late',
      topicTitle: 'Выплаты → Выплата не пришла',
      bodyId: 'minsoc',
      text: 'Тема: Выплаты → Выплата не пришла\nНе пришла выплата за октябрь',
      settlement: 'Майкоп',
      phone: '+79001234567',
    });
    expect(last.stats).toEqual([{ topicId: 'pay-late', outcome: 'appeal' }]);
    expect(last.state.asking).toBeNull();
  });

  it('«отмена» leaves the questions without filing anything', () => {
    const steps = run([text('1'), text('2'), text('Отмена')]);
    expect(steps[2]!.effect).toBeNull();
    expect(steps[2]!.state.asking).toBeNull();
    expect(steps[2]!.messages[0]!.text).toContain('Хорошо, отменено.');
  });

  it('«Мои обращения» by text or by button asks the server for this citizen’s list', () => {
    const steps = run([text('мои  обращения'), button('abc123:mine')]);
    expect(steps.map((s) => s.effect)).toEqual([{ kind: 'list_appeals' }, { kind: 'list_appeals' }]);
  });

  it('refuses invalid input with the menu again: a wrong number, an unknown word', () => {
    const steps = run([text('/start'), text('7'), text('ерунда')]);
    for (const s of steps.slice(1)) {
      expect(s.messages[0]!.text).toContain('Не понял вас.');
      expect(s.effect).toBeNull();
      expect(s.stats).toEqual([]);
    }
  });

  it('refuses forged button data: another conversation’s nonce, a topic not in the tree, extra parts', () => {
    for (const data of ['zzz999:t:pay', 'abc123:t:nope', 'abc123:t:pay:x', 'abc123:mine:1', '<b>x</b>']) {
      const [s] = run([button(data)]);
      expect(s!.messages[0]!.text).toContain('Эта кнопка устарела');
      expect(s!.state.at).toBeNull();
      expect(s!.effect).toBeNull();
    }
  });

  it('refuses a message that is too long, politely, and keeps the question open', () => {
    const steps = run([text('1'), text('2'), text('x'.repeat(MESSAGE_MAX_LENGTH + 1))]);
    expect(steps[2]!.messages[0]!.text).toContain('Сообщение слишком длинное');
    expect(steps[2]!.state.asking!.index).toBe(0);
  });

  it('says to slow down once when a person writes too often, then stays silent until the window passes', () => {
    let state = startState('abc123', 1);
    const said: number[] = [];
    for (let i = 0; i < RATE_LIMIT.max + 3; i += 1) {
      const s = step(state, text('1'), TREE, 1, 1000 + i);
      said.push(s.messages.length);
      state = s.state;
    }
    expect(said.slice(0, RATE_LIMIT.max).every((n) => n > 0)).toBe(true);
    expect(said.slice(RATE_LIMIT.max)).toEqual([1, 0, 0]);
    const later = step(state, text('/start'), TREE, 1, 1000 + RATE_LIMIT.windowMs + 100);
    expect(later.messages[0]!.text).toContain('Здравствуйте!');
  });

  it('a new tree version without the citizen’s current menu puts them back at the top', () => {
    const [, inPay] = run([text('/start'), text('1')]);
    const newer = botTreeSchema.parse({ greeting: 'Новый бот', topics: [{ ...leaf, id: 'family', title: 'Помощь семьям', answer: 'МФЦ' }] });
    const s = step(inPay!.state, text('1'), newer, 2, 2_000_000);
    expect(s.state.version).toBe(2);
    expect(s.messages[0]!.text).toBe('МФЦ');
  });
});

describe('the bot tree', () => {
  it('names what a supervisor must fix: duplicate codes, an empty leaf, an appeal with sub-topics', () => {
    const problems = treeProblems({
      topics: [
        { ...leaf, id: 'a', title: 'Пустая', answer: '' },
        { ...leaf, id: 'a', title: 'Повтор', answer: 'x' },
        { ...leaf, id: 'b', title: 'Меню', answer: '', appealBodyId: 'cur', children: [{ ...leaf, id: 'c', title: 'Лист', answer: 'x' }] },
      ],
    });
    expect(problems).toEqual([
      'У темы «Пустая» нет ни готового ответа, ни обращения',
      'Повторяется код темы «a»',
      'Тема «Меню» с подтемами не может сама становиться обращением',
    ]);
    expect(botTreeSchema.safeParse({ greeting: 'x', topics: [{ ...leaf, id: 'a', title: 'Пустая', answer: '' }] }).success).toBe(false);
  });

  it('sends a topic’s files with its ready answer; a leaf whose answer is only a file is complete; a tree from before files reads as it was', () => {
    const memo = { id: '0b6c1f7e-3d6a-4f7c-9a51-2f1f9c0d0a01', name: 'Памятка.pdf', mime: 'application/pdf', size: 2048 };
    const withFiles = botTreeSchema.parse({
      greeting: 'x',
      topics: [
        { ...leaf, id: 'memo', title: 'Памятка', answer: 'Смотрите файл.', files: [memo] },
        { ...leaf, id: 'only', title: 'Только файл', answer: '', files: [memo] },
      ],
    });
    const steps = run([{ kind: 'text', text: '1' }], startState('abc123', 1), withFiles);
    expect(steps[0]!.messages[0]).toMatchObject({ text: 'Смотрите файл.', files: [memo] });
    expect(steps[0]!.messages[1]!.files).toBeUndefined();
    expect(treeProblems(withFiles)).toEqual([]);
    expect(TREE.topics[0]!.files).toBeUndefined();
    const tooMany = { greeting: 'x', topics: [{ ...leaf, id: 'a', title: 'A', answer: 'x', files: Array.from({ length: 6 }, (_, i) => ({ ...memo, id: `0b6c1f7e-3d6a-4f7c-9a51-2f1f9c0d0a1${i}` })) }] };
    expect(botTreeSchema.safeParse(tooMany).success).toBe(false);
  });

  it('refuses links that are not http(s)', () => {
    const bad = { greeting: 'x', topics: [{ ...leaf, id: 'a', title: 'A', answer: 'x', links: [{ title: 'x', url: 'javascript:alert(1)' }] }] };
    expect(botTreeSchema.safeParse(bad).success).toBe(false);
  });
});

describe('the bot’s words about appeals', () => {
  it('confirms an appeal with its number and deadline, and lists a citizen’s appeals with their states', () => {
    expect(appealFiledMessage('2026-000123', '2026-12-31T20:59:59.000Z').text).toBe(
      'Ваше обращение № 2026-000123 принято. Ответ будет не позднее 31.12.2026. Ответ придёт сюда, в этот чат.',
    );
    expect(myAppealsMessage([]).text).toBe('У вас пока нет обращений.');
    expect(
      myAppealsMessage([{ number: '12', status: 'answered', topic: 'Выплаты', createdAt: '2026-12-01T10:00:00Z', dueAt: '2026-12-30T10:00:00Z' }]).text,
    ).toBe('Ваши обращения:\n№ 12 от 01.12.2026 — Выплаты: дан ответ');
  });
});
