/*
 * tests/frontends/notebook.mjs - drives Jupyter Notebook (classic, Debian's 6.4)
 * in Debian's headless Chromium through playwright-core, as a person would: run
 * all cells of a notebook, then type new cells for %whos, %refgraph, Tab
 * completion, the Shift-Tab tooltip and an interrupt from the toolbar button.
 *
 * Run by test_notebook.py, which starts the server and installs playwright-core:
 *   node notebook.mjs NODE_PREFIX URL SCREENSHOT_DIR
 * Exit status 0 when every check passed; a failure names the check.
 */
import { createRequire } from 'module';
import path from 'path';

const [nodePrefix, url, shots] = process.argv.slice(2);
const require = createRequire(path.join(nodePrefix, 'package.json'));
const { chromium } = require('playwright-core');

const STEP = 120000; /* ms for any one thing to appear; running all cells gets 10x */

function log(msg) {
    console.log(`notebook.mjs: ${msg}`);
}

class CheckFailed extends Error {}

function check(ok, what) {
    if (!ok)
        throw new CheckFailed(what);
    log(`ok: ${what}`);
}

/* Waits until fn() (run in the page) returns a truthy value; returns it. */
async function until(page, what, fn, arg, timeout = STEP) {
    try {
        const handle = await page.waitForFunction(fn, arg, { timeout, polling: 200 });
        return await handle.jsonValue();
    } catch (e) {
        throw new CheckFailed(`timed out waiting for ${what}: ${e.message.split('\n')[0]}`);
    }
}

const kernelIdle = () =>
    document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;

/* Every non-empty code cell has run ([n], not [*] or [ ]) and the kernel is idle. */
const allCellsRun = () => {
    if (!document.querySelector('#kernel_indicator_icon.kernel_idle_icon'))
        return false;
    const cells = Jupyter.notebook.get_cells().filter(
        c => c.cell_type === 'code' && c.get_text().trim() !== '');
    return cells.every(c => Number.isInteger(c.input_prompt_number)) && cells.length;
};

/* The code cell that ran last: Shift-Enter on the last cell opens a new one
 * below it. Located by index, so later cells do not move it. */
async function ranCell(page) {
    const n = await page.locator('.code_cell').count();
    return page.locator('.code_cell').nth(n - 2);
}

/* Types source into the selected cell (edit mode) and runs it with Shift-Enter,
 * which also opens a new cell below in edit mode. Waits until it has run. */
async function typeAndRun(page, source) {
    const before = await page.evaluate(() => Jupyter.notebook.ncells());
    await page.keyboard.type(source);
    await page.keyboard.press('Shift+Enter');
    await until(page, `"${source}" to run`, n => {
        const cell = Jupyter.notebook.get_cell(n - 1);
        return Jupyter.notebook.ncells() === n + 1 &&
            Number.isInteger(cell.input_prompt_number) &&
            document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
    }, before);
}

/* Waits for selector in cell's output; an error output instead fails at once,
 * quoting it. */
async function output(cell, selector, what) {
    const wanted = cell.locator(`.output_area ${selector}`);
    const error = cell.locator('.output_area .output_error');
    try {
        await wanted.or(error).first().waitFor({ timeout: STEP });
    } catch (e) {
        throw new CheckFailed(`timed out waiting for ${what}`);
    }
    if (await error.count() > 0)
        throw new CheckFailed(`${what}: the cell raised ${await error.innerText()}`);
    return wanted.first();
}

async function run(page) {
    await page.goto(url);
    await until(page, 'the kernel to be ready', kernelIdle);
    check(await page.locator('#kernel_indicator .kernel_indicator_name').innerText() ===
          'Minipy', 'the notebook runs the Minipy kernel');

    /* Cell > Run All, as from the menu bar. */
    await page.click('#celllink');
    await page.click('#run_all_cells > a');
    const ran = await until(page, 'every cell to run', allCellsRun, undefined, 10 * STEP);
    check(ran > 0, `all ${ran} code cells ran`);
    const errors = await page.evaluate(() => Jupyter.notebook.get_cells()
        .filter(c => c.cell_type === 'code' &&
                !(c.metadata.tags || []).includes('raises-exception') &&
                c.output_area.outputs.some(o => o.output_type === 'error'))
        .map(c => c.get_text().slice(0, 60)));
    check(errors.length === 0, `no cell raised (cells with errors: ${JSON.stringify(errors)})`);
    await page.screenshot({ path: path.join(shots, '01-run-all.png') });

    /* The notebook's own %whos and %refgraph cells rendered a table and an SVG. */
    const magics = await page.evaluate(() => Jupyter.notebook.get_cells()
        .map((c, i) => ({ i, text: c.get_text().trim(), el: c.element[0] }))
        .filter(c => /^%(whos|refgraph)\b/.test(c.text))
        .map(c => ({ i: c.i, magic: c.text.split(/\s/)[0],
                     table: c.el.querySelector('.output_html table') !== null,
                     svg: c.el.querySelector('.output_svg svg') !== null })));
    for (const want of ['%whos', '%refgraph'])
        check(magics.some(m => m.magic === want), `the notebook has a ${want} cell`);
    for (const m of magics)
        check(m.magic === '%whos' ? m.table : m.svg,
              `cell ${m.i} (${m.magic}) rendered ${m.magic === '%whos' ? 'a table' : 'an SVG'}`);
    const graph = magics.find(m => m.magic === '%refgraph');
    const graphEl = page.locator('.cell').nth(graph.i);
    await graphEl.scrollIntoViewIfNeeded();
    await graphEl.screenshot({ path: path.join(shots, '02-notebook-refgraph.png') });

    /* A new cell below the last, from the Insert menu, then type into it. */
    await page.evaluate(() => Jupyter.notebook.select(Jupyter.notebook.ncells() - 1));
    await page.click('#insertlink');
    await page.click('#insert_cell_below > a');
    await page.locator('.cell').last().locator('.CodeMirror').click();
    await typeAndRun(page, 'glossary = {"gc": "collector", "rc": "count"}\n' +
                           'ring = [glossary]\nring.append(ring)');

    await typeAndRun(page, '%whos');
    const whosCell = await ranCell(page);
    const whos = await output(whosCell, '.output_html table', 'the %whos table');
    const whosText = await whos.innerText();
    check(/glossary/.test(whosText) && /ring/.test(whosText) && /dict/.test(whosText) &&
          /list/.test(whosText), '%whos shows an HTML table naming glossary and ring');

    await typeAndRun(page, '%refgraph ring');
    const graphCell = await ranCell(page);
    const svg = await output(graphCell, '.output_svg svg', 'the %refgraph SVG');
    const svgText = await svg.textContent();
    check(/ring/.test(svgText) && /list/.test(svgText),
          '%refgraph ring renders an SVG naming ring and its type');

    /* The README's picture: the %whos and %refgraph cells together. */
    /* The notebook scrolls inside the page, so make the window tall enough. */
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport.width, height: 2400 });
    await whosCell.evaluate(e => e.scrollIntoView());
    const a = await whosCell.boundingBox();
    const b = await graphCell.boundingBox();
    await page.screenshot({
        path: path.join(shots, 'whos-refgraph.png'),
        clip: { x: a.x, y: a.y - 4, width: a.width, height: b.y + b.height - a.y + 8 },
    });
    await page.setViewportSize(viewport);
    await page.locator('.cell').last().locator('.CodeMirror').click();

    /* Tab completion: "gl" has several matches (glossary, globals). */
    await page.keyboard.type('gl');
    await page.keyboard.press('Tab');
    const options = page.locator('.completions select option');
    await options.first().waitFor({ timeout: STEP });
    const names = await options.allInnerTexts();
    check(names.includes('glossary') && names.includes('globals'),
          `Tab after "gl" lists glossary and globals (${names.join(', ')})`);
    await page.screenshot({ path: path.join(shots, '03-completion.png') });
    await page.keyboard.press('Escape');
    await page.locator('.cell').last().locator('.CodeMirror').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');

    /* Shift-Tab on a name: the inspect tooltip. */
    await page.keyboard.type('glossary');
    await page.keyboard.press('Shift+Tab');
    const tooltip = page.locator('#tooltip .tooltiptext');
    await until(page, 'the tooltip', () => {
        const t = document.querySelector('#tooltip');
        return t && t.offsetParent !== null && t.innerText.trim() !== '';
    });
    const tip = await tooltip.innerText();
    check(/dict/.test(tip), `Shift-Tab on glossary shows its type (${tip.split('\n')[0]})`);
    await page.screenshot({ path: path.join(shots, '04-tooltip.png') });
    await page.keyboard.press('Escape');
    await page.locator('.cell').last().locator('.CodeMirror').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');

    /* Interrupt from the toolbar while a cell loops forever. */
    await page.keyboard.type('while True: pass');
    await page.keyboard.press('Shift+Enter');
    await until(page, 'the kernel to be busy', () =>
        document.querySelector('#kernel_indicator_icon.kernel_busy_icon') !== null);
    await page.waitForTimeout(1000);
    await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
    const loop = await ranCell(page);
    await loop.locator('.output_error').waitFor({ timeout: STEP });
    check(/KeyboardInterrupt/.test(await loop.locator('.output_error').innerText()),
          'the toolbar interrupt stops the loop with KeyboardInterrupt');
    await until(page, 'the kernel to be idle after the interrupt', kernelIdle);
    await page.screenshot({ path: path.join(shots, '05-interrupt.png') });
    /* The toolbar click left edit mode: click into the new cell first. */
    await page.locator('.cell').last().locator('.CodeMirror').click();
    await typeAndRun(page, 'print("after", len(glossary))');
    const after = await output(await ranCell(page), '.output_text', 'the output after');
    check((await after.innerText()).includes('after 2'),
          'the next cell runs after the interrupt');
}

const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let status = 0;
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
page.on('pageerror', e => log(`page error: ${e.message}`));
try {
    await run(page);
} catch (e) {
    status = 1;
    log(`FAIL: ${e instanceof CheckFailed ? e.message : e.stack}`);
    await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => {});
} finally {
    await browser.close();
}
process.exit(status);
