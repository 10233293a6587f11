import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Announcer } from './app/announcer.js';
import { App } from './app/app.js';
import './styles/base.css';
import './styles/components.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Announcer>
      <App />
    </Announcer>
  </StrictMode>,
);
