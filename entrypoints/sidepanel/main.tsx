import { render } from 'preact';
import { SidePanelApp } from '@/components/sidepanel/SidePanelApp';
import '@/components/common/styles.css';

render(<SidePanelApp />, document.getElementById('app')!);
