// The app's state: plain data and the actions that change it. Views read it.
import { create } from 'zustand';
import type { TopologyDocument } from '../lib/document/openDocument.ts';
import { decodeInWorker } from './worker/decodeClient.ts';

export interface OpenFile {
  name: string;
  doc: TopologyDocument;
}

interface AppState {
  current: OpenFile | null;
  loading: string | null;
  openBlob: (blob: Blob, name: string) => Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  current: null,
  loading: null,
  openBlob: async (blob, name) => {
    set({ loading: name });
    const doc = await decodeInWorker({ blob });
    set({ current: { name, doc }, loading: null });
  },
}));
