import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { tabIdFromSearch } from '@/utils/ui-format';
import '@/components/styles.css';

// ?tabId=N: clip that tab (end-to-end tests open the popup as a tab); else the active tab.
render(<PopupApp tabId={tabIdFromSearch(location.search)} />, document.getElementById('app')!);
