import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { create } from 'zustand';

/**
 * The screens of the administrator's console, in the order of its menu. To add a screen, add
 * one entry here: `id` (stable, used in element ids), `label` (an i18n key under
 * admin.sections) and the lazily loaded component that draws it. The console gives every screen
 * its menu tab, keyboard navigation and a labelled panel; a screen draws its own h2.
 */
export interface AdminSection {
  id: string;
  label: string;
  View: LazyExoticComponent<ComponentType>;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'channels', label: 'admin.sections.channels', View: lazy(() => import('./channels/ChannelsView').then((m) => ({ default: m.ChannelsView }))) },
  { id: 'users', label: 'admin.sections.users', View: lazy(() => import('./users/UsersView').then((m) => ({ default: m.UsersView }))) },
  { id: 'bodies', label: 'admin.sections.bodies', View: lazy(() => import('./bodies/BodiesView').then((m) => ({ default: m.BodiesView }))) },
  { id: 'routing', label: 'admin.sections.routing', View: lazy(() => import('./routing/RoutingView').then((m) => ({ default: m.RoutingView }))) },
  { id: 'approval', label: 'admin.sections.approval', View: lazy(() => import('./approval/ApprovalPolicyView').then((m) => ({ default: m.ApprovalPolicyView }))) },
  { id: 'deadlines', label: 'admin.sections.deadlines', View: lazy(() => import('./deadlines/DeadlineRulesView').then((m) => ({ default: m.DeadlineRulesView }))) },
  { id: 'calendar', label: 'admin.sections.calendar', View: lazy(() => import('./deadlines/CalendarView').then((m) => ({ default: m.CalendarView }))) },
  { id: 'templates', label: 'admin.sections.templates', View: lazy(() => import('./templates/TemplatesView').then((m) => ({ default: m.TemplatesView }))) },
  { id: 'tokens', label: 'admin.sections.tokens', View: lazy(() => import('./tokens/TokensView').then((m) => ({ default: m.TokensView }))) },
  { id: 'audit', label: 'admin.sections.audit', View: lazy(() => import('./audit/AuditView').then((m) => ({ default: m.AuditView }))) },
];

interface AdminConsoleState {
  section: string;
  setSection(id: string): void;
  /** A user's card to open on «Пользователи» (a link from a body's staff); taken once by that screen. */
  userToOpen: string | null;
  openUser(id: string): void;
  takeUserToOpen(): string | null;
}

export const useAdminConsole = create<AdminConsoleState>((set, get) => ({
  section: ADMIN_SECTIONS[0]!.id,
  setSection: (section) => set({ section }),
  userToOpen: null,
  openUser: (id) => set({ section: 'users', userToOpen: id }),
  takeUserToOpen: () => {
    const id = get().userToOpen;
    if (id !== null) set({ userToOpen: null });
    return id;
  },
}));
