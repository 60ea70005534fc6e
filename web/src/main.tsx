import { render } from 'preact';
import { App } from './app';
import { installLeaveGuard } from './lib/navigation';
import './styles.css';

// Before the router adds its own listeners, so a refused leave can stop them.
installLeaveGuard();

const root = document.getElementById('app');
if (root) render(<App />, root);
