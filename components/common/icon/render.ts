/**
 * Renders icon.svg into the PNGs the manifests list (16, 32, 48, 128 px), next to it, with
 * headless Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH). The PNGs are committed,
 * so building the extension needs no browser; run `npm run icons` after editing the SVG.
 * tests/e2e/icon.test.ts checks that the committed PNGs are what this script makes from the SVG.
 *
 *   npm run icons                    write 16.png, 32.png, 48.png, 128.png
 *   npm run icons -- --preview DIR   also write DIR/icon-preview.png: every size over a light
 *                                    and a dark toolbar colour, at 1x and magnified
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const ICON_DIR = dirname(fileURLToPath(import.meta.url));
export const ICON_SIZES = [16, 32, 48, 128] as const;
/** Transparent margin around the badge: the 128 px icon is 96 px of artwork, as the Chrome Web Store asks. */
const PADDING: Record<number, number> = { 16: 0, 32: 0, 48: 0, 128: 16 };
/** Toolbar colours the preview puts the icon on: Chrome's light and dark themes. */
export const TOOLBARS = { light: '#ffffff', dark: '#202124' };

export const iconPath = (size: number) => join(ICON_DIR, `${size}.png`);
const svgUrl = () => `data:image/svg+xml;base64,${readFileSync(join(ICON_DIR, 'icon.svg')).toString('base64')}`;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
}

/** The SVG drawn at each size (transparent background), as PNG bytes. */
export async function renderIcons(browser: Browser): Promise<Map<number, Buffer>> {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const out = new Map<number, Buffer>();
  try {
    for (const size of ICON_SIZES) {
      const pad = PADDING[size] ?? 0;
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}img{display:block;margin:${pad}px}</style>` +
          `<img src="${svgUrl()}" width="${size - 2 * pad}" height="${size - 2 * pad}">`,
      );
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await page.close();
  }
  return out;
}

/** One picture of the committed PNGs over each toolbar colour: real size, then magnified 4x without smoothing. */
export async function renderPreview(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  try {
    const img = (size: number, scale: number) =>
      `<img src="data:image/png;base64,${readFileSync(iconPath(size)).toString('base64')}"` +
      ` width="${size * scale}" height="${size * scale}">`;
    const row = (name: string, colour: string) =>
      `<div class="row" style="background:${colour}" data-toolbar="${name}">` +
      ICON_SIZES.map((s) => img(s, 1)).join('') +
      [16, 32].map((s) => img(s, 4)).join('') +
      `</div>`;
    await page.setViewportSize({ width: 720, height: 400 });
    await page.setContent(
      `<style>body{margin:0}.row{display:flex;align-items:center;gap:16px;padding:16px}` +
        `img{image-rendering:pixelated}#all{width:max-content}</style><div id="all">` +
        Object.entries(TOOLBARS)
          .map(([name, colour]) => row(name, colour))
          .join('') +
        `</div>`,
    );
    await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
    return await page.locator('#all').screenshot();
  } finally {
    await page.close();
  }
}

async function main(args: string[]) {
  const browser = await launch();
  try {
    for (const [size, png] of await renderIcons(browser)) writeFileSync(iconPath(size), png);
    const at = args.indexOf('--preview');
    if (at >= 0) {
      const dir = args[at + 1] ?? '.output';
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'icon-preview.png'), await renderPreview(browser));
      console.log(`Preview: ${join(dir, 'icon-preview.png')}`);
    }
    console.log(`Icons: ${ICON_SIZES.map((s) => iconPath(s)).join(', ')}`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
