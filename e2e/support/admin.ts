import { expect, type Page } from '@playwright/test';
import { BASE_URL, type ApiUser, type Session } from './api';

/** Helpers of the administrator's console tests: its HTTP API and its place in the workstation. */

export async function adminCall<T>(admin: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE_URL}/api/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${admin.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${method} ${path}: ${text}`);
  return (res.status === 204 ? undefined : JSON.parse(text)) as T;
}

/** A new person made through the API, for a test of its own (unique username). */
export async function createUser(
  admin: Session,
  user: { role: 'clerk' | 'supervisor' | 'admin'; municipalityId: string | null; displayName: string; password: string; prefix: string },
): Promise<ApiUser> {
  const username = `${user.prefix}.${Date.now().toString(36)}`;
  const res = await adminCall<{ user: ApiUser }>(admin, 'POST', '/users', { ...user, prefix: undefined, username });
  return res.user;
}

export function setDisabled(admin: Session, userId: string, disabled: boolean): Promise<unknown> {
  return adminCall(admin, 'POST', `/users/${userId}/disabled`, { disabled });
}

/** Opens «Администрирование» and one of its screens from the keyboard-reachable tabs. */
export async function openConsole(page: Page, screen: string): Promise<void> {
  await page.getByRole('tab', { name: 'Администрирование' }).click();
  await page.getByRole('tablist', { name: 'Разделы администрирования' }).getByRole('tab', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 2, name: screen })).toBeVisible();
}
