// Lighthouse (mobile, default config) on one URL with Debian's Chromium;
// prints {"performance": 1, ...} and the failing audits of each category.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const { lhr } = await lighthouse(process.argv[2], { port: chrome.port, output: 'json', logLevel: 'error' });
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score]));
  const failing = {};
  for (const [k, c] of Object.entries(lhr.categories)) {
    failing[k] = c.auditRefs.map((r) => lhr.audits[r.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative'
        && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id}: ${a.title} (${a.score})`);
  }
  console.log(JSON.stringify({ scores, failing, runtimeError: lhr.runtimeError || null }));
} finally {
  await chrome.kill();
}
