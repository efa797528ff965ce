import { create } from 'zustand';
import type { Role } from '../../../shared/domain';

/**
 * The supervisor's sections; «Очередь» is the workstation every clerk has. «Администрирование»
 * (the console, renderer/ui/admin/) is the administrator's alone.
 */
export const SECTIONS = ['queue', 'staff', 'approvals', 'overdue', 'control', 'resonance', 'analytics', 'reports', 'admin'] as const;
export type Section = (typeof SECTIONS)[number];

/** The tabs this role has: the console is not even drawn for anyone but an administrator. */
export function sectionsFor(role: Role): readonly Section[] {
  return role === 'admin' ? SECTIONS : SECTIONS.filter((s) => s !== 'admin');
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
