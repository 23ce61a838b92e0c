/**
 * The icon's committed PNGs (what the build copies) are what components/common/icon/render.ts makes
 * from icon.svg in real Chromium, so editing the SVG without `npm run icons` fails here; and the
 * badge is the app's accent colour.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, iconPath, launch, renderIcons } from '../../components/common/icon/render';
import { pngSize } from '../support/png-size';

/** Largest difference of any channel of any pixel between two same-sized PNGs, decoded by Chromium. */
async function maxPixelDifference(browser: Browser, a: Buffer, b: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([first, second]) => {
        const pixels = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height).data;
        };
        const [x, y] = await Promise.all([pixels(first!), pixels(second!)]);
        if (x.length !== y.length) return 255;
        let max = 0;
        for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
        return max;
      },
      [a.toString('base64'), b.toString('base64')],
    );
  } finally {
    await page.close();
  }
}

describe('the icon', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has a committed PNG at 16, 32, 48 and 128 px that matches icon.svg as rendered now', async () => {
    const fresh = await renderIcons(browser);
    for (const size of ICON_SIZES) {
      const committed = readFileSync(iconPath(size));
      expect(pngSize(committed), `${size}.png size`).toEqual({ width: size, height: size });
      // Anti-aliasing may differ a little between Chromium versions; a changed shape or colour does not pass.
      expect(
        await maxPixelDifference(browser, committed, fresh.get(size)!),
        `${size}.png is up to date (npm run icons)`,
      ).toBeLessThanOrEqual(24);
    }
  });

  it('reads sizes from PNG headers and refuses other files', () => {
    const header = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(48, 16);
    header.writeUInt32BE(32, 20);
    expect(pngSize(header)).toEqual({ width: 48, height: 32 });
    expect(pngSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
  });

  it('draws its badge in the app’s accent colour', () => {
    const accent = /--accent:\s*(#[0-9a-f]{6})/i.exec(readFileSync('components/common/styles.css', 'utf8'))?.[1];
    const badge = /<rect [^>]*fill="(#[0-9a-f]{6})"/i.exec(readFileSync(join(ICON_DIR, 'icon.svg'), 'utf8'))?.[1];
    expect(accent).toBeDefined();
    expect(badge?.toLowerCase()).toBe(accent?.toLowerCase());
  });
});
