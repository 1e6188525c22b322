// The first theme: the one the user chose last time, else the system's.
import type { Theme } from '../../lib/model/view.ts';

const STORAGE_KEY = 'ohcl-topology.theme';

export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage may be disabled (private mode, file://): fall back to the system preference.
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function rememberTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}
