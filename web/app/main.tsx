import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './index.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline after the first visit (public/sw.js). Relative URL: the scope is
// wherever the app is hosted. Not in development, where Vite serves modules live.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // No service worker (file://, a private window, an old browser): the app works online as before.
  });
}
