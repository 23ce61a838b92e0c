import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { BuildEnvironmentOptions, Plugin } from 'vite';

/** Where a group's Supabase project may live: any https host, or this machine (a local stack). */
const BACKEND_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

/**
 * The icon: components/common/icon/icon.svg, rendered to committed PNGs by `npm run icons`
 * (components/common/icon/render.ts), copied into the build as icon/<size>.png.
 */
const ICON_SIZES = [16, 32, 48, 128];
const ICONS = Object.fromEntries(ICON_SIZES.map((size) => [size, `icon/${size}.png`]));

/**
 * Private property names of Mozilla Readability 0.6.0 (its `_methods` and `_fields`, the
 * constants and regex table on its prototype, the score it keeps on DOM nodes, its options),
 * which the clipper's minifier shortens like variable names. Nothing outside the bundle reads
 * them: no DOM or JavaScript API, no JSON-LD key, nothing in a TabClip has these names
 * (`byline`, `normalize`, `ELEMENT_NODE`, `TEXT_NODE`, `debug`, `log` stay out for that reason).
 */
const READABILITY_PRIVATE = new RegExp(
  '^_[a-zA-Z]|^(?:' +
    [
      'readability|contentScore|REGEXPS|FLAG_[A-Z_]+|DEFAULT_[A-Z_]+|UNLIKELY_ROLES|DIV_TO_P_ELEMS|ALTER_TO_DIV_EXCEPTIONS',
      'PRESENTATIONAL_ATTRIBUTES|DEPRECATED_SIZE_ATTRIBUTE_ELEMS|PHRASING_ELEMS|CLASSES_TO_PRESERVE|HTML_ESCAPE_MAP',
      'unlikelyCandidates|okMaybeItsACandidate|positive|negative|extraneous|replaceFonts|videos|shareElements|nextLink',
      'prevLink|tokenize|whitespace|hasContent|hashUrl|srcsetUrl|b64DataUrl|commas|jsonLdArticleTypes|adWords|loadingWords',
      'minContentLength|minScore|visibilityChecker|maxElemsToParse|nbTopCandidates|charThreshold|classesToPreserve',
      'keepClasses|serializer|disableJSONLD|allowedVideoRegex|linkDensityModifier',
    ].join('|') +
    ')$',
);

/**
 * How the clipper is minified (tests/bench/bench-scripts.ts builds the plain Readability it is
 * timed against the same way): Terser, three passes, then Rolldown's own minifier over Terser's
 * output, which together come out smaller than either alone.
 * - Readability's private property names are shortened like variable names (READABILITY_PRIVATE);
 *   the two it sets on the page's elements get fixed names with a leading underscore, which no
 *   DOM property has (a short name like `x` or `y` could be one of an <img>).
 * - Readability's `this.log(…)` calls go, with their arguments: without its `debug` option
 *   `log` is an empty function. Property reads count as free of side effects (pure_getters),
 *   which holds for the DOM properties this code reads.
 * - The output stays `(function(){…})()`, the shape WXT's unlisted-script build expects when it
 *   drops the `var clipper =` in front: a script ending in a `var` statement would hand
 *   executeScript no value.
 * - READCLUB_EVERY_RULE_ON: every rule of the passes is on (utils/clipper/rules.ts), so the
 *   switches and the rules' names go.
 */
export const CLIPPER_MINIFY: BuildEnvironmentOptions = {
  minify: 'terser',
  terserOptions: {
    ecma: 2020,
    compress: { passes: 3, pure_funcs: ['this.log'], pure_getters: true },
    mangle: { properties: { regex: READABILITY_PRIVATE } },
    nameCache: { props: { props: { $readability: '_r', $_readabilityDataTable: '_t' } } },
    format: { wrap_iife: true },
  },
  rollupOptions: { output: { minify: { compress: true, mangle: true, codegen: true } } },
};
export const CLIPPER_DEFINE = { READCLUB_EVERY_RULE_ON: 'true' };

/**
 * The clipper is injected into the page on every clip, so its build is squeezed harder than
 * the others (tests/bench/clipper-modules.ts shows where its bytes go):
 * - its minifier (CLIPPER_MINIFY) also shortens Readability's private property names, which
 *   needs a single output file, which an unlisted script is;
 * - WXT's wrapper around an unlisted script (a logger that is silent in production builds and
 *   a try/catch that only logs) becomes a plain call of main(), whose value executeScript returns.
 * Production builds only: `npm run dev` builds it unminified, wrapper and all.
 */
function clipperBuild(): Plugin {
  const isClipper = (id: string) => id.endsWith('/entrypoints/clipper.ts');
  let production = false;
  return {
    name: 'readclub:clipper-build',
    config(config) {
      const entry = config.build?.lib ? config.build.lib.entry : null;
      production = typeof entry === 'string' && isClipper(entry) && config.build?.minify !== false;
      if (!production) return;
      return { define: CLIPPER_DEFINE, build: CLIPPER_MINIFY };
    },
    transform(code, id) {
      if (!production || !id.startsWith('\0virtual:wxt-unlisted-script-entrypoint?') || !isClipper(id)) return;
      const user = /import definition from "([^"]+)"/.exec(code)?.[1];
      if (!user) return;
      return [
        `import definition from ${JSON.stringify(user)};`,
        'import { initPlugins } from "virtual:wxt-plugins";',
        'initPlugins();',
        'export default definition.main();',
      ].join('\n');
    },
  };
}

// One source, two browsers: WXT turns entrypoints/sidepanel into Chrome's side_panel
// and Firefox's sidebar_action.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // No auto-imports: every module imports what it uses (WXT's APIs from #imports).
  imports: false,
  // Parallel builds (benchmarks, a second test run) can build elsewhere than .output.
  outDir: process.env.READCLUB_OUT_DIR ?? '.output',
  // READCLUB_SOURCEMAP=1 writes .js.map files beside the scripts (tests/bench/clipper-modules.ts reads the clipper's).
  vite: () => ({
    plugins: [preact(), clipperBuild()],
    ...(process.env.READCLUB_SOURCEMAP === '1' ? { build: { sourcemap: true } } : {}),
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const size of ICON_SIZES)
        files.push({ absoluteSrc: resolve('components/common/icon', `${size}.png`), relativeDest: `icon/${size}.png` });
    },
    // The toolbar button (Chrome's action, Firefox's browser_action, made from the popup) and
    // Firefox's sidebar show the icon; Firefox puts the button on the toolbar, not in the
    // Extensions menu. Chrome's side panel shows the extension's icons.
    'build:manifestGenerated': (wxt, manifest) => {
      for (const button of [manifest.action, manifest.browser_action, manifest.sidebar_action]) if (button) button.default_icon = ICONS;
      if (wxt.config.browser === 'firefox' && manifest.browser_action) manifest.browser_action.default_area = 'navbar';
    },
  },
  // `npm run dev` opens this browser, unless it found no display (supabase/local/dev-plan.ts).
  // Chromium refuses its sandbox when run as root (CI boxes, containers).
  webExt: {
    disabled: process.env.READCLUB_DEV_NO_BROWSER === '1',
    binaries: existsSync('/usr/bin/chromium') ? { chrome: '/usr/bin/chromium' } : {},
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser }) => ({
    name: 'Readclub',
    icons: ICONS,
    description: "Clip articles into your reading group's shared library and queue them for the next meeting.",
    // activeTab + scripting: the clipper runs only in the tab the user clipped, only when asked
    // (toolbar button, shortcut or menu click each grant activeTab). tabs: the page's address,
    // for the "already in your group" badge; it is sent only to the group's own server
    // (utils/background/saved-badge.ts). contextMenus, notifications: clipping without the popup.
    // alarms: the outbox retries unsent changes with backoff, even after the worker stopped.
    permissions: [
      'storage',
      'alarms',
      'activeTab',
      'scripting',
      'tabs',
      'contextMenus',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // The shortcut clips into the last group used (utils/background/quick-clip.ts); people change it in
    // chrome://extensions/shortcuts or Firefox's add-on shortcuts page. Alt+Shift+S is free in
    // Chrome and Firefox (they use Alt+Shift+T/I/A/B and Ctrl+Shift+S); on macOS Option+Shift+S
    // types "Í", so Mac gets Control+Shift+S. ChromeOS keeps Alt+Shift+S for its status area,
    // where people can pick another key.
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S', mac: 'MacCtrl+Shift+S' },
        description: 'Clip this page to your reading group',
      },
    },
    // End-to-end tests cannot click the toolbar button, which is what grants activeTab, so the
    // test build (READCLUB_TEST_HOSTS=1) may also reach pages on localhost. Nothing else differs.
    host_permissions: process.env.READCLUB_TEST_HOSTS === '1' ? ['http://localhost/*', 'http://127.0.0.1/*'] : [],
    // A backend other than the build's own is asked for at runtime, for its host only, when
    // the member saves it in Options (utils/ui/backend-access.ts). Nothing is granted at install.
    ...(browser === 'firefox' ? { optional_permissions: BACKEND_HOSTS } : { optional_host_permissions: BACKEND_HOSTS }),
    action: { default_title: 'Clip to Readclub' },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'readclub@readclub.app',
              strict_min_version: '140.0',
              // Firefox's consent screen: clips (page content) and the member's email go to the group's server.
              data_collection_permissions: { required: ['websiteContent', 'personallyIdentifyingInfo'] },
            },
          }
        : undefined,
  }),
});
