import { expect, test, type Locator } from '@playwright/test';
import { BASE_URL, login, snapshot } from './support/api';
import { expectAccessible, openAppeal, openAppealId } from './support/clerk-day';
import { openSection } from './support/supervisor';
import { loginAs, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * The topic chat-bot, end to end through the demo page's Telegram emulator: the curator builds a
 * two-level tree on «Чат-боты» and publishes it; a citizen gets a ready answer on one branch and
 * files an appeal on another; the ministry's clerk answers; the citizen reads the answer in the bot
 * and «Мои обращения» says it is answered.
 */
test('a supervisor builds a two-level topic tree; a citizen gets a ready answer, files an appeal, and sees it answered in «Мои обращения»', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const citizenName = `Фатима Ачмиз ${stamp}`;
  const curatorApi = await login('curator');
  const patchBot = (id: string, body: unknown) =>
    fetch(`${BASE_URL}/api/v1/bots/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${curatorApi.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const curator = await (await browser.newContext()).newPage();
  await loginAs(curator, 'curator');
  await waitForSynced(curator);
  await openSection(curator, 'Чат-боты');
  await curator.getByLabel('Название нового бота').fill(`Бот Минздрава ${stamp}`);
  await curator.getByRole('button', { name: 'Создать бота' }).click();
  await expect(curator.getByRole('status').filter({ hasText: `Бот «Бот Минздрава ${stamp}» создан.` })).toBeVisible();
  const editor = curator.getByRole('region', { name: `Бот Минздрава ${stamp}` });
  await expect(editor.getByText('Дерево ещё не опубликовано')).toBeVisible();
  const botId = ((await (await fetch(`${BASE_URL}/api/v1/bots`, { headers: { authorization: `Bearer ${curatorApi.token}` } })).json()) as { bots: Array<{ id: string; name: string }> }).bots.find(
    (b) => b.name === `Бот Минздрава ${stamp}`,
  )!.id;
  // The bot answers in the ministry's Telegram channel (connected by the administrator).
  await editor.getByRole('group', { name: 'Где работает бот' }).getByRole('checkbox', { name: 'Telegram: бот Минздрава Адыгеи' }).check();
  await expect
    .poll(async () => ((await (await fetch(`${BASE_URL}/api/v1/bots`, { headers: { authorization: `Bearer ${curatorApi.token}` } })).json()) as { bots: Array<{ id: string; channelIds: string[] }> }).bots.find((b) => b.id === botId)?.channelIds)
    .toEqual(['demo-telegram-minzdrav']);

  try {
    // Publishing an empty tree is refused with the reason, and nothing is lost.
    await editor.getByRole('button', { name: 'Опубликовать новую версию' }).click();
    await expect(editor.getByRole('alert')).toContainText('Добавьте хотя бы одну тему');

    await editor.getByRole('button', { name: 'Добавить тему верхнего уровня' }).click();
    await editor.getByLabel('Название кнопки').fill('Здоровье');
    await editor.getByLabel('Код темы (латиница, цифры, - и _)').fill('health');
    await editor.getByRole('button', { name: 'Добавить подтему' }).click();
    await editor.getByLabel('Название кнопки').fill('Запись к врачу');
    await editor.getByLabel('Готовый ответ').fill(`Записаться к врачу можно на Госуслугах или по телефону 122 (${stamp}).`);
    // The answer carries a memo: a file that is not a PDF or a photo is refused in Russian, the PDF is taken.
    const addFile = editor.getByLabel(/^Добавить файл к ответу/);
    await addFile.setInputFiles({ name: 'список.txt', mimeType: 'text/plain', buffer: Buffer.from('не PDF') });
    await expect(editor.getByRole('alert').filter({ hasText: '«список.txt»' })).toContainText('Такой тип файла не принимается');
    await addFile.setInputFiles({ name: `Памятка ${stamp}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% памятка ${stamp}\n`) });
    await expect(editor.getByRole('group', { name: 'Файлы в ответе' }).getByRole('button', { name: `Памятка ${stamp}.pdf` })).toBeVisible();
    await editor.getByRole('button', { name: 'Здоровье', exact: true }).click();
    await editor.getByRole('button', { name: 'Добавить подтему' }).click();
    await editor.getByLabel('Название кнопки').fill('Лекарства');
    // A topic that asks questions must become an appeal: named until it does.
    await editor.getByRole('button', { name: 'Добавить вопрос' }).click();
    await editor.getByLabel('Текст вопроса 1').fill('Какое лекарство и в какой аптеке его нет?');
    await expect(editor.getByRole('alert')).toContainText('Тема «Лекарства» задаёт вопросы, но не становится обращением');
    await editor.getByLabel('Становится обращением в орган').selectOption({ label: 'Министерство здравоохранения Республики Адыгея' });
    await expect(editor.getByRole('alert')).toHaveCount(0);
    await expectAccessible(curator, 'the «Чат-боты» tree editor');
    // Meanwhile a colleague publishes another tree: this draft does not overwrite it unseen, and is kept.
    const colleague = await fetch(`${BASE_URL}/api/v1/bots/${botId}/tree`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${curatorApi.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ baseVersion: 0, tree: { greeting: 'Черновик коллеги', topics: [{ id: 'x', title: 'Тема коллеги', answer: 'Ответ.', links: [], questions: [], appealBodyId: null, children: [] }] } }),
    });
    expect(colleague.status).toBe(200);
    await editor.getByRole('button', { name: 'Опубликовать новую версию' }).click();
    await expect(editor.getByRole('alert')).toContainText('Пока вы правили, опубликована версия 1.');
    await expect(editor.getByRole('button', { name: 'Лекарства', exact: true })).toBeVisible();
    await expect(editor.getByText('Тема коллеги')).toHaveCount(0);
    await editor.getByRole('button', { name: 'Опубликовать мой черновик поверх версии 1' }).click();
    await expect(curator.getByText('Опубликована версия 2.')).toBeVisible();
    // Both versions are kept; the colleague's opens in the editor (to publish again), the citizens still get version 2.
    const editorNow = curator.getByRole('region', { name: `Бот Минздрава ${stamp}` });
    await editorNow.getByText('Опубликованные версии').click();
    const versions = editorNow.getByRole('list', { name: 'Опубликованные версии' });
    await expect(versions.getByRole('listitem')).toHaveCount(2);
    await expect(versions.getByRole('listitem').first()).toContainText('Версия 2');
    await expect(versions.getByRole('listitem').first()).toContainText('(действует сейчас)');
    await expectAccessible(curator, 'the bot’s published versions');
    await versions.getByRole('button', { name: 'Открыть версию 1 в редакторе' }).click();
    await expect(editorNow.getByRole('button', { name: 'Тема коллеги', exact: true })).toBeVisible();
    await expect(curator.getByRole('status').filter({ hasText: 'Версия 1 открыта в редакторе' })).toBeVisible();

    // The citizen walks it.
    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto('/demo');
    const panel = citizen.getByRole('region', { name: 'Telegram: бот Минздрава Адыгеи' });
    const mine = panel.getByRole('listitem').filter({ hasText: `→ ${citizenName}` });
    const press = async (label: string) => {
      const button: Locator = mine.getByRole('group', { name: 'Кнопки сообщения' }).getByRole('button', { name: label, exact: true }).last();
      await expect(button).toBeVisible({ timeout: 15_000 });
      await button.click();
    };
    const say = async (text: string) => {
      await panel.getByLabel('Имя жителя').fill(citizenName);
      await panel.getByLabel('Сообщение боту').fill(text);
      await panel.getByRole('button', { name: 'Отправить' }).click();
      await expect(panel.getByRole('status')).toHaveText(/Отправлено/);
    };
    await say('Здравствуйте');
    await press('Здоровье');
    await press('Запись к врачу');
    await expect(mine.filter({ hasText: `Записаться к врачу можно на Госуслугах или по телефону 122 (${stamp}).` })).toHaveCount(1, { timeout: 15_000 });
    await expect(mine.filter({ hasText: `📎 Файл «Памятка ${stamp}.pdf»` })).toHaveCount(1, { timeout: 15_000 });
    await press('Здоровье');
    await press('Лекарства');
    await expect(mine.filter({ hasText: 'Какое лекарство и в какой аптеке его нет?' })).toHaveCount(1, { timeout: 15_000 });
    await say(`Нет инсулина в аптеке на Пролетарской (${stamp})`);
    await expect(mine.filter({ hasText: /Ваше обращение № \w+ принято/ })).toHaveCount(1, { timeout: 15_000 });

    // The ministry's clerk answers it.
    let appealId = '';
    await expect
      .poll(async () => (appealId = [...(await snapshot(curatorApi)).appeals.values()].find((a) => a.text.includes(`Нет инсулина в аптеке на Пролетарской (${stamp})`))?.id ?? ''), { timeout: 15_000 })
      .not.toBe('');
    const clerk = await (await browser.newContext()).newPage();
    await loginAs(clerk, 'minzdrav.clerk1');
    await waitForSynced(clerk);
    await expect(queueRow(clerk, appealId)).toHaveCount(1, { timeout: 15_000 });
    await queue(clerk).focus();
    await queueRow(clerk, appealId).click();
    await expect.poll(() => openAppealId(clerk)).toBe(appealId);
    await clerk.getByLabel('Ответ гражданину').fill(`Инсулин поступит в аптеку на Пролетарской в четверг (${stamp}).`);
    await clerk.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(openAppeal(clerk).locator('[data-reply-id] .delivery[data-state]').getByRole('status')).toHaveText('доставлено', { timeout: 15_000 });

    // In the bot: the answer, and «Мои обращения» says so.
    await expect(mine.filter({ hasText: `Инсулин поступит в аптеку на Пролетарской в четверг (${stamp}).` })).toHaveCount(1, { timeout: 15_000 });
    await press('Мои обращения');
    await expect(mine.filter({ hasText: /Ваши обращения:.*дан ответ/s })).toHaveCount(1, { timeout: 15_000 });

    // The screen counts it: one appeal through «Лекарства», one ready answer of «Запись к врачу».
    await curator.reload();
    await openSection(curator, 'Чат-боты');
    await curator.getByLabel('Бот', { exact: true }).selectOption({ label: `Бот Минздрава ${stamp}` });
    const figures = curator.getByRole('region', { name: 'Темы за 30 дней' });
    await expect(figures.getByRole('row', { name: /^Здоровье → Лекарства/ }).getByRole('cell').nth(2)).toHaveText('1');
    await expect(figures.getByRole('row', { name: /^Здоровье → Запись к врачу/ }).getByRole('cell').nth(1)).toHaveText('1');
    // The digest for the operational HQ has the bot's section.
    await openSection(curator, 'Отчёты');
    await curator.getByRole('button', { name: 'Этот месяц' }).click();
    await curator.getByRole('button', { name: 'Показать кратко' }).click();
    await expect(curator.getByText(/^Через чат-бот: обращений — [1-9]\d*; чаще всего: /)).toBeVisible({ timeout: 15_000 });
    await clerk.context().close();
    await citizen.context().close();
  } finally {
    // The demo channel goes back to filing every message as an appeal, for the tests after this one.
    await patchBot(botId, { enabled: false });
  }
  await curator.context().close();
});
