import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, login, snapshot } from './support/api';
import { expectAccessible, openAppeal, openAppealId, PNG_1X1 } from './support/clerk-day';
import { openSection } from './support/supervisor';
import { adminCall } from './support/admin';
import { loginAs, queue, queueRow, waitForSynced } from './support/workstation';

/**
 * Closing the loop, through the demo page's emulators: two VK comments and a Telegram message
 * about one leaking roof are linked into one problem by the curator, one answer reaches each
 * author in their own channel, the problem is promised and shows under «Контроль исполнения», it
 * is solved with an «after» photo, each author is asked whether it really is, and one answers
 * «Не решено»: the appeal is back in its clerk's queue.
 */

async function write(citizen: Page, panel: string, input: string, author: string, text: string) {
  const region = citizen.getByRole('region', { name: panel });
  await region.getByLabel('Имя жителя').fill(author);
  await region.getByLabel(input).fill(text);
  await region.getByRole('button', { name: 'Отправить' }).click();
  await expect(region.getByRole('status')).toHaveText(/Отправлено/);
}

test('three appeals about one roof: linked, answered at once in their channels, promised, solved with a photo, reopened by a citizen’s «Не решено», and its approved post published on the VK wall with the photo', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const texts = [
    `Дом 7 по улице Шовгенова: течёт крыша над третьим подъездом, вода в квартире (${stamp})`,
    `Дом 7 по улице Шовгенова: крыша протекает уже неделю, третий подъезд (${stamp})`,
    `Шовгенова, 7: над третьим подъездом течёт кровля, управляющая компания молчит (${stamp})`,
  ];
  const vk = 'ВКонтакте: сообщество Минстроя и ЖКХ Адыгеи';
  const tg = 'Telegram: бот Минздрава Адыгеи';

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto('/demo');
  await write(citizen, vk, 'Комментарий к записи', 'Руслан Хатков', texts[0]!);
  await write(citizen, vk, 'Комментарий к записи', 'Анзор Шеуджен', texts[1]!);
  await write(citizen, tg, 'Сообщение боту', 'Мариет Тлехас', texts[2]!);

  const curatorApi = await login('curator');
  let ids: string[] = [];
  await expect
    .poll(async () => {
      const all = [...(await snapshot(curatorApi)).appeals.values()];
      ids = texts.map((t) => all.find((a) => a.text === t)?.id ?? '').filter(Boolean);
      return ids.length;
    }, { timeout: 15_000 })
    .toBe(3);
  const tgAppeal = ids[2]!;

  // The curator finds them by the house and ticks all three with Space.
  const curator = await (await browser.newContext()).newPage();
  await loginAs(curator, 'curator');
  await waitForSynced(curator);
  await curator.getByRole('button', { name: /^Все в моём МО/ }).click();
  await curator.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill(stamp);
  for (const id of ids) await expect(queueRow(curator, id)).toHaveCount(1, { timeout: 15_000 });
  for (const id of ids) {
    await queueRow(curator, id).click();
    await queue(curator).press('Space');
  }
  await curator.getByRole('group', { name: 'Действия с отмеченными (3)' }).getByRole('button', { name: 'Объединить в проблему' }).click();
  await expect(curator.getByText('Проблема создана, обращений в ней: 3.')).toBeAttached();

  await queueRow(curator, ids[0]!).click();
  await expect.poll(() => openAppealId(curator)).toBe(ids[0]);
  const problem = openAppeal(curator).getByRole('region', { name: 'Проблема' });
  await expect(problem.getByRole('heading', { name: 'Обращения в проблеме (3)' })).toBeVisible({ timeout: 15_000 });
  await expect(problem.locator('.problem-state')).toHaveText('Выявлена');
  await expectAccessible(curator, 'an appeal linked into a problem');

  // One answer for all three, each with its author's name.
  await problem.getByRole('button', { name: 'Ответить всем' }).click();
  await problem.getByLabel('Текст ответа всем авторам').fill(`{{citizenName}}, кровлю над третьим подъездом дома 7 отремонтируют до пятницы (${stamp}).`);
  await problem.getByRole('button', { name: 'Отправить 3 ответа' }).click();
  await expect(problem.getByText('Ответы поставлены в очередь: 3.')).toBeVisible();
  const vkChat = citizen.getByRole('region', { name: vk }).getByRole('list');
  const tgChat = citizen.getByRole('region', { name: tg }).getByRole('list');
  await expect(vkChat.getByText(`кровлю над третьим подъездом дома 7 отремонтируют до пятницы (${stamp})`)).toHaveCount(2, { timeout: 20_000 });
  await expect(tgChat.getByText(`Мариет Тлехас, кровлю над третьим подъездом дома 7 отремонтируют до пятницы (${stamp}).`)).toBeVisible({ timeout: 20_000 });

  // «Принять в работу»: who fixes it and by when; it is then under «Контроль исполнения».
  await problem.getByRole('button', { name: 'Принять в работу' }).click();
  await problem.getByLabel('Обещанный срок').fill('2027-01-15');
  await problem.getByRole('button', { name: 'Сохранить срок' }).click();
  await expect(problem.locator('.problem-state')).toHaveText('В работе');
  // «Аналитика» counts it and leads to the list.
  await openSection(curator, 'Аналитика');
  await expect(curator.getByText(/На контроле: [1-9]\d*, просрочено: \d+, эскалировано: \d+/)).toBeVisible({ timeout: 15_000 });
  await curator.getByRole('button', { name: 'Контроль исполнения', exact: true }).click();
  await expect(curator.getByRole('tab', { name: 'Контроль исполнения' })).toHaveAttribute('aria-selected', 'true');
  const row = curator.getByRole('row').filter({ hasText: 'Шовгенова' }).filter({ hasText: stamp });
  await expect(row).toHaveCount(1, { timeout: 15_000 });
  await expect(row.getByRole('cell').last()).toHaveText('3');
  await expectAccessible(curator, '«Контроль исполнения»');

  // Solved, with the photo after the repair and what was done.
  await row.getByRole('button').click();
  const side = curator.getByRole('region', { name: 'Проблема' });
  await side.getByRole('button', { name: 'Отметить решённой' }).click();
  await side.getByLabel('Что сделано').fill('Кровлю над третьим подъездом перекрыли заново.');
  await side.getByRole('button', { name: 'Проблема решена' }).click();
  // Without an «after» photo it is refused, and the text stays.
  await expect(side.getByRole('alert')).toHaveText('Нужно хотя бы одно фото «после».');
  await expect(side.getByLabel('Что сделано')).toHaveValue('Кровлю над третьим подъездом перекрыли заново.');
  await side.getByLabel('Фото «после» (обязательно)').setInputFiles({ name: 'roof-after.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await side.getByRole('button', { name: 'Проблема решена' }).click();
  await expect(side.locator('.problem-state')).toHaveText('Решена');
  await expect(side.getByText('Кровлю над третьим подъездом перекрыли заново.')).toBeVisible();
  await expect(row).toHaveCount(0, { timeout: 15_000 });
  // The photo goes up from the curator's workstation in the background; the post is composed from it.
  await expect
    .poll(async () => {
      const res = await fetch(`${BASE_URL}/api/v1/sync/snapshot?phase=mine`, { headers: { authorization: `Bearer ${curatorApi.token}` } });
      const problems = ((await res.json()) as { directory: { problems?: Array<{ title: string; evidence: { photos: Array<{ attachment: { id: string } }> } | null }> } }).directory.problems ?? [];
      const photo = problems.find((p) => p.title.includes(stamp))?.evidence?.photos[0]?.attachment.id;
      if (!photo) return 0;
      return (await fetch(`${BASE_URL}/api/v1/attachments/${photo}`, { headers: { authorization: `Bearer ${curatorApi.token}` } })).status;
    }, { timeout: 30_000 })
    .toBe(200);

  // The resolution post: composed by the ministry's clerk from their VK appeal (where the region's
  // rule asks a supervisor to approve VK posts of the ministry), approved by the curator, and
  // published on the community's wall with the photo; every author is told with the link.
  const admin = await login('admin');
  const policy = await adminCall<{ rules: Record<string, string[]> }>(admin, 'GET', '/approval-policy');
  await adminCall(admin, 'PUT', '/approval-policy', { rules: { ...policy.rules, minstroy: ['vk'] } });
  try {
    const author = await (await browser.newContext()).newPage();
    await loginAs(author, 'minstroy.clerk1');
    await waitForSynced(author);
    await author.getByRole('button', { name: /^Все в моём МО/ }).click();
    await author.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill(stamp);
    await queueRow(author, ids[0]!).click();
    const card = openAppeal(author).getByRole('region', { name: 'Проблема' });
    await card.getByRole('button', { name: 'Составить пост о решении' }).click();
    const composer = author.getByRole('region', { name: 'Пост о решении' }).getByRole('region', { name: 'Пост о решении' });
    await expect(composer.getByLabel('Текст поста')).toHaveValue(/решена/, { timeout: 15_000 });
    await expect(composer.getByRole('checkbox', { name: /После: roof-after\.png/ })).toBeChecked();
    await expect(composer.getByRole('checkbox', { name: 'ВКонтакте: сообщество Минстроя и ЖКХ Адыгеи' })).toBeChecked();
    await expectAccessible(author, 'the resolution post composer');
    await composer.getByRole('button', { name: 'Отправить на согласование' }).click();
    await expect(card.getByText('Пост отправлен на согласование руководителю.')).toBeVisible({ timeout: 15_000 });

    await curator.getByRole('tab', { name: 'Очередь' }).click();
    await queueRow(curator, ids[0]!).click();
    const review = openAppeal(curator).getByRole('region', { name: 'Проблема' });
    await expect(review.getByText(/: На согласовании$/)).toBeVisible({ timeout: 15_000 });
    await review.getByRole('button', { name: 'Согласовать и опубликовать' }).click();

    const wall = citizen.getByRole('region', { name: vk }).getByRole('list').getByText(/Запись на стене \(фото: 1\): Проблема по адресу .* решена\.\s+Жители сообщили о ней .*Министерство строительства/s);
    await expect(wall).toBeVisible({ timeout: 20_000 });
    await expect(review.getByText(/: Опубликован$/)).toBeVisible({ timeout: 20_000 });
    await expect(review.getByRole('button', { name: 'Пост на странице: ВКонтакте' })).toBeVisible();
    await expect(tgChat.getByText(/Мы рассказали об этом в публикации: https:\/\/vk\.com\/wall-/)).toBeVisible({ timeout: 20_000 });
    // «Аналитика» counts the post for the ministry, this month.
    await openSection(curator, 'Аналитика');
    const posts = curator.getByRole('region', { name: 'Посты о решении' });
    await expect(posts.getByRole('row', { name: /^Министерство строительства/ }).getByRole('cell').nth(1)).toHaveText(/^[1-9]\d*$/, { timeout: 15_000 });
    await expectAccessible(curator, '«Посты о решении» on «Аналитика»');
    await author.context().close();
  } finally {
    await adminCall(admin, 'PUT', '/approval-policy', policy);
  }

  // Each author was asked, when it was marked solved, whether it is; the Telegram author presses «Не решено».
  const question = citizen
    .getByRole('region', { name: tg })
    .getByRole('listitem')
    .filter({ hasText: '→ Мариет Тлехас' })
    .filter({ hasText: 'отмечена как решённая' });
  await expect(question).toHaveCount(1, { timeout: 20_000 });
  await expect(vkChat.getByText(/отмечена как решённая/)).toHaveCount(2, { timeout: 20_000 });
  await question.getByRole('button', { name: 'Не решено' }).click();

  // Back in the Telegram appeal's clerk's queue.
  const clerk = await (await browser.newContext()).newPage();
  await loginAs(clerk, 'minzdrav.clerk1');
  await waitForSynced(clerk);
  await expect(queueRow(clerk, tgAppeal)).toHaveCount(1, { timeout: 20_000 });
  await queue(clerk).focus();
  await queueRow(clerk, tgAppeal).click();
  await expect(openAppeal(clerk).getByText('Оценка жителя: не решено', { exact: true })).toBeVisible();
  // The citizens' word moves the problem too: «не решено» sends it back in work.
  await expect(openAppeal(clerk).getByRole('region', { name: 'Проблема' }).locator('.problem-state')).toHaveText('В работе', { timeout: 15_000 });

  await clerk.context().close();
  await curator.context().close();
  await citizen.context().close();
});
