// A person sees a squiggle, reads its hover, and fixes it from the light bulb (Ctrl+.).
import { openFile, waitForWorkbench, type Flow } from './workbench';

export const quickFixFlow: Flow = {
  name: 'a squiggle shows its message on hover and is fixed from the light bulb',
  async run({ page, screenshot }) {
    await waitForWorkbench(page);
    await openFile(page, 'drafts/light-bulb.earth');
    const squiggle = page.locator('.squiggly-error').first();
    await squiggle.waitFor({ timeout: 30_000 });

    // The squiggle is drawn under the text layer: point the mouse at it as a person would.
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the squiggle has no box on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'an Earthfile must start with a VERSION line' });
    await hover.waitFor({ timeout: 30_000 });
    await screenshot('quick-fix-hover');

    // The squiggle covers `build:` on line 1: close the hover, put the cursor there, open the quick fixes.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
    // A person sees the light bulb first; it also means the editor has the fixes for this position.
    await page.locator('.lightBulbWidget').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Add "VERSION 0.8"' });
    await fix.waitFor({ timeout: 30_000 });
    await screenshot('quick-fix-menu');
    // The fix is the only (and focused) entry: Enter applies it, as it does for keyboard users.
    await page.keyboard.press('Enter');

    await page.locator('.monaco-editor .view-line', { hasText: /^VERSION\s0\.8$/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.squiggly-error').waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot('quick-fix-applied');
  },
};
