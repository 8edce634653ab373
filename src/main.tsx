import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './index.css';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
bootstrap();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
