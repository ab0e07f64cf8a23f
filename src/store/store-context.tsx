import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { mergeImports } from '../evidence/imported-file';
import type { EvidenceSet } from '../evidence/schema';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>');
  return store;
}

/** Subscribe to one slice of state; components pick one field (or use useShallow). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

/** The working evidence set: the bundled one with the user's imports merged in (memoized). */
export function useEvidence(): EvidenceSet | null {
  const bundled = useAppStore((s) => s.evidence);
  const imports = useAppStore((s) => s.imports);
  return useMemo(() => (bundled ? mergeImports(bundled, imports) : null), [bundled, imports]);
}
