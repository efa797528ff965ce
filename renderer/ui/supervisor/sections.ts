import { create } from 'zustand';
import type { Role } from '../../../shared/domain';

/**
 * The supervisor's sections; «Очередь» is the workstation every clerk has. «Администрирование»
 * (the console, renderer/ui/admin/) is the administrator's alone.
 */
export const SECTIONS = ['queue', 'staff', 'approvals', 'overdue', 'control', 'resonance', 'bots', 'analytics', 'reports', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * The tabs this person has: the console is not even drawn for anyone but an administrator, and
 * «Чат-боты» (kept by the ЦУР) for no supervisor of a single body.
 */
export function sectionsFor(role: Role, regionScope = true): readonly Section[] {
  return SECTIONS.filter((s) => (s !== 'admin' || role === 'admin') && (s !== 'bots' || role === 'admin' || regionScope));
}

/** What the «Сотрудники» and «Просрочки» screens list, after a number was clicked. */
export interface Drilldown {
  title: string;
  ids: readonly string[];
}

interface SupervisorState {
  section: Section;
  drilldown: Drilldown | null;
  /** The appeal open beside a supervisor's list. */
  openId: string | null;
  setSection(section: Section): void;
  drill(d: Drilldown | null): void;
  open(id: string | null): void;
}

export const useSupervisor = create<SupervisorState>((set) => ({
  section: 'queue',
  drilldown: null,
  openId: null,
  setSection: (section) => set({ section, openId: null }),
  drill: (drilldown) => set({ drilldown, openId: null }),
  open: (openId) => set({ openId }),
}));
