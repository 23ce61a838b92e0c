import { existsSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// One source, two browsers: WXT turns entrypoints/sidepanel into Chrome's side_panel
// and Firefox's sidebar_action.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Parallel builds (benchmarks, a second test run) can build elsewhere than .output.
  outDir: process.env.READCLUB_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  // `npm run dev` opens this browser. Chromium refuses its sandbox when run as root (CI boxes, containers).
  webExt: {
    binaries: existsSync('/usr/bin/chromium') ? { chrome: '/usr/bin/chromium' } : {},
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser }) => ({
    name: 'Readclub',
    description: "Clip articles into your reading group's shared library and queue them for the next meeting.",
    // activeTab + scripting: the clipper runs only in the tab the user clipped, only when asked.
    permissions: ['storage', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // End-to-end tests cannot click the toolbar button, which is what grants activeTab, so the
    // test build (READCLUB_TEST_HOSTS=1) may also reach pages on localhost. Nothing else differs.
    host_permissions: process.env.READCLUB_TEST_HOSTS === '1' ? ['http://localhost/*', 'http://127.0.0.1/*'] : [],
    action: { default_title: 'Clip to Readclub' },
    browser_specific_settings:
      browser === 'firefox' ? {
            gecko: {
              id: 'readclub@readclub.app',
              strict_min_version: '140.0',
              // Firefox's consent screen: clips (page content) and the member's email go to the group's server.
              data_collection_permissions: { required: ['websiteContent', 'personallyIdentifyingInfo'] },
            },
          } : undefined,
  }),
});
