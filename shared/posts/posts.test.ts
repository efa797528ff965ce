import { describe, expect, it } from 'vitest';
import { parseApprovalPolicy } from '../approval';
import { hasContacts, initials, scrubContacts, shortenNames } from './personal-data';
import { canApplyPostMutation, postMutationSchemas, postRequiresApproval, postSubmitProblems, publicPostText, submittedState, type PostQuote } from './post';
import { DEFAULT_POST_TEMPLATE, fillPostTemplate, postDate } from './template';
import { noticeLinkFor, postNoticeText } from './notice';
import { postsByBodyAndMonth } from './analytics';

describe('initials', () => {
  it('shortens a name to its initials', () => {
    expect(initials('Бэла Тхагапсова')).toBe('Б. Т.');
    expect(initials('  бэла   руслановна тхагапсова ')).toBe('Б. Р. Т.');
    expect(initials('Анна-Мария Иванова')).toBe('А.-М. И.');
    expect(initials('id12345')).toBe('I.');
    expect(initials('— 123')).toBe('');
  });
});

describe('shortenNames', () => {
  it('replaces the full name and its words in any case ending', () => {
    const text = 'Бэла Тхагапсова пишет: спасибо от Бэлы и от семьи Тхагапсовых!';
    expect(shortenNames(text, ['Бэла Тхагапсова'])).toBe('Б. Т. пишет: спасибо от Б. и от семьи Т.!');
  });
  it('leaves other words that only begin like a short name alone', () => {
    expect(shortenNames('Иван Ли поблагодарил Ивантеевку', ['Иван Ли'])).toBe('И. Л. поблагодарил Ивантеевку');
  });
});

describe('scrubContacts', () => {
  it('removes phone numbers in their usual spellings and e-mail addresses', () => {
    const text = 'Звоните +7 (900) 123-45-67, 8-900-123-45-67, 89001234567 или 52-12-34, пишите bela.t@mail.ru или житель@почта.рф';
    const out = scrubContacts(text);
    expect(out).toBe('Звоните [скрыто], [скрыто], [скрыто] или [скрыто], пишите [скрыто] или [скрыто]');
    expect(hasContacts(out)).toBe(false);
    expect(hasContacts(text)).toBe(true);
  });
  it('keeps years, house numbers and dates', () => {
    const text = 'С 2024 года дом 15, кв. 7, дорогу сделали 03.12.2026, потратили 1 500 000 рублей';
    expect(scrubContacts(text)).toBe(text);
  });
});

describe('the post template', () => {
  it('fills the address and dates in the region\'s time and keeps a missing value visible', () => {
    const text = fillPostTemplate(DEFAULT_POST_TEMPLATE, {
      address: 'ул. Пионерская, 12',
      body: 'Администрация г. Майкопа',
      firstAppealAt: '2026-11-02T21:30:00Z',
      solvedAt: '2026-12-01T09:00:00Z',
      appealCount: 12,
    });
    expect(text).toContain('по адресу ул. Пионерская, 12 решена');
    expect(text).toContain('сообщили о ней 03.11.2026 (обращений: 12)');
    expect(text).toContain('Администрация г. Майкопа устранил(а) её 01.12.2026');
    expect(fillPostTemplate('Обещали к {{promisedDate}}', { address: '', body: '', firstAppealAt: '', solvedAt: '', appealCount: 0 })).toBe('Обещали к {{promisedDate}}');
    expect(postDate('2026-12-10')).toBe('10.12.2026');
  });
});

const quote = (over: Partial<PostQuote> = {}): PostQuote => ({ appealId: 'a1', text: 'Спасибо, наконец засыпали яму! Бэла, звоните 8 900 123 45 67', authorName: 'Бэла Тхагапсова', consent: true, ...over });

describe('publicPostText', () => {
  it('adds consented quotes signed with initials, without names, phones or e-mails', () => {
    const text = publicPostText({ text: 'Яму на ул. Пионерской засыпали. Вопросы: info@maykop.ru', quotes: [quote()] });
    expect(text).toBe('Яму на ул. Пионерской засыпали. Вопросы: [скрыто]\n\n«Спасибо, наконец засыпали яму! Б., звоните [скрыто]» — Б. Т.');
    expect(text).not.toMatch(/Бэла|Тхагапсова|900/);
  });
  it('leaves out a quote without consent, and its author\'s name in the text is still shortened', () => {
    const text = publicPostText({ text: 'Спасибо Бэле Тхагапсовой за сигнал.', quotes: [quote({ consent: false })] });
    expect(text).toBe('Спасибо Б. Т. за сигнал.');
  });
});

describe('postSubmitProblems', () => {
  const ready = { text: 'Яму засыпали.', quotes: [], photos: [{ attachmentId: 'p1', role: 'after' as const }], channelIds: ['vk-1'] };
  it('passes a complete post and names each gap', () => {
    expect(postSubmitProblems(ready)).toEqual([]);
    expect(postSubmitProblems({ ...ready, text: 'По адресу {{address}}', photos: [{ attachmentId: 'p0', role: 'before' }], channelIds: [] })).toEqual([
      'Заполните в тексте: {{address}}.',
      'Добавьте хотя бы одно фото «после».',
      'Выберите страницу для публикации.',
    ]);
  });
});

describe('approval of a post', () => {
  it('follows the approval policy for the body and the pages\' platforms', () => {
    const policy = parseApprovalPolicy('maykop:vk; *:ok');
    expect(postRequiresApproval(policy, 'maykop', ['telegram', 'vk'])).toBe(true);
    expect(postRequiresApproval(policy, 'maykop', ['telegram'])).toBe(false);
    expect(postRequiresApproval(policy, 'giaginsky', ['vk'])).toBe(false);
    expect(postRequiresApproval(policy, 'giaginsky', ['ok'])).toBe(true);
    expect(postRequiresApproval(parseApprovalPolicy('maykop:*'), 'maykop', ['max'])).toBe(true);
    expect(submittedState(true)).toBe('submitted');
    expect(submittedState(false)).toBe('approved');
  });
  it('allows each step only from its states', () => {
    expect(canApplyPostMutation('post.draft', null)).toBe(true);
    expect(canApplyPostMutation('post.draft', 'returned')).toBe(true);
    expect(canApplyPostMutation('post.draft', 'submitted')).toBe(false);
    expect(canApplyPostMutation('post.submit', null)).toBe(false);
    expect(canApplyPostMutation('post.approve', 'submitted')).toBe(true);
    expect(canApplyPostMutation('post.approve', 'draft')).toBe(false);
    expect(canApplyPostMutation('post.return', 'approved')).toBe(false);
    expect(canApplyPostMutation('post.publish', 'approved')).toBe(true);
    expect(canApplyPostMutation('post.publish', 'published')).toBe(false);
  });
});

describe('post mutation schemas', () => {
  it('clean the text and refuse malformed arguments', () => {
    const draft = postMutationSchemas['post.draft'].parse({ postId: 'p', problemId: 'pr', text: ' Яму\u0000 засыпали ', photos: [], quotes: [quote()], channelIds: ['c'] });
    expect(draft.text).toBe('Яму засыпали');
    expect(postMutationSchemas['post.draft'].safeParse({ postId: 'p', problemId: 'pr', text: '', photos: [{ attachmentId: 'x', role: 'during' }], quotes: [], channelIds: [] }).success).toBe(false);
    expect(postMutationSchemas['post.return'].safeParse({ postId: 'p', comment: '   ' }).success).toBe(false);
    expect(postMutationSchemas['post.approve'].parse({ postId: 'p' })).toEqual({ postId: 'p' });
  });
});

describe('the authors\' notice', () => {
  const links = [
    { channelId: 'tg', platform: 'telegram' as const, url: 'https://t.me/maykop_adm/12' },
    { channelId: 'vk', platform: 'vk' as const, url: 'https://vk.com/wall-1_5' },
  ];
  it('links each author to the post on their own platform, else the first page', () => {
    expect(noticeLinkFor('vk', links)).toBe('https://vk.com/wall-1_5');
    expect(noticeLinkFor('ok', links)).toBe('https://t.me/maykop_adm/12');
    expect(noticeLinkFor(null, [{ channelId: 'x', platform: 'vk', url: 'javascript:alert(1)' }])).toBeNull();
    expect(postNoticeText('https://vk.com/wall-1_5')).toContain('решена. Мы рассказали об этом в публикации: https://vk.com/wall-1_5');
  });
});

describe('posts by body and month', () => {
  it('counts per body and month in Moscow time, with the median days from the first appeal', () => {
    const rows = postsByBodyAndMonth([
      { bodyId: 'maykop', publishedAt: '2026-11-30T21:30:00Z', firstAppealAt: '2026-11-20T21:30:00Z' }, // 1 Dec in Moscow, 10 days
      { bodyId: 'maykop', publishedAt: '2026-12-10T09:00:00Z', firstAppealAt: '2026-12-08T09:00:00Z' }, // 2 days
      { bodyId: 'maykop', publishedAt: '2026-12-11T09:00:00Z', firstAppealAt: '2026-12-12T09:00:00Z' }, // clock skew: 0
      { bodyId: 'giaginsky', publishedAt: '2026-11-15T09:00:00Z', firstAppealAt: '2026-11-01T21:00:00Z' },
    ]);
    expect(rows).toEqual([
      { bodyId: 'giaginsky', month: '2026-11', posts: 1, medianDaysToPost: 13.5 },
      { bodyId: 'maykop', month: '2026-12', posts: 3, medianDaysToPost: 2 },
    ]);
    expect(postsByBodyAndMonth([])).toEqual([]);
  });
});
