import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './ui/styles.css';
import { getBridge } from './bridge';
import { requestPersistentStorage } from './db';
import { App } from './ui/App';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Days of work offline live in IndexedDB: ask the browser not to evict it.
void requestPersistentStorage();

// Browser mode: cache the app shell so a reload with no network still opens the workstation.
if (import.meta.env.PROD && getBridge().kind === 'browser' && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
  void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}
