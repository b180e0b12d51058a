// A person sees a squiggle, reads its hover, and fixes it from the light bulb.
import { openFile, waitForWorkbench, type Flow } from './workbench';

export const quickFixFlow: Flow = {
  name: 'a squiggle shows its message on hover and is fixed from the light bulb',
  async run({ page, screenshot }) {
    await waitForWorkbench(page);
    await openFile(page, 'drafts/light-bulb.earth');
    const squiggle = page.locator('.squiggly-error').first();
    await squiggle.waitFor({ timeout: 30_000 });
    // The Run CodeLens drawn above `build:` moves the line down: the mouse goes to the squiggle once it is in place.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Run' }).first().waitFor({ timeout: 30_000 });

    // The squiggle is drawn under the text layer: point the mouse at it as a person would.
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the squiggle has no box on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'an Earthfile must start with a VERSION line' });
    await hover.waitFor({ timeout: 30_000 });
    await screenshot('quick-fix-hover');

    // The squiggle covers `build:` on line 1: close the hover, put the cursor there, and click the light
    // bulb that shows the fixes for the cursor's line.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
    // The bulb opens the fixes it was drawn for. Ctrl+. would ask the server again, and VS Code shows
    // "No code actions available" when that request is overtaken by a code action provider registering
    // (TypeScript, JSON and configuration-editing register theirs in the first seconds of a window).
    // The bulb of the editor that shows the squiggle (other editors of the window have bulbs of their own).
    const editor = page.locator('.monaco-editor', { has: page.locator('.squiggly-error') });
    await editor.locator('.lightBulbWidget').click({ timeout: 30_000 });
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Add "VERSION 0.8"' });
    await fix.waitFor({ timeout: 30_000 });
    await screenshot('quick-fix-menu');
    // The fix is the only (and focused) entry: Enter applies it, as it does for keyboard users.
    await page.keyboard.press('Enter');

    // Ctrl+Home above revealed line 1 below its CodeLens, scrolling by a line: the inserted line 1 is
    // brought into view the same way before it is read.
    await page.keyboard.press('Control+Home');
    await page.locator('.monaco-editor .view-line', { hasText: /^VERSION\s0\.8$/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.squiggly-error').waitFor({ state: 'detached', timeout: 30_000 });
    await screenshot('quick-fix-applied');
  },
};
