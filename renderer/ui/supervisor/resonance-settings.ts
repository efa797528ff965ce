import { create } from 'zustand';
import { DEFAULT_RESONANCE_SETTINGS, resonanceSettingsSchema, type ResonanceSettings } from '../../../shared/resonance';

const STORAGE_KEY = 'otklik.resonance';

/** The thresholds this workstation last kept; anything unreadable or out of bounds is the default. */
function stored(): ResonanceSettings {
  try {
    const parsed = resonanceSettingsSchema.safeParse(JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : DEFAULT_RESONANCE_SETTINGS;
  } catch {
    return DEFAULT_RESONANCE_SETTINGS;
  }
}

interface ResonanceSettingsState {
  settings: ResonanceSettings;
  set(settings: ResonanceSettings): void;
}

/**
 * The resonance watch's thresholds, a supervisor's choice kept on the workstation like the
 * escalation threshold: the panel and the notifications read the same ones.
 */
export const resonanceSettingsStore = create<ResonanceSettingsState>((set) => ({
  settings: stored(),
  set: (settings) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(settings));
    set({ settings });
  },
}));

export function useResonanceSettings(): [ResonanceSettings, (s: ResonanceSettings) => void] {
  return [resonanceSettingsStore((s) => s.settings), resonanceSettingsStore((s) => s.set)];
}
