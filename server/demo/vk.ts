import { randomBytes } from 'node:crypto';
import { VkEmulator } from '../channels/vk/emulator';
import type { DemoLine, DemoPlatform, RunningDemoPlatform } from './platform';

const POST_TEXT =
  'Уважаемые жители! Министерство строительства и ЖКХ Адыгеи принимает вопросы о капитальном ремонте, кровлях и подъездах многоквартирных домов. Пишите в комментариях под этой записью — ответим каждому.';

/**
 * The demo's VK community: the construction and housing ministry's, with one post citizens
 * comment under (the most common appeal on an official page; its one clerk answers under the
 * comment, and a rating question there asks for a digit), and the community's messages, where the
 * rating question comes with VK's buttons (a second panel through the same channel).
 */
export async function startVkDemo(): Promise<RunningDemoPlatform> {
  const emulator = await new VkEmulator(
    218_830_127,
    'vk1.a.emulator-community-token',
    randomBytes(18).toString('base64url'),
    randomBytes(4).toString('hex'),
    'vk1.a.emulator-user-token',
    'Минстрой и ЖКХ Адыгеи',
  ).start();
  const post = emulator.post(POST_TEXT);
  let webhookUrl: string | null = null;
  // VK's callbacks carry no names: each name typed on the page is a person with an id of their own.
  const people = new Map<string, number>();
  const personId = (name: string) => people.get(name) ?? people.set(name, 710_000_000 + people.size + 1).get(name)!;
  const nameOf = (fromId: number) => [...people].find(([, id]) => id === fromId)?.[0] ?? `id${fromId}`;

  const messages: DemoPlatform = {
    id: 'vk-messages',
    async write({ name, text }) {
      if (!webhookUrl) return 503;
      const [last] = await emulator.deliver(webhookUrl, emulator.messageNew({ fromId: personId(name), text }), { attempts: 3 });
      return last && last.status === 200 && last.text === 'ok' ? 200 : (last?.status ?? 0);
    },
    // `messageId` is the community's message id, `data` the button's label (the page echoes what it was given).
    async press({ name, messageId, data }) {
      const fromId = people.get(name);
      const msg = fromId === undefined ? undefined : emulator.dialogs.get(fromId)?.find((m) => m.id === messageId);
      if (!webhookUrl || !msg?.keyboard) return 404;
      const call = emulator.buttons.press({ fromId: fromId!, keyboard: msg.keyboard, label: data, conversationMessageId: msg.conversationMessageId });
      const [last] = await emulator.deliver(webhookUrl, call, { attempts: 3 });
      return last && last.status === 200 && last.text === 'ok' ? 200 : (last?.status ?? 0);
    },
    conversation() {
      const lines: DemoLine[] = [];
      for (const [name, id] of people) {
        for (const m of emulator.dialogs.get(id) ?? []) {
          const official = m.fromId === -emulator.groupId;
          lines.push({
            from: official ? 'official' : 'citizen',
            author: official ? `${emulator.groupName} → ${name}` : name,
            text: m.text,
            at: new Date(m.date * 1000).toISOString(),
            ...(official && m.keyboard ? { buttons: m.keyboard.map((row) => row.map((b) => ({ label: b.label, data: b.label }))), messageId: m.id, citizen: name } : {}),
          });
        }
      }
      lines.sort((a, b) => a.at.localeCompare(b.at));
      return {
        id: 'vk-messages',
        title: 'ВКонтакте: сообщения сообществу Минстроя',
        inputLabel: 'Сообщение сообществу',
        context: 'Личные сообщения сообществу министерства. Оценку ответа житель ставит кнопками ВКонтакте. Отвечает сотрудник министерства: minstroy.clerk1 (пароль demo).',
        lines,
      };
    },
  };

  return {
    id: 'vk',
    pages: [messages],
    spec: {
      id: 'demo-vk-minstroy',
      platform: 'vk',
      name: 'ВКонтакте: сообщество Минстроя и ЖКХ Адыгеи',
      bodyId: 'minstroy',
      settings: { apiBaseUrl: emulator.url, groupId: emulator.groupId },
      secrets: { accessToken: emulator.accessToken, callbackSecret: emulator.callbackSecret, confirmationCode: emulator.confirmationCode, userToken: emulator.userToken },
      details: {
        'group_id': String(emulator.groupId),
        'secret («Секретный ключ»)': emulator.callbackSecret,
        'confirmation code': emulator.confirmationCode,
        'post to comment under': `wall-${emulator.groupId}_${post.id}`,
        'VK API of the emulator': emulator.url,
      },
    },
    connected(url) {
      webhookUrl = url;
    },
    async write({ name, text }) {
      if (!webhookUrl) return 503;
      const attempts = await emulator.deliver(webhookUrl, emulator.wallReplyNew({ postId: post.id, fromId: personId(name), text }), { attempts: 3 });
      const last = attempts.at(-1);
      return last && last.status === 200 && last.text === 'ok' ? 200 : (last?.status ?? 0);
    },
    conversation() {
      const lines: DemoLine[] = (emulator.wall.get(post.id)?.comments ?? []).map((c) => ({
        from: c.fromId === -emulator.groupId ? 'official' : 'citizen',
        author: c.fromId === -emulator.groupId ? emulator.groupName : nameOf(c.fromId),
        text: c.text,
        at: new Date(c.date * 1000).toISOString(),
      }));
      // The community's own posts (resolution posts published through wall.post), with their photos.
      for (const p of emulator.publishedPosts()) {
        lines.push({ from: 'official', author: emulator.groupName, text: `Запись на стене (фото: ${p.photos.length}): ${p.text}`, at: new Date(p.date * 1000).toISOString() });
      }
      lines.sort((a, b) => a.at.localeCompare(b.at));
      return { id: 'vk', title: 'ВКонтакте: сообщество Минстроя и ЖКХ Адыгеи', inputLabel: 'Комментарий к записи', context: `Запись сообщества: «${POST_TEXT}» Отвечает сотрудник министерства: в рабочем месте войдите как minstroy.clerk1 (пароль demo).`, lines };
    },
    close: () => emulator.close(),
  };
}
