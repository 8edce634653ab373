import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './index.css';
import { App } from './app/App';
import { AppErrorBoundary } from './app/AppErrorBoundary';
import { bootstrap } from './app/bootstrap';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
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
