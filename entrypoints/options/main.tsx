import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import '@/components/styles.css';

render(<OptionsApp />, document.getElementById('app')!);
