import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './index.css';
import { App } from './app/App';
import { AppErrorBoundary } from './app/AppErrorBoundary';
import { bootstrap, loadWhatStartNeeds, prefetchAfterFirstPicture } from './app/bootstrap';

async function start(root: HTMLElement): Promise<void> {
  // Stored work is read before the first render (through the door, loaded on demand): the first picture is
  // the restored work, never an empty canvas replaced a moment later.
  await loadWhatStartNeeds();
  try {
    bootstrap();
  } catch (error) {
    // Nothing stored may keep the app from starting: it starts empty, and the console says why.
    console.error('Crossaccount could not restore the previous work:', error);
  }
  createRoot(root).render(
    <StrictMode>
      <AppErrorBoundary>
        <App />
      </AppErrorBoundary>
    </StrictMode>,
  );
  prefetchAfterFirstPicture();
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void start(root);
