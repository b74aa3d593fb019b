import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot.tsx';
import './theme/tokens.css';
import './theme/base.css';
import './theme/controls.css';
import './theme/pages.css';

const root = document.getElementById('root');
if (!root) throw new Error('Fireflow: #root element missing from index.html');

createRoot(root).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);
