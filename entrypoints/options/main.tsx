import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import '@/components/common/styles.css';

render(<OptionsApp />, document.getElementById('app')!);
